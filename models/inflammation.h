/* inflammation.h — the inflammatory response and redness (erythema) with a visible threshold.
 * Driven by the dermal load of a visit, by the open epidermal defect and by irritation. */
#ifndef MN_INFLAMMATION_H
#define MN_INFLAMMATION_H

#define inflammation_STATES(S)                                                                     \
    S(inflammation, "1", "inflammatory signal (cytokines, immune cells), dimensionless")           \
    S(visible_redness_days, "day", "accumulated time with redness above the visible threshold")
#define inflammation_OBSERVABLES(O)                                                                \
    O(redness, "1", "erythema index: inflammation plus the pink of new micro-vessels")             \
    O(redness_visible, "1", "1 where redness is above the visible threshold (smoothed), else 0")   \
    O(irritation, "1/day", "irritation from acidic/exfoliating products reaching the dermis")
#define inflammation_PARAMS(P)                                                                     \
    P(inflammation, resolution_per_day, "1/day", MN_REAL, 1.0, 0.05, 20, NULL,                     \
      "first-order resolution rate of inflammation",                                               \
      "calibrated: inflammatory phase ~days 0-3 (wound-healing texts); redness after needling "    \
      "gone in 2-3 days (science.md)")                                                             \
    P(inflammation, defect_drive_per_day, "1/day", MN_REAL, 2.0, 0, 50, NULL,                      \
      "inflammation produced per day per unit open epidermal defect",                              \
      "calibrated: peels stay red while the epidermis is open (science.md)")                       \
    P(inflammation, vessel_pink, "1", MN_REAL, 0.5, 0, 10, NULL,                                   \
      "redness contributed per unit excess micro-vessel density (pink new skin)",                  \
      "calibrated: medium/deep peels stay pink for weeks after re-epithelialisation")              \
    P(inflammation, visible_threshold, "1", MN_REAL, 0.12, 1e-3, 10, NULL,                         \
      "redness above which it is visible",                                                         \
      "modelling assumption: no agreed threshold exists in erythema-index units (science.md)")     \
    P(inflammation, visible_width, "1", MN_REAL, 0.005, 1e-5, 1, NULL,                             \
      "half-width of the smooth step (10x^3-15x^4+6x^5 over threshold +- width) for visible time", \
      "numerical choice: a C2 step keeps the integrand smooth and is exactly 0 without redness")

#endif
