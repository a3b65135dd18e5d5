#!/usr/bin/env bash
# tests/cli/plan_failure.sh — a plan that fails half way (here gnuplot fails on the course figure)
# exits 1 and takes back every file of the plan, also those of an older plan it was replacing, so
# that DIR never holds a partly written or mixed plan; files of the user's own in DIR are kept.
# Without gnuplot at all, the plan is still written, without figures, with a warning.
source "$(dirname "$0")/lib.sh"
patient=$MNSIM_SOURCE_DIR/params/patients/default.ini
mkdir "$WORK/plan"
echo "notes" >"$WORK/plan/notes.txt"
run_mnsim plan --patient "$patient" -o "$WORK/plan" -q
expect_rc 0 "first plan"
[ -s "$WORK/plan/plan.md" ] && [ -s "$WORK/plan/figures/panels.png" ] || fail "first plan: no report"

MNSIM_GNUPLOT=/bin/false run_mnsim plan --patient "$patient" -o "$WORK/plan" -q
expect_rc 1 "plan with a failing gnuplot"
expect_err_contains "gnuplot (/bin/false) failed on script" "plan with a failing gnuplot"
left=$(cd "$WORK/plan" && find . -type f | sort)
[ "$left" = "./notes.txt" ] || fail "failed plan left: $left"
echo "failing gnuplot: exit 1, the plan's files taken back, notes.txt kept"

MNSIM_GNUPLOT=/nonexistent run_mnsim plan --patient "$patient" -o "$WORK/plan" -q
expect_rc 0 "plan without gnuplot"
expect_err_contains "the reports are written without it" "plan without gnuplot"
[ -s "$WORK/plan/plan.md" ] && [ -s "$WORK/plan/plan.h5" ] || fail "plan without gnuplot: no report"
[ -e "$WORK/plan/figures/panels.png" ] && fail "plan without gnuplot: a figure exists"
grep -q "panels.png" "$WORK/plan/plan.md" && fail "plan without gnuplot: plan.md links a figure"
echo "PASS $TEST_NAME"
