#!/usr/bin/env bash
# tests/cli/run_ensemble.sh — `mnsim run --ensemble N`: the 10/50/90 % quantile series sit next to
# the nominal ones on `time` (xarray) with their units, q10 <= q50 <= q90 everywhere, members in
# group `ensemble` on a `member` dimension; bit-identical on 1 and 2 threads, different with another
# seed; an [ensemble] file sets the distributions (drawn values within their bounds); every bad
# ensemble file gives exit 2 with file:line and writes nothing; `mnsim plot` draws the bands.
source "$(dirname "$0")/lib.sh"
fx=$MNSIM_SOURCE_DIR/tests/fixtures/ensemble
printf '[schedule]\nsessions = 3\ncourse_days = 120\n' > "$WORK/c.ini"

run_mnsim run "$WORK/c.ini" --ensemble 16 --threads 2 -o "$WORK/e2.h5"
expect_rc 0 "ensemble on 2 threads"
case "$OUT" in *"16 of 16 members ok (seed 1)"*) ;; *) fail "summary: $OUT" ;; esac
run_mnsim run "$WORK/c.ini" --ensemble 16 --threads 1 -q -o "$WORK/e1.h5"
expect_rc 0 "ensemble on 1 thread"
run_mnsim run "$WORK/c.ini" --ensemble 16 --seed 2 -q -o "$WORK/s2.h5"
expect_rc 0 "other seed"
run_mnsim run "$WORK/c.ini" --ensemble 8 --ensemble-file "$fx/good.ini" -q -o "$WORK/f.h5"
expect_rc 0 "ensemble file"

"$PY" - "$WORK" <<'PYEOF' || fail "ensemble file contents wrong"
import sys
import numpy as np
import xarray as xr
w = sys.argv[1]
ds = xr.open_dataset(w + "/e2.h5", engine="h5netcdf")
for v in ["redness", "collagen_total", "scar_severity"]:
    lo, mid, hi = (ds[f"{v}_q{q}"] for q in (10, 50, 90))
    assert lo.dims == ("time",) and lo.attrs["units"] == ds[v].attrs["units"]
    assert (lo.values <= mid.values + 1e-15).all() and (mid.values <= hi.values + 1e-15).all(), v
assert (ds["collagen_total_q90"] > ds["collagen_total_q10"]).any()
assert ds.attrs["ensemble_members"] == 16 and ds.attrs["ensemble_ok"] == 16
m = xr.open_dataset(w + "/e2.h5", engine="h5netcdf", group="ensemble")
assert m["collagen_gain_percent"].dims == ("member",) and m.sizes["member"] == 16
one = xr.open_dataset(w + "/e1.h5", engine="h5netcdf")
for v in ["redness_q10", "collagen_total_q50", "pigment_q90"]:
    assert np.array_equal(ds[v].values, one[v].values), v
other = xr.open_dataset(w + "/s2.h5", engine="h5netcdf")
assert not np.array_equal(ds["collagen_total_q50"].values, other["collagen_total_q50"].values)
f = xr.open_dataset(w + "/f.h5", engine="h5netcdf", group="ensemble")
r = f["fibroblast_recovery_days"].values
assert ((r >= 14) & (r <= 28)).all(), r
c = f["pigment_clearance_days"].values
assert ((c >= 30) & (c <= 300)).all(), c
s = f["schedule_sessions"].values
assert set(np.unique(s)) <= {2, 3, 4}, s
assert xr.open_dataset(w + "/f.h5", engine="h5netcdf").attrs["ensemble_seed"] == 7
print("ok")
PYEOF

bad() { # fixture, expected message
    run_mnsim run "$WORK/c.ini" --ensemble 4 --ensemble-file "$fx/$1" -q -o "$WORK/bad.h5"
    expect_rc 2 "$1"
    expect_err_contains "$2" "$1"
    [ ! -e "$WORK/bad.h5" ] && [ ! -e "$WORK/bad.h5.partial" ] || fail "$1: something was written"
}
bad unknown_param.ini "unknown_param.ini:2: unknown parameter 'collagen.synthesis_bost'"
bad inverted.ini "inverted.ini:2: fibroblast.recovery_days: bad range 'uniform 28 .. 14'"
bad not_numeric.ini "not_numeric.ini:2: inflammation.resolution_per_day: expected 'normal MEAN SD' with numbers"
bad negative_sd.ini "negative_sd.ini:2: inflammation.resolution_per_day: the standard deviation must be > 0"
bad unknown_dist.ini "unknown_dist.ini:2: collagen.synthesis_boost: unknown distribution 'gamma'"
bad time_grid.ini "time_grid.ini:2: schedule.course_days: the time grid must be the same"
run_mnsim run "$WORK/c.ini" --ensemble 1 -o "$WORK/bad.h5"
expect_rc 2 "--ensemble 1"
run_mnsim run "$WORK/c.ini" --seed 3 -o "$WORK/bad.h5"
expect_rc 2 "--seed without --ensemble"
[ ! -e "$WORK/bad.h5" ] || fail "usage errors wrote a file"

if command -v gnuplot >/dev/null; then
    run_mnsim plot "$WORK/e2.h5" -o "$WORK/fig"
    expect_rc 0 "plot with bands"
    [ -s "$WORK/fig/panels.png" ] || fail "no panels.png"
fi
echo "PASS run_ensemble"
