"""mnsim — the skin-healing simulator (libmnsim) from Python.

    import mnsim
    mnsim.params()                                  # the parameter registry as a table
    ds = mnsim.run(schedule__interval_days=21)      # one course -> xarray.Dataset
    ds = mnsim.run("params/patients/default.ini", {"procedure.depth_mm": 0.5})
    grid = mnsim.sweep("params/sweeps/interval_sessions.ini", "grid.h5")
    ds = mnsim.open("results/default.h5")           # a run or sweep file, same layout

A course is its HDF5 run file (docs/FILE-FORMAT.md), written by the library and read back with
mnsim.open: the states and observables on the `time` dimension with the file's attributes; the
members of the file's groups under their paths ("events/day", "sessions/peak_redness",
"metrics/collagen_gain_percent", coordinates `event` and `session`); group attributes as
Dataset attributes named by path ("solver/steps", "parameters/schedule/interval_days").
Bad input raises MnsimError with the message the mnsim program prints. See docs/python.md.
"""
import ctypes
import os
import tempfile

import numpy as np
import xarray as xr

from . import _lib

__all__ = ["MnsimError", "params", "run", "sweep", "open", "library_path", "__version__"]

__version__ = _lib.lib.mnsim_version().decode()
library_path = _lib.path

_KINDS = ("real", "int", "bool", "enum")
# Dimension-scale plumbing of HDF5 files, not data attributes.
_H5_INTERNAL = {"CLASS", "NAME", "REFERENCE_LIST", "DIMENSION_LIST", "_Netcdf4Dimid",
                "_Netcdf4Coordinates", "_nc3_strict"}


class MnsimError(Exception):
    """A failure reported by libmnsim; str() is the message `mnsim` prints after "error: ".

    code: 2 bad input (parameter name or value, INI file, course that cannot run), 1 run-time
    failure (solver, I/O), 4 misuse of the API."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def _check(rc, err):
    if rc != 0:
        raise MnsimError(err.code or rc, err.message.decode("utf-8", "replace"))


def _s(x):
    return None if x is None else x.decode("utf-8")


def params():
    """The parameter registry as an xarray.Dataset on the dimension `name` ("section.key"):
    section, key, unit, kind, default, min, max, choices ("" unless an enum), description,
    source. `mnsim.params().to_dataframe()` gives a pandas table."""
    rows = []
    info = _lib.ParamInfo()
    for i in range(_lib.lib.mnsim_param_count()):
        _lib.lib.mnsim_param_info_get(i, ctypes.byref(info))
        rows.append((_s(info.section), _s(info.key), _s(info.unit), _KINDS[info.kind],
                     info.default_value, info.min, info.max, _s(info.choices) or "",
                     _s(info.description), _s(info.source)))
    cols = list(zip(*rows))
    text = lambda j: ("name", np.array(cols[j], dtype=object))  # noqa: E731
    num = lambda j: ("name", np.array(cols[j], dtype=np.float64))  # noqa: E731
    return xr.Dataset(
        {"section": text(0), "key": text(1), "unit": text(2), "kind": text(3),
         "default": num(4), "min": num(5), "max": num(6), "choices": text(7),
         "description": text(8), "source": text(9)},
        coords={"name": [f"{s}.{k}" for s, k in zip(cols[0], cols[1])]},
        attrs={"description": "the mnsim parameter registry (`mnsim params`, docs/MODEL.md)"})


def _text(value):
    """A Python value as the text `--set section.key=TEXT` would carry."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))  # shortest text that parses back to the same double
    return str(value)


def _overrides(overrides, kw):
    items = list((overrides or {}).items())
    for k, v in kw.items():
        if "__" not in k:
            raise MnsimError(2, f"{k}={v}: expected section__key=value (e.g. "
                                "schedule__interval_days=21) or a dict of 'section.key': value")
        section, key = k.split("__", 1)
        items.append((f"{section}.{key}", v))
    return items


class _Params:
    def __init__(self):
        self.ptr = _lib.lib.mnsim_params_new()
        if not self.ptr:
            raise MemoryError("mnsim: out of memory")

    def __del__(self):
        if getattr(self, "ptr", None):
            _lib.lib.mnsim_params_free(self.ptr)
            self.ptr = None


def _command_line(files, items):
    """The call as the equivalent `mnsim run` command, recorded as the file's provenance."""
    words = ["mnsim.run"] + [os.fspath(f) for f in files]
    words += [f"--set {name}={_text(value)}" for name, value in items]
    return " ".join(words)


def run(ini=None, overrides=None, **kw):
    """Simulate one course and return it as an xarray.Dataset (the run file's layout).

    ini: a run INI file or a list of them (applied in order, as `mnsim run A.ini B.ini`);
    overrides: {"section.key": value}; keyword arguments section__key=value (double
    underscore for the dot). Values are applied as `--set section.key=value` is: same
    parsing, bounds and messages. Raises MnsimError on bad input or a failed course.

    The course is written by libmnsim's own writer (mnsim_result_write, as `mnsim run` writes
    it) to a temporary file, read back into memory with mnsim.open and the file deleted; with
    ini, the attributes input_file and input_text are added. Needs python3-h5py."""
    lib = _lib.lib
    p = _Params()
    err = _lib.Error()
    files = [] if ini is None else [ini] if isinstance(ini, (str, os.PathLike)) else list(ini)
    for f in files:
        _check(lib.mnsim_params_load_ini(p.ptr, os.fsencode(f), ctypes.byref(err)), err)
    items = _overrides(overrides, kw)
    for name, value in items:
        _check(lib.mnsim_params_set(p.ptr, str(name).encode(), _text(value).encode(),
                                    ctypes.byref(err)), err)
    result = lib.mnsim_run(p.ptr, ctypes.byref(err))
    if not result:
        _check(err.code or 1, err)
    # The library's file writer is the one description of the layout: write, read back into
    # memory with mnsim.open, delete. The Dataset is the run file by construction.
    try:
        with tempfile.TemporaryDirectory(prefix="mnsim_run_") as tmp:
            path = os.path.join(tmp, "run.h5")
            _check(lib.mnsim_result_write(result, os.fsencode(path),
                                          _command_line(files, items).encode(),
                                          ctypes.byref(err)), err)
            ds = open(path)
    finally:
        lib.mnsim_result_free(result)
    if files:
        ds.attrs["input_file"] = os.fspath(files[0])
        with builtins_open(files[0], encoding="utf-8", errors="replace") as fh:
            ds.attrs["input_text"] = fh.read()
    return ds


builtins_open = open  # the built-in, before `open` below shadows it


def _sweep_ini(spec):
    """A dict sweep specification as the text of a sweep INI file."""
    lines = ["[sweep]"]
    for k, v in spec.items():
        if k == "base":
            v = os.path.abspath(os.fspath(v))
        elif isinstance(v, (list, tuple, np.ndarray)):
            v = ", ".join(_text(x) for x in v)
        else:
            v = _text(v)
        lines.append(f"{k} = {v}")
    return "\n".join(lines) + "\n"


def sweep(spec, out, threads=None, resume=False, trajectories=False):
    """Run a sweep into the HDF5 file `out` (as `mnsim sweep SPEC -o OUT`) and return
    mnsim.open(out). spec: a sweep INI file, or a dict of its [sweep] entries, e.g.
    {"base": "params/default.ini", "design": "grid", "schedule.interval_days": [14, 21, 28]}
    (lists become comma-separated grid values; a dict is written to OUT.sweep.ini, which
    error messages then name)."""
    if isinstance(spec, dict):
        path = os.fspath(out) + ".sweep.ini"
        with builtins_open(path, "w", encoding="utf-8") as fh:
            fh.write(_sweep_ini(spec))
        spec = path
    opts = _lib.SweepOptions(int(threads or 0), int(bool(resume)), int(bool(trajectories)))
    summary = _lib.SweepSummary()
    err = _lib.Error()
    _check(_lib.lib.mnsim_sweep(os.fsencode(spec), os.fsencode(out), ctypes.byref(opts),
                                ctypes.byref(summary), ctypes.byref(err)), err)
    return open(out)


def _decode(v):
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, np.ndarray) and v.dtype.kind in "SO":
        return np.array([_decode(x) for x in v.ravel()], dtype=object).reshape(v.shape)
    return v


def open(path):  # noqa: A001 - mnsim.open mirrors xarray.open_dataset
    """Read a run, sweep or plan file written by mnsim (or mnsim.run's writer) into memory,
    in the flattened layout of mnsim.run: root datasets by name, group members by path,
    dimension scales as coordinates named after their dimension, group attributes as
    "group/attribute". Needs python3-h5py."""
    import h5py

    data_vars, coords, attrs = {}, {}, {}

    def dims_of(d):
        names = []
        for k, dim in enumerate(d.dims):
            if len(dim):
                names.append(_decode(dim[0].attrs.get("NAME", f"dim_{k}".encode())))
            else:
                names.append(f"{d.name.strip('/').replace('/', '_')}_dim_{k}")
        return tuple(names)

    def keep(obj):
        return {k: _decode(v) for k, v in obj.attrs.items() if k not in _H5_INTERNAL}

    def visit(name, obj):
        if isinstance(obj, h5py.Group):
            for k, v in keep(obj).items():
                attrs[f"{name}/{k}"] = v
            return
        values = _decode(obj[()])
        if _decode(obj.attrs.get("CLASS", b"")) == "DIMENSION_SCALE":
            dim = _decode(obj.attrs.get("NAME", name.rsplit("/", 1)[-1].encode()))
            if "This is a netCDF dimension" in dim:
                dim = name.rsplit("/", 1)[-1]
            coords[dim] = xr.Variable((dim,), values, keep(obj))
        else:
            data_vars[name] = xr.Variable(dims_of(obj), values, keep(obj))

    with h5py.File(path, "r") as f:
        attrs.update(keep(f))
        f.visititems(visit)
    return xr.Dataset(data_vars, coords=coords, attrs=attrs)
