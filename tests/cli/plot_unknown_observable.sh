#!/usr/bin/env bash
# tests/cli/plot_unknown_observable.sh — `mnsim plot` with an unknown (or, for a run file, not a
# time series) --observable exits 2 before writing anything: no figure, no directory, not even
# when the unknown name comes after valid ones; an existing directory is left as it was.
source "$(dirname "$0")/lib.sh"
fx=$MNSIM_SOURCE_DIR/tests/fixtures/sweeps
"$MNSIM" run "$MNSIM_SOURCE_DIR/params/default.ini" -o "$WORK/run.h5" -q || fail "run"
cp "$fx/small_grid.ini" "$fx/base_120.ini" "$WORK/"
"$MNSIM" sweep "$WORK/small_grid.ini" -o "$WORK/sweep.h5" -q || fail "sweep"
expect_nothing() { # DIR WHAT
    [ -e "$1" ] && fail "$2: $1 exists: $(find "$1" | head -5 | tr '\n' ' ')"
    return 0
}

run_mnsim plot "$WORK/run.h5" -o "$WORK/a" --observable nosuch
expect_rc 2 "run file, unknown observable"
expect_err_contains "no numeric dataset 'nosuch'" "run file, unknown observable"
expect_nothing "$WORK/a" "run file, unknown observable"

# a misspelt name gets a suggestion
run_mnsim plot "$WORK/run.h5" -o "$WORK/a" --observable rednes
expect_rc 2 "run file, misspelt observable"
expect_err_contains "no numeric dataset 'rednes' in group '/' (did you mean 'redness'?)" \
    "run file, misspelt observable"
expect_nothing "$WORK/a" "run file, misspelt observable"

run_mnsim plot "$WORK/run.h5" -o "$WORK/b" --observable redness glow nosuch
expect_rc 2 "run file, unknown observable after valid ones"
expect_nothing "$WORK/b" "run file, unknown observable after valid ones"

# a group name, not a time series
run_mnsim plot "$WORK/run.h5" -o "$WORK/c" --observable redness metrics
expect_rc 2 "run file, not a time series"
expect_nothing "$WORK/c" "run file, not a time series"

run_mnsim plot "$WORK/sweep.h5" -o "$WORK/d" --observable collagen_gain_percent nosuch
expect_rc 2 "sweep file, unknown observable after a valid one"
expect_err_contains "no numeric dataset 'nosuch'" "sweep file, unknown observable"
expect_nothing "$WORK/d" "sweep file, unknown observable after a valid one"

# default output directory (FILE without .h5): not created either
run_mnsim plot "$WORK/run.h5" --observable nosuch
expect_rc 2 "default directory, unknown observable"
expect_nothing "$WORK/run" "default directory, unknown observable"

# an existing directory keeps exactly what it had
mkdir "$WORK/e" && echo keep >"$WORK/e/notes.txt"
run_mnsim plot "$WORK/run.h5" -o "$WORK/e" --observable glow nosuch
expect_rc 2 "existing directory, unknown observable"
[ "$(cd "$WORK/e" && find . -mindepth 1)" = "./notes.txt" ] || fail "existing directory changed"
echo "PASS $TEST_NAME"
