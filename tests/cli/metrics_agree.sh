#!/usr/bin/env bash
# tests/cli/metrics_agree.sh — the metrics of a course are a property of the solution, not of the
# command or the output grid: `mnsim run` at output.step_days 0.25 and 7.3, a one-point
# `mnsim sweep` and the course `mnsim plan` recommends (run again with `mnsim run`) agree to 1e-6
# relative on every metric, and `run` takes no more integrator steps than the sweep path
# (solver/steps of the run file vs the sweep's `steps`).
source "$(dirname "$0")/lib.sh"
base=$MNSIM_SOURCE_DIR/params/default.ini

run_mnsim run "$base" -o "$WORK/r025.h5" -q
expect_rc 0 "run at step_days 0.25"
run_mnsim run "$base" --set output.step_days=7.3 -o "$WORK/r73.h5" -q
expect_rc 0 "run at step_days 7.3"
printf '[sweep]\nbase = %s\nprocedure.depth_mm = 1.5\n' "$base" >"$WORK/one.ini"
run_mnsim sweep "$WORK/one.ini" -o "$WORK/s.h5" --threads 1 -q
expect_rc 0 "one-point sweep"
run_mnsim plan --patient "$base" --interval 28 --sessions 3 -q -o "$WORK/plan"
expect_rc 0 "plan"
# the recommended course, simulated again by `mnsim run` with its schedule
sched=$("$PY" - "$WORK/plan/recommended_course.h5" <<'EOP'
import sys, h5py
a = h5py.File(sys.argv[1])["parameters/schedule"].attrs
print(" ".join(f"--set schedule.{k}={float(a[k])!r}"
               for k in ("first_day", "interval_days", "sessions", "course_days")))
EOP
)
# shellcheck disable=SC2086
run_mnsim run "$base" $sched --set output.step_days=1 -o "$WORK/rplan.h5" -q
expect_rc 0 "run of the plan's course"

"$PY" - "$WORK" <<'EOP' || fail "metrics disagree (see above)"
import sys, math, h5py
w = sys.argv[1]
ok = True
def need(cond, what):
    global ok
    if not cond:
        print("FAIL:", what)
        ok = False
def run_file(path):
    f = h5py.File(path)
    return {k: float(v[()]) for k, v in f["metrics"].items()}, int(f["solver"].attrs["steps"])
def close(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= 1e-6 * max(abs(a), abs(b))
r025, steps025 = run_file(f"{w}/r025.h5")
r73, steps73 = run_file(f"{w}/r73.h5")
s = h5py.File(f"{w}/s.h5")
sweep = {k: float(s[k][()].reshape(-1)[0]) for k in r025}
sweep_steps = int(s["steps"][()].reshape(-1)[0])
need(len(r025) >= 20, f"only {len(r025)} metrics in the run file")
for k in r025:
    need(close(r025[k], r73[k]), f"{k}: step_days 0.25 {r025[k]!r}, 7.3 {r73[k]!r}")
    need(close(r025[k], sweep[k]), f"{k}: run {r025[k]!r}, sweep {sweep[k]!r}")
need(steps025 <= sweep_steps and steps73 <= sweep_steps,
     f"run takes {steps025} / {steps73} steps, the sweep path {sweep_steps}")
plan, plan_steps = run_file(f"{w}/plan/recommended_course.h5")
again, again_steps = run_file(f"{w}/rplan.h5")
for k in plan:
    need(close(plan[k], again[k]), f"{k}: plan {plan[k]!r}, run {again[k]!r}")
need(again_steps <= plan_steps, f"run of the plan's course: {again_steps} steps, plan {plan_steps}")
sys.exit(0 if ok else 1)
EOP
echo "metrics_agree: run (2 output grids), sweep and plan agree"
