#!/usr/bin/env bash
# tests/cli/sweep_grid.sh — a small grid and an LHS design: bit-identical data on 1 and 2 threads,
# xarray (h5netcdf) sees named dims and coordinates, invalid combinations are recorded, a grid
# metric equals the same course run with `mnsim run --set`, trajectories on the time grid.
set -u
: "${MNSIM:?}" "${MNSIM_SOURCE_DIR:?}"
fx=$MNSIM_SOURCE_DIR/tests/fixtures/sweeps
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! "$@"; then echo "FAIL: $*"; fail=1; fi; }

check "$MNSIM" sweep "$fx/small_grid.ini" -o "$tmp/g1.h5" --threads 1 -q
check "$MNSIM" sweep "$fx/small_grid.ini" -o "$tmp/g2.h5" --threads 2 --block 5 -q
# data only: root attributes (provenance) and the scales' back-references depend on the command line
check h5diff --exclude-attribute / --exclude-attribute /interval_days --exclude-attribute /depth_mm \
    --exclude-attribute /sessions "$tmp/g1.h5" "$tmp/g2.h5"
check "$MNSIM" sweep "$fx/small_lhs.ini" -o "$tmp/l1.h5" --threads 1 -q
check "$MNSIM" sweep "$fx/small_lhs.ini" -o "$tmp/l2.h5" --threads 2 --block 7 -q
check h5diff --exclude-attribute / --exclude-attribute /point "$tmp/l1.h5" "$tmp/l2.h5"
check "$MNSIM" sweep "$fx/small_grid.ini" -o "$tmp/gt.h5" --trajectories --threads 2 -q
# the course (interval 30, depth 1.5, 3 sessions, 120 days) run on its own
check "$MNSIM" run "$MNSIM_SOURCE_DIR/params/default.ini" "$fx/base_120.ini" \
    --set schedule.interval_days=30 --set procedure.depth_mm=1.5 --set schedule.sessions=3 \
    -o "$tmp/run.h5" -q
[ -e "$tmp/g1.h5.partial" ] && { echo "FAIL: .partial left behind"; fail=1; }

/usr/bin/python3 - "$tmp" <<'EOP' || fail=1
import sys, math
import h5py, numpy as np, xarray as xr
tmp = sys.argv[1]
ok = True
def need(cond, what):
    global ok
    if not cond:
        print("FAIL:", what); ok = False

ds = xr.open_dataset(f"{tmp}/g1.h5", engine="h5netcdf")
need(ds.collagen_gain_percent.dims == ("interval_days", "depth_mm", "sessions"), "grid dims")
need(list(ds.interval_days.values) == [20, 30, 40], "interval coordinate")
need(list(ds.sessions.values) == [3, 4], "sessions coordinate (3:4:1)")
need(ds.interval_days.attrs["long_name"] == "schedule.interval_days", "long_name")
need(ds.interval_days.attrs["units"] == "day", "units")
need(ds.attrs["mnsim_file_kind"] == "sweep" and ds.attrs["design"] == "grid", "root attrs")
need(ds.attrs["swept"] == "interval_days depth_mm sessions", "swept attr")
st = ds.status.sel(interval_days=40, sessions=4).values
need((st == 2).all(), "40-day interval x 4 sessions does not fit 120 days: invalid")
need(np.isnan(ds.collagen_gain_percent.sel(interval_days=40, sessions=4)).all(), "NaN metrics")
need((ds.status.sel(interval_days=20).values == 1).all(), "ok points")
need(ds.steps.dtype == np.int64 and ds.status.dtype == np.int8, "types")
run = h5py.File(f"{tmp}/run.h5", "r")
gt = xr.open_dataset(f"{tmp}/gt.h5", engine="h5netcdf")
for m in ("collagen_gain_percent", "peak_synthesis_ratio", "redness_visible_days", "firmness_end"):
    want = run["metrics"][m][()]
    got = float(ds[m].sel(interval_days=30, depth_mm=1.5, sessions=3))
    # without an output grid the integrator takes slightly different steps: tolerance only
    need(math.isclose(got, want, rel_tol=1e-4, abs_tol=1e-9), f"{m}: sweep {got} vs run {want}")
    # with --trajectories the sampling (output.step_days) is the run's: identical numbers
    gott = float(gt[m].sel(interval_days=30, depth_mm=1.5, sessions=3))
    need(gott == want, f"{m}: trajectory sweep {gott} vs run {want}")
tr = gt.traj_collagen_total.sel(interval_days=30, depth_mm=1.5, sessions=3)
need(tr.dims == ("time",) and gt.time.size == run["time"].size, "trajectory time grid")
need(np.array_equal(tr.values, run["collagen_total"][()]), "trajectory equals the run's series")
l = xr.open_dataset(f"{tmp}/l1.h5", engine="h5netcdf")
need(l.age_years.dims == ("point",) and l.collagen_gain_percent.dims == ("point",), "point dim")
need(list(l.point.values) == list(range(40)), "point coordinate")
need(set(l.sessions.values) <= {1, 2, 3, 4} and set(l.sessions.values) >= {1, 4}, "integer rounding")
strata = np.sort(np.floor((l.age_years.values - 25) / 40 * 40))
need(list(strata) == list(range(40)), "LHS: one point per stratum")
sys.exit(0 if ok else 1)
EOP
[ $fail -eq 0 ] && echo "sweep_grid: ok"
exit $fail
