#!/usr/bin/env bash
# xarray_cf.sh — the CF/xarray metadata of run and plan files, checked with xarray (engine
# h5netcdf). Debian has no CF checker package (apt-cache search cfchecker / cf-checker: nothing),
# so the conventions mnsim relies on are asserted here:
#   * Conventions = CF-1.8 at the root; every float variable has `units`;
#   * `long_name` is readable text (not the variable name) and `description` is kept; xarray's
#     axis label (long_name [units], wrapped at 30 characters) is at most 2 lines;
#   * index variables (events/event, events/session, sessions/session) and flag variables
#     (events/kind, plan status) are integers; flags carry flag_values (same type) beside
#     flag_meanings, one meaning per value;
#   * every numeric /parameters/<section> attribute KEY has a KEY_units string;
#   * events/state_after opens with the documented one-liner (group="events/state_after") on the
#     `event` dimension.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
run_mnsim run "$MNSIM_SOURCE_DIR/params/default.ini" -q -o run.h5 --set schedule.sessions=3
expect_rc 0 "run"
run_mnsim plan --patient "$MNSIM_SOURCE_DIR/params/patients/default.ini" -o plan --search 21:28 -q
expect_rc 0 "plan"

"$PY" - run.h5 plan/plan.h5 <<'PYEOF' || fail "CF/xarray metadata"
import sys
import h5py
import numpy as np
import xarray as xr
from xarray.plot.utils import label_from_attrs

run, plan = sys.argv[1], sys.argv[2]
problems = []

def need(cond, what):
    if not cond:
        problems.append(what)

def check_vars(ds, where):
    for name, v in ds.variables.items():
        a = v.attrs
        is_flag = "flag_meanings" in a
        if np.issubdtype(v.dtype, np.floating):
            need(a.get("units"), f"{where}{name}: float variable without units")
        ln = a.get("long_name", "")
        need(ln and ln != name, f"{where}{name}: long_name {ln!r} is not readable text")
        need(a.get("description") or is_flag, f"{where}{name}: no description")
        label = label_from_attrs(v)
        need(label.count("\n") <= 1, f"{where}{name}: axis label takes {label.count(chr(10)) + 1} lines: {label!r}")
        if is_flag:
            need(np.issubdtype(v.dtype, np.integer), f"{where}{name}: flag variable is {v.dtype}")
            fv = np.asarray(a.get("flag_values", []))
            need(fv.dtype == v.dtype, f"{where}{name}: flag_values {fv.dtype} vs variable {v.dtype}")
            need(len(fv) == len(a["flag_meanings"].split()), f"{where}{name}: flag_values/flag_meanings lengths")
            need(set(np.unique(v.values)) <= set(fv.tolist()), f"{where}{name}: values outside flag_values")

def integer(ds, name, where):
    need(np.issubdtype(ds[name].dtype, np.integer), f"{where}{name} is {ds[name].dtype}, not an integer")

ds = xr.open_dataset(run, engine="h5netcdf")
need(ds.attrs.get("Conventions") == "CF-1.8", f"Conventions {ds.attrs.get('Conventions')!r}")
need(ds["barrier_deficit"].attrs["long_name"] == "stratum-corneum barrier deficit", ds["barrier_deficit"].attrs)
need(ds["redness"].attrs["long_name"] == "erythema index", ds["redness"].attrs)
check_vars(ds, "/")
ev = xr.open_dataset(run, engine="h5netcdf", group="events")
check_vars(ev, "/events/")
for n in ("event", "kind", "session"):
    integer(ev, n, "/events/")
need(ev["kind"].attrs.get("flag_meanings") == "session serum acid", ev["kind"].attrs)
need(list(ev["kind"].attrs.get("flag_values", [])) == [0, 1, 2], ev["kind"].attrs)
need(int((ev["kind"] == 0).sum()) == 3, "three sessions expected among the events")
se = xr.open_dataset(run, engine="h5netcdf", group="sessions")
check_vars(se, "/sessions/")
integer(se, "session", "/sessions/")
need(list(se["day"].values) == [0, 28, 56], f"session days {se['day'].values}")
# the documented one-liner for the state around each event
after = xr.open_dataset(run, engine="h5netcdf", group="events/state_after")
need(after.sizes.get("event") == ev.sizes["event"], f"state_after dims {dict(after.sizes)}")
need("barrier_deficit" in after and after["barrier_deficit"].attrs["long_name"] == "stratum-corneum barrier deficit",
     "state_after/barrier_deficit long_name")
check_vars(after, "/events/state_after/")
met = xr.open_dataset(run, engine="h5netcdf", group="metrics")
check_vars(met, "/metrics/")
with h5py.File(run, "r") as f:
    n_num = 0
    for sec, g in f["parameters"].items():
        for k, val in g.attrs.items():
            if k.endswith("_units") or isinstance(val, (str, bytes)):
                continue
            n_num += 1
            u = g.attrs.get(k + "_units")
            need(isinstance(u, str) and u, f"/parameters/{sec}@{k}: no {k}_units")
    need(n_num > 50, f"only {n_num} numeric parameters found")
    need(f["parameters/schedule"].attrs["interval_days_units"] == "day", "interval_days_units")
pl = xr.open_dataset(plan, engine="h5netcdf")
check_vars(pl, "plan:/")
integer(pl, "status", "plan:/")
need(pl["status"].attrs.get("flag_meanings") == "failed simulated", pl["status"].attrs)
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("ok")
PYEOF
echo "PASS xarray_cf"
