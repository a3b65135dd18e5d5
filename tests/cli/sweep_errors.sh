#!/usr/bin/env bash
# tests/cli/sweep_errors.sh — every bad sweep file (tests/fixtures/sweeps) is refused with exit 2,
# a message naming file:line and the key, and nothing written; bad options are usage errors.
set -u
: "${MNSIM:?}" "${MNSIM_SOURCE_DIR:?}"
fx=$MNSIM_SOURCE_DIR/tests/fixtures/sweeps
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

expect() { # fixture, expected substring of the message
    local f=$1 want=$2 out rc
    out=$("$MNSIM" sweep "$fx/$f" -o "$tmp/out.h5" -q 2>&1)
    rc=$?
    if [ $rc -ne 2 ]; then echo "FAIL $f: exit $rc, expected 2 ($out)"; fail=1; fi
    if [[ "$out" != *"$want"* ]]; then echo "FAIL $f: message '$out' lacks '$want'"; fail=1; fi
    if [ -e "$tmp/out.h5" ] || [ -e "$tmp/out.h5.partial" ]; then
        echo "FAIL $f: something was written"; fail=1
    fi
}

expect unknown_param.ini "unknown_param.ini:5: unknown parameter 'schedule.intervall_days' (did you mean 'schedule.interval_days'?)"
expect bad_range.ini "bad_range.ini:4: schedule.interval_days: bad range '30:10:1'"
expect zero_step.ini "zero_step.ini:5: schedule.interval_days: bad range '7:56:0': the step must be > 0"
expect empty_list.ini "empty_list.ini:4: schedule.interval_days: empty list"
expect unknown_design.ini "unknown_design.ini:4: design: unknown design 'factorial'"
expect missing_points.ini "missing_points.ini:4: design: lhs needs 'points = N'"
expect grid_bounds.ini "grid_bounds.ini:5: schedule.interval_days: bounds 'low .. high' are for lhs"
expect duplicate.ini "duplicate.ini:5: duplicate key 'schedule.interval_days' in [sweep] (first set on line 4)"
expect out_of_bounds.ini "out_of_bounds.ini:4: schedule.interval_days: 0.5 is out of bounds"
expect not_integer.ini "not_integer.ini:4: schedule.sessions: '2.5' is not a whole number"
expect lhs_list.ini "lhs_list.ini:6: schedule.interval_days: design lhs needs bounds"
expect bad_base.ini "bad_base_run.ini:3: unknown key 'sesions' in [schedule]"
expect no_axes.ini "no_axes.ini: no swept parameter"

# usage errors: exit 2
# (-o a directory, -o the sweep file itself, --set of a swept parameter or an unknown one)
for args in "" "$fx/small_grid.ini -o $tmp" "$fx/small_grid.ini -o $fx/small_grid.ini" \
            "$fx/small_grid.ini -o $tmp/u.h5 --set schedule.sessions=2" \
            "$fx/small_grid.ini -o $tmp/u.h5 --set schedule.sesions=2" \
            "$fx/small_grid.ini -o $tmp/u.h5 --threads 0" \
            "$fx/small_grid.ini -o $tmp/u.h5 --bogus"; do
    # shellcheck disable=SC2086
    "$MNSIM" sweep $args >/dev/null 2>&1
    rc=$?
    if [ $rc -ne 2 ]; then echo "FAIL usage '$args': exit $rc, expected 2"; fail=1; fi
done
# trajectories need one time grid
cat > "$tmp/course.ini" <<'EOT'
[sweep]
schedule.course_days = 100, 200
EOT
out=$("$MNSIM" sweep "$tmp/course.ini" -o "$tmp/c.h5" --trajectories -q 2>&1)
rc=$?
if [ $rc -ne 2 ] || [[ "$out" != *"course.ini:2: --trajectories needs the same time grid"* ]]; then
    echo "FAIL trajectories over a swept course: exit $rc, '$out'"; fail=1
fi
[ $fail -eq 0 ] && echo "sweep_errors: ok"
exit $fail
