/* quality.h — skin-quality indices derived from collagen (no states): firmness, elasticity,
 * wrinkle depth and pore visibility. All are 1 for a 25-year-old's untreated dermis. */
#ifndef MN_QUALITY_H
#define MN_QUALITY_H

#define quality_STATES(S)
#define quality_OBSERVABLES(O)                                                                     \
    O(firmness, "1", "firmness index, proportional to total collagen (1 = 25-year-old)")           \
    O(elasticity, "1", "elasticity index from mature type I collagen (1 = 25-year-old)")           \
    O(wrinkle_depth, "1", "wrinkle depth index, deeper with less collagen (1 = 25-year-old)")      \
    O(pore_visibility, "1", "pore visibility index, smaller with more collagen (1 = 25-year-old)")
#define quality_PARAMS(P)                                                                          \
    P(quality, wrinkle_sensitivity, "1", MN_REAL, 3.0, 0, 20, NULL,                                \
      "wrinkle depth = exp(-sensitivity * (collagen_total - 1))",                                  \
      "modelling assumption: wrinkles deepen as dermal collagen falls (Varani 2006)")              \
    P(quality, pore_exponent, "1", MN_REAL, 1.5, 0, 10, NULL,                                      \
      "pore visibility = collagen_total^(-exponent)",                                              \
      "modelling assumption: firmer, plumper dermis shrinks the appearance of pores (seed)")

#endif
