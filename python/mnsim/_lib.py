"""_lib.py — finding libmnsim.so and declaring its C API (include/mnsim.h) for ctypes.

The library is looked up in this order: the file named by the environment variable MNSIM_LIB;
the build tree of the source checkout this package sits in (build/libmnsim.so next to python/,
then other build*/ directories);
the system (ctypes.util.find_library("mnsim"), then "libmnsim.so" on the loader's path).
"""
import ctypes
import ctypes.util
import os
from pathlib import Path

class Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("message", ctypes.c_char * 2048)]


class ParamInfo(ctypes.Structure):
    _fields_ = [
        ("section", ctypes.c_char_p),
        ("key", ctypes.c_char_p),
        ("unit", ctypes.c_char_p),
        ("kind", ctypes.c_int),
        ("default_value", ctypes.c_double),
        ("min", ctypes.c_double),
        ("max", ctypes.c_double),
        ("choices", ctypes.c_char_p),
        ("description", ctypes.c_char_p),
        ("source", ctypes.c_char_p),
    ]


class SweepOptions(ctypes.Structure):
    _fields_ = [("threads", ctypes.c_int), ("resume", ctypes.c_int), ("trajectories", ctypes.c_int)]


class SweepSummary(ctypes.Structure):
    _fields_ = [
        ("total", ctypes.c_size_t),
        ("ok", ctypes.c_size_t),
        ("invalid", ctypes.c_size_t),
        ("failed", ctypes.c_size_t),
        ("seconds", ctypes.c_double),
        ("first_failure", ctypes.c_char * 512),
    ]


def _candidates():
    env = os.environ.get("MNSIM_LIB")
    if env:
        yield env
        return
    # a source checkout: <tree>/python/mnsim/_lib.py -> <tree>/build/libmnsim.so first, then any
    # other <tree>/build*/ (newest first; one that cannot load, e.g. sanitized, is skipped)
    tree = Path(__file__).resolve().parent.parent.parent
    builds = sorted(tree.glob("build*/libmnsim.so"), key=lambda p: p.stat().st_mtime, reverse=True)
    builds.sort(key=lambda p: p.parent.name != "build")
    for so in builds:
        yield str(so)
    found = ctypes.util.find_library("mnsim")
    if found:
        yield found
    yield "libmnsim.so"


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path}: {e}")
    raise ImportError(
        "mnsim: cannot load libmnsim.so (set MNSIM_LIB=/path/to/libmnsim.so, or build the "
        "source tree with cmake); tried: " + "; ".join(tried)
    )


lib = _load()
path = lib._name

_P = ctypes.c_void_p
_E = ctypes.POINTER(Error)
_sigs = {
    "mnsim_version": (ctypes.c_char_p, []),
    "mnsim_param_count": (ctypes.c_int, []),
    "mnsim_param_info_get": (ctypes.c_int, [ctypes.c_int, ctypes.POINTER(ParamInfo)]),
    "mnsim_param_index": (ctypes.c_int, [ctypes.c_char_p]),
    "mnsim_params_new": (_P, []),
    "mnsim_params_free": (None, [_P]),
    "mnsim_params_load_ini": (ctypes.c_int, [_P, ctypes.c_char_p, _E]),
    "mnsim_params_set": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_char_p, _E]),
    "mnsim_params_value": (ctypes.c_double, [_P, ctypes.c_int]),
    "mnsim_params_check": (ctypes.c_int, [_P, _E]),
    "mnsim_run": (_P, [_P, _E]),
    "mnsim_result_free": (None, [_P]),
    "mnsim_series_count": (ctypes.c_int, []),
    "mnsim_series_name": (ctypes.c_char_p, [ctypes.c_int]),
    "mnsim_metric_count": (ctypes.c_int, []),
    "mnsim_metric_name": (ctypes.c_char_p, [ctypes.c_int]),
    "mnsim_result_write": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_char_p, _E]),
    "mnsim_sweep": (
        ctypes.c_int,
        [
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.POINTER(SweepOptions),
            ctypes.POINTER(SweepSummary),
            _E,
        ],
    ),
}
for _name, (_res, _args) in _sigs.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args
