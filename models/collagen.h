/* collagen.h — collagen synthesis and content: baseline turnover into mature type I and type III,
 * injury-induced synthesis into an immature (type III-rich) wound matrix that matures into type I,
 * destruction of the immature matrix by a new injury, and very slow turnover of mature collagen.
 * Content is relative to a 25-year-old's dermis (= 1); synthesis relative to that dermis' baseline.
 */
#ifndef MN_COLLAGEN_H
#define MN_COLLAGEN_H

#define collagen_STATES(S)                                                                         \
    S(collagen_mature_I, "1", "mature type I collagen (relative to a 25-year-old's total)")        \
    S(collagen_base_III, "1", "type III collagen of the normal dermis (relative)")                 \
    S(wound_matrix, "1", "immature injury-induced matrix, type III rich (relative)")               \
    S(collagen_synthesized, "1", "cumulative collagen synthesised since day 0 (relative)")         \
    S(collagen_degraded, "1", "cumulative collagen degraded or destroyed since day 0 (relative)")
#define collagen_OBSERVABLES(O)                                                                    \
    O(collagen_synthesis_rate, "1", "synthesis rate relative to a 25-year-old's baseline")         \
    O(collagen_total, "1", "total dermal collagen relative to a 25-year-old's")                    \
    O(collagen_type_I, "1", "type I collagen (relative)")                                          \
    O(collagen_type_III, "1", "type III collagen: baseline plus immature wound matrix (relative)")
#define collagen_PARAMS(P)                                                                         \
    P(collagen, half_life_years, "year", MN_REAL, 15, 0.5, 100, NULL,                              \
      "half-life of mature dermal collagen",                                                       \
      "Verzijl et al. 2000, J Biol Chem 275:39027 (~15 years from racemisation)")                  \
    P(collagen, type_III_fraction, "1", MN_REAL, 0.15, 0, 0.5, NULL,                               \
      "share of type III in normal dermis", "normal dermis 80-90 % type I (science.md)")           \
    P(collagen, age_decline_per_year, "1/year", MN_REAL, 0.0118, 0, 0.05, NULL,                    \
      "fractional fall of baseline synthesis per year of age above 25",                            \
      "Shuster, Black & McVitie 1975 (~1 %/year fall in content); Varani 2000")                    \
    P(collagen, synthesis_boost, "1", MN_REAL, 1.9, 0, 100, NULL,                                  \
      "extra synthesis (as multiples of baseline) at full fibroblast activation",                  \
      "calibrated: a 60-year-old's peak ~ a 25-year-old's baseline (claims C6)")                   \
    P(collagen, maturation_days, "day", MN_REAL, 21, 1, 365, NULL,                                 \
      "time constant of immature (type III) to mature (type I) matrix conversion",                 \
      "type I dominates again from ~week 2, remodelling for months (science.md); ~3 weeks")        \
    P(collagen, wound_turnover_days, "day", MN_REAL, 60, 1, 3650, NULL,                            \
      "time constant of degradation of immature matrix (MMP remodelling)",                         \
      "modelling assumption: the immature matrix is remodelled over weeks to months")

#endif
