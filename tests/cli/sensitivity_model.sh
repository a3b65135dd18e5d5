#!/usr/bin/env bash
# tests/cli/sensitivity_model.sh — `mnsim sensitivity` on the model (64 base samples x 5 = 320
# courses): pigment clearance cannot change the collagen gain, so its total index is < 0.01, while
# needle depth has ST > 0.1 and clearance drives the pigment peak; the file opens with xarray with
# (metric, parameter) dimensions; indices are identical on 1 and 2 threads; a Morris run gives
# mu* = 0 for clearance on collagen; `mnsim plot` draws one bar chart per metric.
source "$(dirname "$0")/lib.sh"
fx=$MNSIM_SOURCE_DIR/tests/fixtures/sensitivity

run_mnsim sensitivity "$fx/model_small.ini" -o "$WORK/s2.h5" --threads 2
expect_rc 0 "sensitivity on 2 threads"
expect_err_contains "sweep: 100%" "progress"
expect_err_contains "Sobol' indices of 2 metrics x 3 parameters" "summary"
expect_err_contains "    collagen_gain_percent: depth_mm 0." "ranking by S_T, depth first"
run_mnsim sensitivity "$fx/model_small.ini" -o "$WORK/s1.h5" --threads 1 -q
expect_rc 0 "sensitivity on 1 thread"
run_mnsim sensitivity "$fx/morris_small.ini" -o "$WORK/m.h5" -q
expect_rc 0 "morris"

"$PY" - "$WORK/s2.h5" "$WORK/s1.h5" "$WORK/m.h5" <<'PYEOF' || fail "indices or file layout wrong"
import sys
import numpy as np
import xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="h5netcdf")
assert ds["ST"].dims == ("metric", "parameter"), ds["ST"].dims
assert list(ds["parameter"].values) == ["interval_days", "depth_mm", "clearance_days"], ds["parameter"].values
assert list(ds["metric"].values) == ["collagen_gain_percent", "pigment_peak"]
assert ds.sizes["point"] == 64 * 5, ds.sizes
assert ds.attrs["mnsim_file_kind"] == "sensitivity"
st = ds["ST"].sel(metric="collagen_gain_percent")
print("collagen ST:", st.values.round(4), "S1:", ds["S1"].sel(metric="collagen_gain_percent").values.round(4))
assert abs(float(st.sel(parameter="clearance_days"))) < 0.01, st.values
assert float(st.sel(parameter="depth_mm")) > 0.1, st.values
pig = ds["ST"].sel(metric="pigment_peak", parameter="clearance_days")
assert float(pig) > 0.05, float(pig)
assert (ds["ST_lo"] <= ds["ST"] + 1e-12).all() and (ds["ST"] <= ds["ST_hi"] + 1e-12).all()
assert int(ds["samples_used"].sel(metric="collagen_gain_percent")) == 64
one = xr.open_dataset(sys.argv[2], engine="h5netcdf")
for v in ["S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"]:
    assert np.array_equal(ds[v].values, one[v].values), v
m = xr.open_dataset(sys.argv[3], engine="h5netcdf")
assert m["mu_star"].dims == ("metric", "parameter")
mu = m["mu_star"].sel(metric="collagen_gain_percent")
# pigment clearance reaches collagen only through the integrator's step choice (solver tolerance)
assert float(mu.sel(parameter="clearance_days")) < 1e-6, mu.values
assert float(mu.sel(parameter="depth_mm")) > 0, mu.values
assert int(m["effects_used"].sel(metric="collagen_gain_percent")) == 6
print("ok")
PYEOF

# the indices export as a table, one row per (metric, parameter) named by their string scales
run_mnsim export "$WORK/s2.h5" --dataset ST S1 --tsv
expect_rc 0 "export of the indices"
[ "$(printf '%s\n' "$OUT" | head -1)" = "metric[1]	parameter[1]	ST[1]	S1[1]" ] ||
    fail "export header: $(printf '%s\n' "$OUT" | head -1)"
printf '%s\n' "$OUT" | grep -q "^pigment_peak	clearance_days	0\.[0-9]" ||
    fail "export rows: $OUT"
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 7 ] || fail "export: expected 6 rows: $OUT"

# the bundled Morris example (340 courses) runs on the current biology and names its metrics
run_mnsim sensitivity "$MNSIM_SOURCE_DIR/params/sensitivity/screening_morris.ini" -o "$WORK/screen.h5" -q
expect_rc 0 "bundled Morris example"
"$PY" - "$WORK/screen.h5" <<'PYEOF' || fail "bundled Morris example: wrong layout or effects"
import sys
import xarray as xr
m = xr.open_dataset(sys.argv[1], engine="h5netcdf")
mu = m["mu_star"].sel(metric="matured_collagen_gain_percent")
# pigment parameters cannot move the treated layer's collagen (only through the integrator's
# step choice, at the solver tolerance); fibroblast activation does
assert float(mu.sel(parameter="clearance_days")) < 1e-6, mu.values
assert float(mu.sel(parameter="activation_per_day")) > 1.0, mu.values
PYEOF

if command -v gnuplot >/dev/null; then
    run_mnsim plot "$WORK/s2.h5" -o "$WORK/fig"
    expect_rc 0 "plot"
    for f in sobol_collagen_gain_percent.png sobol_pigment_peak.png; do
        [ -s "$WORK/fig/$f" ] || fail "plot did not write $f ($OUT)"
    done
fi
echo "PASS sensitivity_model"
