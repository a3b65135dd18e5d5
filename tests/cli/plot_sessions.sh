#!/usr/bin/env bash
# plot_sessions.sh — `mnsim plot` hands gnuplot the session days (events/day where events/kind is
# a session), not the event indices: a run with sessions on days 5, 26, 47 and a serum 1 h after
# each (events interleaved) must give sessions='5 26 47' to run_panels.gp and vlines='5 26 47' to
# the single-figure scripts. A wrapper around gnuplot records the -e argument of every call.
source "$(dirname "$0")/lib.sh"
command -v gnuplot > /dev/null || { echo "gnuplot missing: skipped"; exit 77; }
real=$(command -v gnuplot)
cat > "$WORK/gp" <<WRAP
#!/bin/sh
printf '%s\n' "\$2" >> "$WORK/gp.log"
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
[ "$(grep -c "vlines='5 26 47';" "$WORK/gp.log")" -eq 2 ] \
    || fail "redness/glow figures not given vlines='5 26 47': $(cat "$WORK/gp.log")"
for f in panels redness glow; do [ -s "$WORK/figs/$f.png" ] || fail "no $f.png"; done
echo "PASS plot_sessions"
