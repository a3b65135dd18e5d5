# xarray_run.sh — a run file opens with xarray (engine h5netcdf, as docs promise): a `time`
# dimension carrying the series, `redness` on it with a units attribute, values equal to h5py's.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

printf '[schedule]\nsessions = 2\ncourse_days = 60\n' > x.ini
run_mnsim run x.ini -q -o x.h5
expect_rc 0 "run"

"$PY" - x.h5 <<'PYEOF' || fail "xarray could not read the run file as documented"
import sys
import numpy as np
import h5py
import xarray as xr
path = sys.argv[1]
ds = xr.open_dataset(path, engine="h5netcdf")
assert "time" in ds.dims, f"no time dimension: {dict(ds.sizes)}"
assert "redness" in ds, "no redness variable"
assert ds["redness"].dims == ("time",), ds["redness"].dims
assert ds["redness"].attrs.get("units") == "1", ds["redness"].attrs
on_time = [k for k, v in ds.data_vars.items() if v.dims == ("time",)]
assert len(on_time) >= 5, on_time
with h5py.File(path, "r") as f:
    assert np.array_equal(ds["time"].values, f["time"][...])
    assert np.array_equal(ds["redness"].values, f["redness"][...])
    assert ds.sizes["time"] == f["time"].shape[0]
ds.close()
print("ok")
PYEOF
echo "PASS xarray_run"
