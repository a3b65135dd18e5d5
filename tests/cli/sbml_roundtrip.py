#!/usr/bin/python3
"""sbml_roundtrip.py — integrates an SBML file written by `mnsim sbml` with SciPy and compares
every observable (and state) of it with the series of an `mnsim run` file of the same INI.

usage: sbml_roundtrip.py MODEL.xml RUN.h5 [REL_TOL [FLOOR]]

The SBML document is read with libSBML (python3-sbml5); its initial assignments, assignment rules,
rate rules and events are turned into Python code by walking the math ASTs (no mnsim code is
used). The rate rules are integrated with scipy.integrate.solve_ivp (LSODA, rtol 1e-12, atol
1e-15) from event time to event time; at each event time the event assignments are applied with
the values from before the event (useValuesFromTriggerTime). Values at an event time are compared
after the event (after every event of that time), as mnsim samples them.

A value passes when |sbml - mnsim| <= REL_TOL * max(|mnsim|, FLOOR * scale), where scale is the
largest |value| of that series over the course: the floor keeps values that decay to 0 (an open
defect closing, a product clearing) from being compared relative to a vanishing number. Prints the
worst relative difference per series and overall; exit status 1 if any value fails.
"""
import math
import re
import sys

import h5py
import libsbml
import numpy as np
from scipy.integrate import solve_ivp

OPS = {
    libsbml.AST_PLUS: "+",
    libsbml.AST_MINUS: "-",
    libsbml.AST_TIMES: "*",
    libsbml.AST_DIVIDE: "/",
    libsbml.AST_POWER: "**",
    libsbml.AST_FUNCTION_POWER: "**",
}
RELATIONS = {
    libsbml.AST_RELATIONAL_EQ: "==",
    libsbml.AST_RELATIONAL_NEQ: "!=",
    libsbml.AST_RELATIONAL_LT: "<",
    libsbml.AST_RELATIONAL_LEQ: "<=",
    libsbml.AST_RELATIONAL_GT: ">",
    libsbml.AST_RELATIONAL_GEQ: ">=",
}
FUNCTIONS = {
    libsbml.AST_FUNCTION_EXP: "math.exp",
    libsbml.AST_FUNCTION_LN: "math.log",
    libsbml.AST_FUNCTION_MAX: "max",
    libsbml.AST_FUNCTION_MIN: "min",
    libsbml.AST_FUNCTION_ABS: "abs",
}


def py(node):
    """Python expression of a libSBML AST (the subset mnsim's formulas use)."""
    t = node.getType()
    kids = [py(node.getChild(i)) for i in range(node.getNumChildren())]
    if t == libsbml.AST_INTEGER:
        return repr(float(node.getInteger()))
    if t in (libsbml.AST_REAL, libsbml.AST_REAL_E, libsbml.AST_RATIONAL):
        return repr(node.getReal())
    if t == libsbml.AST_NAME_TIME:
        return "t"
    if t == libsbml.AST_NAME:
        return "v[%r]" % node.getName()
    if t == libsbml.AST_CONSTANT_PI:
        return repr(math.pi)
    if t == libsbml.AST_CONSTANT_E:
        return repr(math.e)
    if t in OPS:
        if t == libsbml.AST_MINUS and len(kids) == 1:
            return "(-%s)" % kids[0]
        return "(" + (" %s " % OPS[t]).join(kids) + ")"
    if t in RELATIONS:
        return "(%s %s %s)" % (kids[0], RELATIONS[t], kids[1])
    if t in FUNCTIONS:
        return "%s(%s)" % (FUNCTIONS[t], ", ".join(kids))
    if t == libsbml.AST_FUNCTION_LOG:  # log(base, x)
        if len(kids) == 2:
            return "math.log(%s, %s)" % (kids[1], kids[0])
        return "math.log10(%s)" % kids[0]
    if t == libsbml.AST_FUNCTION_PIECEWISE:
        expr = kids[-1] if len(kids) % 2 == 1 else "float('nan')"
        for i in range(len(kids) // 2 * 2 - 2, -1, -2):
            expr = "(%s if %s else %s)" % (kids[i], kids[i + 1], expr)
        return expr
    raise SystemExit("sbml_roundtrip.py: unsupported MathML node %s (%s)"
                     % (node.getName() or node.getType(), libsbml.formulaToL3String(node)))


def compile_math(math_node, what):
    if math_node is None:
        raise SystemExit("sbml_roundtrip.py: %s has no math" % what)
    return py(math_node)


class Model:
    """The SBML model as Python functions: constants (parameters and initial assignments) are
    globals, the rate-rule states are the vector y, assignment rules are evaluated in order."""

    def __init__(self, path):
        doc = libsbml.readSBMLFromFile(path)
        if (doc.getNumErrors(libsbml.LIBSBML_SEV_ERROR)
                + doc.getNumErrors(libsbml.LIBSBML_SEV_FATAL)):
            doc.printErrors()
            raise SystemExit("sbml_roundtrip.py: %s does not read" % path)
        m = doc.getModel()
        values = {}
        # non-constant parameters without a rule change only at events (wound_depth_mm)
        ruled = {r.getVariable() for r in m.getListOfRules()}
        discrete = [p.getId() for p in m.getListOfParameters()
                    if not p.getConstant() and p.getId() not in ruled]
        for p in m.getListOfParameters():
            values[p.getId()] = p.getValue() if p.isSetValue() else None
        rules = [(r.getVariable(), compile_math(r.getMath(), r.getVariable()))
                 for r in m.getListOfRules() if r.isAssignment()]
        # SBML rules may come in any order: evaluate each after the rules it reads
        defined = {var for var, _ in rules}
        ordered, placed = [], set()
        while len(ordered) < len(rules):
            ready = [(var, expr) for var, expr in rules if var not in placed and
                     not (set(re.findall(r"v\['(\w+)'\]", expr)) & (defined - placed))]
            if not ready:
                raise SystemExit("sbml_roundtrip.py: assignment rules form a cycle")
            ordered += ready
            placed |= {var for var, _ in ready}
        rules = ordered
        self.rate_ids = [r.getVariable() for r in m.getListOfRules() if r.isRate()]
        rates = [compile_math(r.getMath(), r.getVariable())
                 for r in m.getListOfRules() if r.isRate()]
        # initial assignments may reference each other: evaluate until none is left
        pending = [(ia.getSymbol(), compile_math(ia.getMath(), ia.getSymbol()))
                   for ia in m.getListOfInitialAssignments()]
        while pending:
            left = []
            for sym, expr in pending:
                try:
                    values[sym] = float(eval(expr, {"math": math}, {"v": values, "t": 0.0}))
                except TypeError:  # a value not known yet (None)
                    left.append((sym, expr))
            if len(left) == len(pending):
                raise SystemExit("sbml_roundtrip.py: initial assignments cannot be resolved: %s"
                                 % [s for s, _ in left])
            pending = left
        self.y0 = np.array([values[i] for i in self.rate_ids], dtype=float)
        # one generated function: unpack the states, evaluate the rules, return the rates
        self.names = list(self.rate_ids) + [var for var, _ in rules]
        lines = ["def f(t, y, want_values):", "    v = dict(const)", "    v.update(disc)"]
        lines += ["    v[%r] = y[%d]" % (name, i) for i, name in enumerate(self.rate_ids)]
        lines += ["    v[%r] = %s" % (var, expr) for var, expr in rules]
        lines += ["    if want_values: return v",
                  "    return [%s]" % ", ".join(rates)]
        self.disc = {k: values[k] for k in discrete}
        self.const = {k: x for k, x in values.items() if k not in self.names and k not in self.disc}
        scope = {"math": math, "const": self.const, "disc": self.disc}
        exec("\n".join(lines), scope)
        self.f = scope["f"]
        self.events = {}
        for e in m.getListOfEvents():
            trig = libsbml.formulaToL3String(e.getTrigger().getMath())
            mt = re.fullmatch(r"time >= ([0-9.eE+-]+)(?: day)?", trig)
            if not mt:
                raise SystemExit("sbml_roundtrip.py: event %s: unsupported trigger %s"
                                 % (e.getId(), trig))
            if not e.getUseValuesFromTriggerTime() or e.isSetDelay():
                raise SystemExit("sbml_roundtrip.py: event %s: expected no delay" % e.getId())
            jumps = [(a.getVariable(), compile_math(a.getMath(), e.getId()))
                     for a in e.getListOfEventAssignments()]
            self.events.setdefault(float(mt.group(1)), []).extend(jumps)

    def rhs(self, t, y):
        return self.f(t, y, False)

    def simulate(self, times):
        """Values of every variable at the sample times (after the events at the same time)."""
        times = np.asarray(times)
        out = {}
        t0 = 0.0
        stops = sorted(self.events) + [times[-1]]
        y = self.y0.copy()
        done = 0
        for stop in stops:
            sol = None
            if stop > t0:
                sol = solve_ivp(self.rhs, (t0, stop), y, method="LSODA", rtol=1e-12,
                                atol=1e-15, dense_output=True)
                if not sol.success:
                    raise SystemExit("sbml_roundtrip.py: integration failed: " + sol.message)
                y = sol.y[:, -1]
            # samples in (t0, stop], or [0, stop] in the first segment; one at an event's
            # time after the event (below)
            while done < len(times) and (times[done] < stop or
                                         (times[done] == stop and stop not in self.events)):
                ts = times[done]
                ys = y if ts == stop or sol is None else sol.sol(ts)
                for k, val in self.f(ts, ys, True).items():
                    out.setdefault(k, np.full(len(times), np.nan))[done] = val
                done += 1
            if stop in self.events:
                before = self.f(stop, y, True)  # values at the trigger time
                after = dict(before)
                for var, expr in self.events[stop]:
                    after[var] = eval(expr, {"math": math}, {"v": before, "t": stop})
                y = np.array([after[i] for i in self.rate_ids], dtype=float)
                for k in self.disc:
                    self.disc[k] = after[k]
                while done < len(times) and times[done] == stop:
                    for k, val in self.f(stop, y, True).items():
                        out.setdefault(k, np.full(len(times), np.nan))[done] = val
                    done += 1
            t0 = stop
        return out


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    rel_tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
    floor = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-3
    model = Model(sys.argv[1])
    with h5py.File(sys.argv[2], "r") as f:
        times = f["time"][()]
        ref = {k: f[k][()] for k in f
               if isinstance(f[k], h5py.Dataset) and f[k].shape == times.shape and k != "time"}
    sim = model.simulate(times)
    worst, failed, compared = 0.0, [], 0
    for name in sorted(ref):
        if name not in sim:
            print("%-28s not in the SBML model" % name)
            failed.append(name)
            continue
        r, s = ref[name], sim[name]
        scale = max(float(np.max(np.abs(r))), 1e-300)
        denom = np.maximum(np.abs(r), floor * scale)
        rel = np.abs(s - r) / denom
        i = int(np.argmax(rel))
        compared += 1
        print("%-28s worst relative difference %.2e (day %g: mnsim %.10g, SBML %.10g)"
              % (name, rel[i], times[i], r[i], s[i]))
        worst = max(worst, float(rel[i]))
        if not rel[i] <= rel_tol:
            failed.append(name)
    print("compared %d series at %d times: worst relative difference %.3e (tolerance %g, floor %g "
          "of each series' largest value)" % (compared, len(times), worst, rel_tol, floor))
    if failed:
        print("FAILED: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
