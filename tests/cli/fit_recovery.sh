#!/usr/bin/env bash
# tests/cli/fit_recovery.sh — repeated-trial recovery: 20 synthetic data sets, each the
# treated_collagen of a course with treated_layer.synthesis_per_day = 0.13 on days 30, 60, ..., 180
# plus Gaussian noise of known sd 0.01 (numpy, fixed seed), fitted one by one. The interval
# estimate +- 1 standard error covers the truth in about 68 % of the trials: asserted as 9..19 of
# 20 (a binomial(20, 0.68) count falls outside with probability < 0.5 %); +- 2 standard errors in
# at least 16 of 20; the mean chi2 is near the 5 degrees of freedom (2.5 .. 8).
source "$(dirname "$0")/lib.sh"
base=$MNSIM_SOURCE_DIR/params/default.ini
"$MNSIM" run "$base" --set treated_layer.synthesis_per_day=0.13 -o "$WORK/truth.h5" -q ||
    fail "truth run"
"$PY" - "$WORK" <<'PYEOF' || fail "generating the data sets"
import sys
import h5py, numpy as np
w = sys.argv[1]
f = h5py.File(w + "/truth.h5", "r")
t, y = f["time"][:], f["treated_collagen"][:]
days = [30, 60, 90, 120, 150, 180]
truth = [float(y[int(np.argmin(abs(t - d)))]) for d in days]
rng = np.random.default_rng(20261202)
for k in range(20):
    with open(f"{w}/data{k}.tsv", "w") as out:
        out.write("day\tobservable\tvalue\tsd\n")
        for d, v in zip(days, truth):
            out.write(f"{d}\ttreated_collagen\t{v + rng.normal(0, 0.01):.6f}\t0.01\n")
PYEOF
for k in $(seq 0 19); do
    printf '[fit]\nbase = %s\ndata = data%d.tsv\nstarts = 1\n%s\n' "$base" "$k" \
        'treated_layer.synthesis_per_day = 0.05 .. 0.5 log' >"$WORK/fit$k.ini"
    "$MNSIM" fit "$WORK/fit$k.ini" -o "$WORK/f$k.h5" -q --threads 1 || fail "fit $k"
done
"$PY" - "$WORK" <<'PYEOF' || fail "coverage"
import sys
import h5py, numpy as np
w = sys.argv[1]
est, se, chi2 = [], [], []
for k in range(20):
    f = h5py.File(f"{w}/f{k}.h5", "r")
    est.append(f["estimate"][0]); se.append(f["std_error"][0]); chi2.append(f.attrs["chi2"])
est, se, chi2 = map(np.array, (est, se, chi2))
one = int((abs(est - 0.13) <= se).sum())
two = int((abs(est - 0.13) <= 2 * se).sum())
print(f"1 SE covers the truth in {one} of 20, 2 SE in {two} of 20; mean estimate {est.mean():.5f}, "
      f"sd of the estimates {est.std(ddof=1):.5f}, mean SE {se.mean():.5f}, mean chi2 {chi2.mean():.2f}")
assert 9 <= one <= 19, one
assert two >= 16, two
assert 2.5 < chi2.mean() < 8, chi2.mean()
# the scatter of the estimates agrees with the reported standard error (within a factor 1.6)
assert 0.6 < est.std(ddof=1) / se.mean() < 1.6
PYEOF
echo "fit_recovery: ok"
