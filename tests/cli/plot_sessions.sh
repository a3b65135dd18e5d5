#!/usr/bin/env bash
# plot_sessions.sh — `mnsim plot` hands gnuplot the session days (events/day where events/kind is
# a session), not the event indices: a run with sessions on days 5, 26, 47 and a serum 1 h after
# each (events interleaved) must give sessions='5 26 47' to run_panels.gp and vlines='5 26 47' to
# the single-observable figures; the redness figure overlays the three sessions on the days since
# each: its table starts at each session's post-session redness and stops before the next session.
# A wrapper around gnuplot records the -e argument of every call and keeps each data table.
source "$(dirname "$0")/lib.sh"
command -v gnuplot > /dev/null || { echo "gnuplot missing: skipped"; exit 77; }
real=$(command -v gnuplot)
cat > "$WORK/gp" <<WRAP
#!/bin/sh
printf '%s\n' "\$2" >> "$WORK/gp.log"
data=\$(printf '%s' "\$2" | sed -n "s/^data='\\([^']*\\)'.*/\\1/p")
[ -n "\$data" ] && cp "\$data" "$WORK/table_\$(grep -c . "$WORK/gp.log").tsv"
exec "$real" "\$@"
WRAP
chmod +x "$WORK/gp"

run_mnsim run "$MNSIM_SOURCE_DIR/params/default.ini" -o "$WORK/s.h5" --quiet \
    --set schedule.first_day=5 --set schedule.interval_days=21 --set schedule.sessions=3 \
    --set schedule.course_days=80 --set aftercare.serum_hours=1
expect_rc 0 "run"
# the file itself: six events (session, serum) x 3, sessions on days 5, 26, 47
kinds=$("$MNSIM" export "$WORK/s.h5" --group events --dataset kind day --tsv | tail -n +2 | cut -f2 | tr '\n' ' ')
[ "$kinds" = "0 1 0 1 0 1 " ] || fail "events/kind is '$kinds', expected sessions and serums interleaved"

MNSIM_GNUPLOT="$WORK/gp" run_mnsim plot "$WORK/s.h5" -o "$WORK/figs" --observable glow --quiet
expect_rc 0 "plot"
[ "$(grep -c . "$WORK/gp.log")" -eq 3 ] || fail "expected 3 gnuplot calls, got: $(cat "$WORK/gp.log")"
grep -q "sessions='5 26 47';" "$WORK/gp.log" || fail "run_panels.gp not given sessions='5 26 47': $(cat "$WORK/gp.log")"
[ "$(grep -c "vlines='5 26 47';" "$WORK/gp.log")" -eq 1 ] \
    || fail "the glow figure not given vlines='5 26 47': $(cat "$WORK/gp.log")"
grep -q "x='days_after_session'; ycols='session_1 session_2 session_3';" "$WORK/gp.log" \
    || fail "redness figure: not the three sessions overlaid: $(cat "$WORK/gp.log")"
# the overlay's table (2nd call): tau from 0 by 0.25 day, each session's redness just after it
# (the run's sample at the session day), ending before the next session 21 days later
"$MNSIM" export "$WORK/s.h5" --dataset redness --tsv | awk -F'\t' 'NR > 1 && ($1 == 5 || $1 == 26 || $1 == 47 || $1 == 6 || $1 == 27 || $1 == 48) { print $1, $2 }' > "$WORK/at_sessions"
"$PY" - "$WORK/table_2.tsv" "$WORK/at_sessions" <<'PYEOF' || fail "redness overlay table wrong"
import sys
rows = [l.split("\t") for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
head, rows = rows[0], [[float(x) for x in r] for r in rows[1:]]
assert [h.strip() for h in head] == ["days_after_session", "session_1", "session_2", "session_3"], head
at = {float(a): float(b) for a, b in (l.split() for l in open(sys.argv[2]))}
assert rows[0][0] == 0 and rows[1][0] == 0.25, rows[:2]
for i, day in enumerate((5, 26, 47)):
    assert abs(rows[0][1 + i] - at[day]) <= 1e-12 * at[day], (day, rows[0], at[day])
    assert at[day] > 0.5, at  # the post-session peak, not the untreated value
    k = [r[0] for r in rows].index(1.0)
    assert abs(rows[k][1 + i] - at[day + 1]) <= 1e-12 * at[day + 1], (day, rows[k], at)
assert rows[-1][0] < 21, rows[-1]
print("overlay ok:", len(rows), "rows up to", rows[-1][0], "days")
PYEOF
for f in panels redness glow; do [ -s "$WORK/figs/$f.png" ] || fail "no $f.png"; done
echo "PASS plot_sessions"
