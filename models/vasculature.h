/* vasculature.h — new micro-vessels (perfusion, "forms red blood cells") and epidermal renewal
 * ("speeds up skin growth"), both driven by inflammation, and the glow they give. */
#ifndef MN_VASCULATURE_H
#define MN_VASCULATURE_H

#define vasculature_STATES(S)                                                                      \
    S(vessel_growth, "1", "excess micro-vessel density over baseline (relative)")                  \
    S(renewal_boost, "1", "excess epidermal renewal rate over baseline (relative)")
#define vasculature_OBSERVABLES(O)                                                                 \
    O(perfusion, "1", "dermal perfusion relative to baseline (1 = baseline)")                      \
    O(renewal, "1", "epidermal renewal rate relative to baseline (1 = baseline)")                  \
    O(glow, "1", "glow index: perfusion and renewal net of redness (0 = baseline)")
#define vasculature_PARAMS(P)                                                                      \
    P(vasculature, angiogenesis_per_day, "1/day", MN_REAL, 0.12, 0, 10, NULL,                      \
      "micro-vessel growth per unit inflammation per day",                                         \
      "modelling assumption: angiogenesis in the proliferative phase (days 3-21)")                 \
    P(vasculature, vessel_regression_per_day, "1/day", MN_REAL, 0.15, 0.005, 10, NULL,             \
      "regression rate of new micro-vessels",                                                      \
      "modelling assumption: proliferative phase ~3 weeks")                                        \
    P(vasculature, renewal_drive_per_day, "1/day", MN_REAL, 0.12, 0, 10, NULL,                     \
      "epidermal renewal boost per unit inflammation and per unit open defect per day",            \
      "modelling assumption; epidermis +40-50 % after a course (Aust 2008, Lotfi 2013)")           \
    P(vasculature, renewal_decay_per_day, "1/day", MN_REAL, 0.2, 0.005, 10, NULL,                  \
      "return rate of epidermal renewal to baseline", "modelling assumption")                      \
    P(vasculature, glow_redness_weight, "1", MN_REAL, 1.0, 0, 10, NULL,                            \
      "how much visible redness detracts from glow", "modelling assumption")

#endif
