/* quality.h — skin-quality indices derived from the treated layer's collagen (no states):
 * firmness, elasticity, wrinkle depth, pore visibility (1 for a 25-year-old's untreated skin) and
 * a clinical wrinkle grade (Lemperle 0-5) starting at patient.wrinkle_grade. */
#ifndef MN_QUALITY_H
#define MN_QUALITY_H

#define quality_STATES(S)
#define quality_OBSERVABLES(O)                                                                     \
    O(firmness, "1", "firmness index: collagen density of the treated layer (1 = 25-year-old)")    \
    O(elasticity, "1", "elasticity index: mature collagen of the treated layer (1 = 25-year-old)") \
    O(wrinkle_depth, "1", "wrinkle depth index, deeper with less collagen (1 = 25-year-old)")      \
    O(pore_visibility, "1", "pore visibility index, smaller with more collagen (1 = 25-year-old)") \
    O(wrinkle_grade, "1", "clinical wrinkle grade (Lemperle 0-5), patient.wrinkle_grade on day 0")
#define quality_PARAMS(P)                                                                          \
    P(quality, wrinkle_sensitivity, "1", MN_REAL, 1.9, 0, 20, NULL,                                \
      "wrinkle depth = exp(-sensitivity * (layer density - 1))",                                   \
      "calibrated: Lemperle grade -1.23 after 4 monthly sessions (Ablon 2018); wrinkles deepen "   \
      "as dermal collagen falls (Varani 2006)")                                                    \
    P(quality, pore_exponent, "1", MN_REAL, 1.5, 0, 10, NULL,                                      \
      "pore visibility = (layer density)^(-exponent)",                                             \
      "modelling assumption: firmer, plumper dermis shrinks the appearance of pores (seed)")

#endif
