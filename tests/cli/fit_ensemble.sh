#!/usr/bin/env bash
# tests/cli/fit_ensemble.sh — `mnsim run FILE.ini --ensemble-from F.h5 [--ensemble N]`: a two-
# parameter fit's posterior (multivariate normal of the estimates, Cholesky of the covariance)
# drives the ensemble. The nominal series sit at the estimate and the 10-90 % bands bracket them;
# the drawn log values have the fit's means, standard errors and correlation (within sampling
# error) and stay within the fit's bounds; the result is identical on 1 and 2 threads; a run file
# given as the fit, a missing file or --ensemble-file next to it give exit 2 with a clear message
# and nothing written; an unidentifiable fit (near-singular covariance) still gives an ensemble.
source "$(dirname "$0")/lib.sh"
base=$MNSIM_SOURCE_DIR/params/default.ini
"$MNSIM" run "$base" --set treated_layer.synthesis_per_day=0.13 -o "$WORK/truth.h5" -q ||
    fail "truth run"
for q in treated_collagen epidermal_thickness; do
    "$MNSIM" export "$WORK/truth.h5" --dataset $q |
        awk -v q=$q 'BEGIN { OFS = "\t"; print "day", "observable", "value", "sd" }
             /^[0-9]/ && $1 % 30 == 0 && $1 > 0 { n++; print $1, q, $2 + (n % 2 ? 0.006 : -0.006), 0.01 }' \
            >"$WORK/$q.tsv"
done
printf '[fit]\nbase = %s\ndata = treated_collagen.tsv\nstarts = 2\n%s\n%s\n' "$base" \
    'treated_layer.synthesis_per_day = 0.05 .. 0.5 log' 'treated_layer.turnover_days = 60 .. 2000 log' \
    >"$WORK/fit.ini"
run_mnsim fit "$WORK/fit.ini" -o "$WORK/f.h5" -q
expect_rc 0 "two-parameter fit"

run_mnsim run "$base" --ensemble-from "$WORK/f.h5" --ensemble 48 --threads 2 -o "$WORK/e2.h5"
expect_rc 0 "ensemble from the fit"
case "$OUT" in *"48 of 48 members ok (seed 1)"*"drawn from the fit"*"2 parameters"*) ;;
*) fail "summary: $OUT" ;; esac
run_mnsim run "$base" --ensemble-from "$WORK/f.h5" --ensemble 48 --threads 1 -q -o "$WORK/e1.h5"
expect_rc 0 "ensemble from the fit, 1 thread"
run_mnsim run "$base" --ensemble-from "$WORK/f.h5" -q -o "$WORK/e64.h5"
expect_rc 0 "ensemble from the fit, default size"

"$PY" - "$WORK" <<'PYEOF' || fail "ensemble from the fit: contents"
import sys
import h5py, numpy as np
w = sys.argv[1]
f = h5py.File(w + "/f.h5", "r")
est, sel, cov = f["estimate"][:], f["std_error_log"][:], f["covariance"][:]
lo, hi = f["lower"][:], f["upper"][:]
e = h5py.File(w + "/e2.h5", "r")
assert e.attrs["ensemble_members"] == 48 and e.attrs["ensemble_ok"] == 48
assert h5py.File(w + "/e64.h5", "r").attrs["ensemble_members"] == 64
# the nominal course is at the estimate
p = e["parameters/treated_layer"].attrs
assert np.isclose(p["synthesis_per_day"], est[0], rtol=1e-12), (p["synthesis_per_day"], est)
assert np.isclose(p["turnover_days"], est[1], rtol=1e-12), (p["turnover_days"], est)
# bands bracket the best fit on every data day, and are not degenerate
t = e["time"][:]
nom, q10, q50, q90 = (e[n][:] for n in ("treated_collagen", "treated_collagen_q10",
                                        "treated_collagen_q50", "treated_collagen_q90"))
for day in range(30, 366, 30):
    i = int(np.argmin(abs(t - day)))
    assert q10[i] <= nom[i] <= q90[i], (day, q10[i], nom[i], q90[i])
# the band's width agrees with the fit's delta-method sd of the curve (10-90 %: 2 x 1.2816 sd)
cd, csd = f["curve_day"][:], f["curve_sd"][0]
for day in (90, 182, 300):
    i, j = int(np.argmin(abs(t - day))), int(np.argmin(abs(cd - day)))
    ratio = (q90[i] - q10[i]) / (2 * 1.2816 * csd[j])
    print(f"day {day}: band {q10[i]:.4f}..{q90[i]:.4f}, width / delta-method width {ratio:.2f}")
    assert 0.6 < ratio < 1.5, (day, ratio)
assert np.max(abs(q50 - nom)) < 0.01, np.max(abs(q50 - nom))
# the draws: the fit's means, standard errors and correlation, within its bounds
g = e["ensemble"]
x = np.log(np.c_[g["treated_layer_synthesis_per_day"][:], g["treated_layer_turnover_days"][:]])
n = len(x)
assert ((np.exp(x) >= lo) & (np.exp(x) <= hi)).all()
assert (abs(x.mean(0) - np.log(est)) < 4 * sel / np.sqrt(n)).all(), (x.mean(0), np.log(est), sel)
assert ((x.std(0, ddof=1) > 0.7 * sel) & (x.std(0, ddof=1) < 1.3 * sel)).all(), (x.std(0), sel)
r_fit = cov[0, 1] / np.sqrt(cov[0, 0] * cov[1, 1])
r_draw = np.corrcoef(x.T)[0, 1]
assert abs(r_draw - r_fit) < 0.2, (r_draw, r_fit)
# deterministic at any thread count
one = h5py.File(w + "/e1.h5", "r")
for v in ("treated_collagen_q10", "treated_collagen_q90", "redness_q50"):
    assert np.array_equal(e[v][:], one[v][:]), v
print(f"ok: correlation of the fit {r_fit:+.3f}, of the draws {r_draw:+.3f}")
PYEOF

# a wrong file kind, a missing file, two ensemble sources: exit 2, nothing written
run_mnsim run "$base" --ensemble-from "$WORK/truth.h5" -o "$WORK/bad.h5"
expect_rc 2 "a run file as the fit"
expect_err_contains "--ensemble-from: $WORK/truth.h5: not a fit file of \`mnsim fit\`" "wrong kind"
run_mnsim run "$base" --ensemble-from "$WORK/nothing.h5" -o "$WORK/bad.h5"
expect_rc 2 "missing fit file"
expect_err_contains "nothing.h5: cannot open" "missing fit file"
run_mnsim run "$base" --ensemble-from "$WORK/fit.ini" -o "$WORK/bad.h5"
expect_rc 2 "an INI as the fit"
run_mnsim run "$base" --ensemble-from "$WORK/f.h5" --ensemble-file "$WORK/fit.ini" -o "$WORK/bad.h5"
expect_rc 2 "two ensemble sources"
expect_err_contains "exclude each other" "two ensemble sources"
[ ! -e "$WORK/bad.h5" ] && [ ! -e "$WORK/bad.h5.partial" ] || fail "a file was written"

# an unidentifiable pair (only their product enters epidermal_thickness): still an ensemble
printf '[fit]\nbase = %s\ndata = epidermal_thickness.tsv\nstarts = 2\n%s\n%s\n' "$base" \
    'treated_layer.synthesis_per_day = 0.05 .. 0.5 log' 'treated_layer.epidermal_support = 0.2 .. 5 log' \
    >"$WORK/fit3.ini"
run_mnsim fit "$WORK/fit3.ini" -o "$WORK/f3.h5" -q
expect_rc 0 "unidentifiable fit"
run_mnsim run "$base" --ensemble-from "$WORK/f3.h5" --ensemble 16 -q -o "$WORK/e3.h5"
expect_rc 0 "ensemble from an unidentifiable fit"
echo "fit_ensemble: bands from the fit's posterior bracket the best fit; bad sources refused"
