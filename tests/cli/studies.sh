#!/usr/bin/env bash
# tests/cli/studies.sh — the literature scenarios params/studies/*.ini (targets L1-L6 of
# docs/CLAIMS.md) run as a user runs them (`mnsim run FILE`), each meeting its target when read
# from the run file: L1 treated_collagen +35..+80 % and epidermal_thickness +30..+70 % on day 168;
# L2 wrinkle_grade lower by 0.8-1.6 on day 150 and >= 0.4 on day 90; L3 scar_severity lower by
# 0.6-1.5; L4 the medium peel's synthesis peak after needling's; L5 treated_collagen >= +20 % on
# day 182 and epidermal_thickness +20..+60 % on day 365; L6 the peak >= 0.5 day later at 65.
source "$(dirname "$0")/lib.sh"
for f in l1_lotfi2013 l2_ablon2018 l3_tirmizi2021 l4_needling l4_medium_peel l5_aust2008 \
         l6_age25 l6_age65; do
    run_mnsim run "$MNSIM_SOURCE_DIR/params/studies/$f.ini" -o "$WORK/$f.h5"
    expect_rc 0 "mnsim run params/studies/$f.ini"
done
"$PY" - "$WORK" <<'PY' || fail "a study does not meet its target"
import sys, h5py, numpy as np
d = sys.argv[1]
def f(name): return h5py.File(f"{d}/{name}.h5", "r")
def at(h, var, day): return float(h[var][np.argmin(np.abs(h["time"][:] - day))])
def metric(h, m): return float(h["metrics"][m][()])
bad = []
def need(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond: bad.append(what)
h = f("l1_lotfi2013")
tc, ep = at(h, "treated_collagen", 168) - 1, at(h, "epidermal_thickness", 168) - 1
need(0.35 <= tc <= 0.80 and 0.30 <= ep <= 0.70, f"L1 treated_collagen {tc:+.2f}, epidermis {ep:+.2f}")
h = f("l2_ablon2018")
g90, g150 = 3 - at(h, "wrinkle_grade", 90), 3 - at(h, "wrinkle_grade", 150)
need(0.8 <= g150 <= 1.6 and g90 >= 0.4, f"L2 wrinkle grade -{g150:.2f} (day 150), -{g90:.2f} (day 90)")
h = f("l3_tirmizi2021")
drop = 3 - at(h, "scar_severity", 84)
need(0.6 <= drop <= 1.5, f"L3 scar grade -{drop:.2f}")
a, b = metric(f("l4_needling"), "peak_synthesis_day"), metric(f("l4_medium_peel"), "peak_synthesis_day")
need(b > a, f"L4 peak day {a:.2f} (needling) < {b:.2f} (medium peel)")
h = f("l5_aust2008")
tc, ep = at(h, "treated_collagen", 182) - 1, at(h, "epidermal_thickness", 365) - 1
need(tc >= 0.20 and 0.20 <= ep <= 0.60, f"L5 treated_collagen {tc:+.2f} (day 182), epidermis {ep:+.2f} (day 365)")
a, b = metric(f("l6_age25"), "peak_synthesis_day"), metric(f("l6_age65"), "peak_synthesis_day")
need(b >= a + 0.5, f"L6 peak day {a:.2f} at 25, {b:.2f} at 65")
sys.exit(1 if bad else 0)
PY
echo "studies: ok"
