# run_basic.sh — `mnsim run` as a user would: a good INI writes the HDF5 file (exit 0, no .partial
# left, at least 5 finite time series on the time axis), the default output path is
# results/<name>.h5, --version prints the project version, --help of each command exits 0.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

cat > course.ini <<'INI'
; a short course
[schedule]
sessions = 3
interval_days = 21
course_days = 90
[procedure]
depth_mm = 1.0
INI

run_mnsim run course.ini -o out.h5
expect_rc 0 "good run"
[ -f out.h5 ] || fail "good run: out.h5 not written"
[ ! -e out.h5.partial ] || fail "good run: out.h5.partial left behind"
case "$OUT" in *"wrote out.h5"*) ;; *) fail "good run: summary does not say 'wrote out.h5': $OUT" ;; esac

"$PY" - out.h5 <<'PYEOF' || fail "good run: HDF5 content check failed"
import sys, math
import h5py
import numpy as np
with h5py.File(sys.argv[1], "r") as f:
    t = f["time"][...]
    assert t[0] == 0.0 and t[-1] == 90.0, (t[0], t[-1])
    assert np.all(np.diff(t) > 0), "time not increasing"
    series = [k for k, v in f.items() if isinstance(v, h5py.Dataset) and v.shape == t.shape and k != "time"]
    finite = [k for k in series if np.all(np.isfinite(f[k][...]))]
    assert len(finite) >= 5, f"only {len(finite)} finite series: {finite}"
    bad = sorted(set(series) - set(finite))
    assert not bad, f"non-finite series: {bad}"
    for k in series:
        assert "units" in f[k].attrs, f"{k} has no units"
    p = f["parameters/schedule"].attrs
    assert p["sessions"] == 3 and p["course_days"] == 90 and f["parameters/procedure"].attrs["depth_mm"] == 1.0
    assert int(f["metrics/sessions_done"][()]) == 3
    assert list(f["sessions/day"][...]) == [0.0, 21.0, 42.0]
print("ok")
PYEOF

# --quiet prints nothing; the default output is results/<name>.h5
run_mnsim run course.ini --quiet
expect_rc 0 "default output"
[ -z "$OUT" ] || fail "--quiet printed: $OUT"
[ -f results/course.h5 ] || fail "default output results/course.h5 not written"

# --set overrides the INI
run_mnsim run course.ini -q -o set.h5 --set schedule.sessions=2
expect_rc 0 "--set"
"$PY" -c 'import h5py,sys; f=h5py.File(sys.argv[1]); assert int(f["metrics/sessions_done"][()]) == 2' set.h5 \
    || fail "--set schedule.sessions=2 not applied"

# --version prints the project version from CMakeLists.txt
version=$(sed -n 's/^project(mnsim VERSION \([0-9.]*\).*/\1/p' "$MNSIM_SOURCE_DIR/CMakeLists.txt")
[ -n "$version" ] || fail "cannot read the version from CMakeLists.txt"
run_mnsim --version
expect_rc 0 "--version"
[[ "$OUT" =~ ^mnsim\ ${version//./\\.}\ \(git\ [^\)]+\)$ ]] || fail "--version printed '$OUT', expected 'mnsim $version (git ...)'"

# --help of each command listed by `mnsim --help`
run_mnsim --help
expect_rc 0 "--help"
overview=$OUT
commands=$(printf '%s\n' "$overview" | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\)  .*/\1/p')
for cmd in run check params help; do
    grep -qx "$cmd" <<<"$commands" || fail "mnsim --help does not list '$cmd'"
done
for cmd in $commands; do
    run_mnsim "$cmd" --help
    expect_rc 0 "$cmd --help"
    if [ "$cmd" = help ]; then
        [ "$OUT" = "$overview" ] || fail "help --help differs from mnsim --help"
    else
        case "$OUT" in "usage: mnsim $cmd"*) ;; *) fail "$cmd --help does not start with 'usage: mnsim $cmd': $OUT" ;; esac
        run_mnsim help "$cmd"
        expect_rc 0 "help $cmd"
        case "$OUT" in "usage: mnsim $cmd"*) ;; *) fail "help $cmd does not print its usage: $OUT" ;; esac
    fi
done
echo "PASS run_basic"
