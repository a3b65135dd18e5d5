"""test_mnsim.py — the Python package against the mnsim program: mnsim.run equals `mnsim run`'s
HDF5 file bit for bit (every series, event, session outcome, metric and attribute but the
time of writing and the command line), in the keyword, dict and INI forms; mnsim.run writes
through the library's writer and leaves no file behind; bad input raises MnsimError with exactly
the message the program prints; the registry table is the program's; sweeps equal `mnsim
sweep`'s; courses on several Python threads equal serial ones.

Environment (set by ctest): MNSIM = the mnsim program, MNSIM_LIB = libmnsim.so,
MNSIM_SOURCE_DIR = the source tree."""
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import mnsim

SRC = os.environ.get("MNSIM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
PROGRAM = os.environ.get("MNSIM", os.path.join(SRC, "build", "mnsim"))
DEFAULT_INI = os.path.join(SRC, "params", "default.ini")
PROVENANCE = {"created_utc", "history", "command_line"}  # when and how a file was written


def cli(*args, check=True):
    r = subprocess.run([PROGRAM, *map(str, args)], capture_output=True, text=True)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def cli_error(*args):
    """The message the program prints for bad input (exit status 2), without its prefix."""
    r = cli(*args, check=False)
    assert r.returncode == 2, (r.returncode, r.stderr)
    prefix = "mnsim: error: "
    assert r.stderr.startswith(prefix), r.stderr
    return r.stderr[len(prefix):].rstrip("\n")


def bits(a):
    """Values to compare bit for bit (NaN == NaN with the same payload)."""
    a = np.asarray(a)
    return a.view(np.uint64) if a.dtype == np.float64 else a


def assert_same(ds, ref, skip_attrs=PROVENANCE):
    assert set(ds.variables) == set(ref.variables)
    for name in ref.variables:
        assert ds[name].dims == ref[name].dims, name
        assert ds[name].dtype == ref[name].dtype, name
        np.testing.assert_array_equal(bits(ds[name].values), bits(ref[name].values), err_msg=name)
        assert_attrs(ds[name].attrs, ref[name].attrs, set(), name)
    assert_attrs(ds.attrs, ref.attrs, skip_attrs, "file")


def assert_attrs(a, b, skip, where):
    keys = set(b) - skip
    assert set(a) - skip == keys, where
    for k in keys:
        assert type(a[k]) is type(b[k]), (where, k)
        assert np.array_equal(a[k], b[k]), (where, k)


def run_file(tmp_path, *args):
    out = tmp_path / "run.h5"
    cli("run", *args, "-o", out, "--quiet")
    return mnsim.open(out)


def test_readme_example_kw_form(tmp_path):
    ds = mnsim.run(schedule__sessions=3)
    ref = run_file(tmp_path, DEFAULT_INI, "--set", "schedule.sessions=3")
    assert_same(ds, ref, PROVENANCE | {"input_file", "input_text"})
    assert ds["metrics/sessions_done"].item() == 3.0
    assert ds["collagen_total"].attrs["units"] == "1"
    assert ds["time"].attrs["units"] == "day"
    assert ds["collagen_total"].max() > ds["collagen_total"][0]


def test_run_writes_through_the_library_and_cleans_up(tmp_path, monkeypatch):
    """mnsim.run goes through mnsim_result_write to a temporary file that it deletes; the
    Dataset is in memory and records the call as its command line."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ds = mnsim.run(DEFAULT_INI, schedule__sessions=2)
    assert list(tmp_path.iterdir()) == []
    assert ds.attrs["command_line"] == f"mnsim.run {DEFAULT_INI} --set schedule.sessions=2"
    assert ds.attrs["mnsim_file_kind"] == "run"
    assert ds.attrs["input_file"] == DEFAULT_INI
    assert ds["metrics/sessions_done"].item() == 2.0
    assert ds["event"].dtype == np.int32  # the writer's types, not a copy of them
    assert ds["barrier"].attrs["long_name"] != "barrier"  # the writer's readable long_name
    assert ds["collagen_total"].values.sum() > 0  # readable after the file is gone


def test_dict_and_ini_forms(tmp_path):
    ref = run_file(tmp_path, DEFAULT_INI, "--set", "schedule.interval_days=21",
                   "--set", "procedure.depth_mm=0.5", "--set", "solver.method=rkck")
    a = mnsim.run(DEFAULT_INI, {"schedule.interval_days": 21, "procedure.depth_mm": 0.5},
                  solver__method="rkck")
    b = mnsim.run(overrides={"schedule.interval_days": 21.0, "procedure.depth_mm": "0.5",
                             "solver.method": "rkck"})
    assert_same(a, ref)
    assert_same(b, ref, PROVENANCE | {"input_file", "input_text"})
    assert a.attrs["solver/method"] == "rkck"


def test_patient_file(tmp_path):
    ini = os.path.join(SRC, "params", "patients", "default.ini")
    if not os.path.exists(ini):
        pytest.skip("no params/patients/default.ini")
    assert_same(mnsim.run(ini), run_file(tmp_path, ini))


@pytest.mark.parametrize("args,call", [
    (("--set", "schedule.intervl_days=21"), dict(schedule__intervl_days=21)),
    (("--set", "schedule.interval_days=0"), dict(schedule__interval_days=0)),
    (("--set", "solver.method=euler"), dict(overrides={"solver.method": "euler"})),
    (("--set", "schedule.course_days=60"), dict(schedule__course_days=60)),
    (("--set", "procedure.depth_mm=1.5mm"), dict(procedure__depth_mm="1.5mm")),
])
def test_errors_match_the_program(args, call):
    expected = cli_error("check", DEFAULT_INI, *args)
    with pytest.raises(mnsim.MnsimError) as e:
        mnsim.run(DEFAULT_INI, **call)
    assert str(e.value) == expected
    assert e.value.code == 2


def test_bad_ini_file_line():
    bad = os.path.join(SRC, "tests", "fixtures", "ini", "misspelt_key.ini")
    expected = cli_error("check", bad)
    assert expected.startswith(bad + ":3: ") and "did you mean" in expected
    with pytest.raises(mnsim.MnsimError, match="did you mean") as e:
        mnsim.run(bad)
    assert str(e.value) == expected


def test_bad_keyword():
    with pytest.raises(mnsim.MnsimError, match="section__key"):
        mnsim.run(sessions=3)


def test_params_table():
    t = mnsim.params()
    ini = cli("params", "--ini").stdout
    keys, section = [], None
    for line in ini.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif "=" in line and not line.lstrip().startswith((";", "#")):
            keys.append(f"{section}.{line.split('=')[0].strip()}")
    assert list(t["name"].values) == keys
    assert (t["min"] <= t["default"]).all() and (t["default"] <= t["max"]).all()
    assert all(t["unit"].values) and all(t["source"].values) and all(t["description"].values)
    enums = t["kind"] == "enum"
    assert all(t["choices"].values[enums.values]) and not any(t["choices"].values[~enums.values])
    assert len(t.to_dataframe()) == len(keys)


def test_sweep_equals_program(tmp_path):
    spec = os.path.join(SRC, "tests", "fixtures", "sweeps", "small_grid.ini")
    ref_path = tmp_path / "ref.h5"
    cli("sweep", spec, "-o", ref_path, "--quiet", "--threads", "1")
    ds = mnsim.sweep(spec, tmp_path / "py.h5", threads=2)
    ref = mnsim.open(ref_path)
    timing = {k for k in ref.attrs if "second" in k or "thread" in k or "rate" in k}
    assert_same(ds, ref, PROVENANCE | timing)
    assert (ds["status"] == 1).sum() > 0


def test_sweep_dict_spec_and_error(tmp_path):
    base = os.path.join(SRC, "tests", "fixtures", "sweeps", "base_120.ini")
    ds = mnsim.sweep({"base": base, "design": "grid", "schedule.interval_days": [20, 30]},
                     tmp_path / "d.h5")
    assert list(ds["interval_days"].values) == [20.0, 30.0]
    bad = os.path.join(SRC, "tests", "fixtures", "sweeps", "unknown_param.ini")
    expected = cli_error("sweep", bad, "-o", tmp_path / "x.h5")
    with pytest.raises(mnsim.MnsimError) as e:
        mnsim.sweep(bad, tmp_path / "x.h5")
    assert str(e.value) == expected


def test_threads_equal_serial():
    sessions = [1, 2, 3, 4, 5, 6]
    serial = [mnsim.run(schedule__sessions=n) for n in sessions]
    with ThreadPoolExecutor(max_workers=3) as pool:
        parallel = list(pool.map(lambda n: mnsim.run(schedule__sessions=n), sessions))
    for a, b in zip(serial, parallel):
        assert_same(a, b)


def test_readme_command_from_the_source_tree():
    """README: from the source tree, PYTHONPATH=python finds build*/libmnsim.so by itself."""
    env = {k: v for k, v in os.environ.items() if k != "MNSIM_LIB"}
    env["PYTHONPATH"] = "python"
    r = subprocess.run(["/usr/bin/python3", "-c", "import mnsim; print(mnsim.run("
                        "schedule__sessions=3)['collagen_total'].max())"],
                       cwd=SRC, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    peak = float(r.stdout.split()[-1].rstrip(")").split("(")[-1])
    # the DataArray prints 8 significant digits
    assert peak == pytest.approx(mnsim.run(schedule__sessions=3)["collagen_total"].max().item(),
                                 rel=1e-7)


def test_pip_install_offline(tmp_path):
    """`pip install ./python` works offline (no build isolation, no index)."""
    target = tmp_path / "site"
    r = subprocess.run(["/usr/bin/python3", "-m", "pip", "install", "--quiet", "--no-index",
                        "--no-build-isolation", "--no-deps", "--target", str(target),
                        os.path.join(SRC, "python")], capture_output=True, text=True,
                       env={**os.environ, "PIP_NO_CACHE_DIR": "1", "HOME": str(tmp_path)})
    if r.returncode != 0 and "No module named pip" in r.stderr:
        pytest.skip("python3-pip is not installed")
    assert r.returncode == 0, r.stderr
    assert (target / "mnsim" / "__init__.py").exists()
    env = {**os.environ, "PYTHONPATH": str(target), "MNSIM_LIB": mnsim.library_path}
    r = subprocess.run(["/usr/bin/python3", "-c", "import mnsim; print(mnsim.__file__, "
                        "len(mnsim.params()['name']))"], cwd=tmp_path, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(str(target)) and int(r.stdout.split()[-1]) > 10
