#!/usr/bin/env bash
# tests/cli/sensitivity_errors.sh — every bad sensitivity file (tests/fixtures/sensitivity) is
# refused with exit 2, a message naming file:line and what was expected, and nothing written;
# bad options are usage errors (exit 2).
source "$(dirname "$0")/lib.sh"
fx=$MNSIM_SOURCE_DIR/tests/fixtures/sensitivity

expect() { # fixture, expected substring of the message
    run_mnsim sensitivity "$fx/$1" -o "$WORK/out.h5" -q
    expect_rc 2 "$1"
    expect_err_contains "$2" "$1"
    [ ! -e "$WORK/out.h5" ] && [ ! -e "$WORK/out.h5.partial" ] || fail "$1: something was written"
}

expect unknown_param.ini "unknown_param.ini:5: unknown parameter 'collagen.synthesis_bost' (did you mean 'collagen.synthesis_boost'?)"
expect inverted.ini "inverted.ini:4: schedule.interval_days: bad range '42 .. 14': the upper bound is below the lower one"
expect not_numeric.ini "not_numeric.ini:4: schedule.interval_days: upper bound: 'abc' is not a number"
expect log_zero.ini "log_zero.ini:4: pigment.ambient_uv: bad range '0 .. 1 log': a log scale needs a lower bound > 0"
expect unknown_metric.ini "unknown_metric.ini:6: metrics: unknown metric 'collagen_gain'"
expect unknown_key.ini "unknown_key.ini:6: unknown key 'metric' in [sensitivity]"
expect bad_bootstrap.ini "bad_bootstrap.ini:6: bootstrap: 'lots' is not a whole number"
expect bad_confidence.ini "bad_confidence.ini:6: confidence: '95' is not a number in (0, 1)"
expect odd_levels.ini "odd_levels.ini:4: levels: '3' is not an even whole number"
expect not_sensitivity.ini "not_sensitivity.ini:2: design: 'sobol' is not a sensitivity design"

for args in "" "$fx/ok_tiny.ini -o $WORK" "$fx/ok_tiny.ini -o $WORK/u.h5 --threads 0" \
            "$fx/ok_tiny.ini -o $WORK/u.h5 --bogus"; do
    # shellcheck disable=SC2086
    run_mnsim sensitivity $args
    expect_rc 2 "usage '$args'"
done
[ -z "$(ls "$WORK")" ] || fail "usage errors wrote $(ls "$WORK")"
echo "PASS sensitivity_errors"
