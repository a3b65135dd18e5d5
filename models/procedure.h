/* procedure.h — what a visit does: microneedling (needle depth), dermaplaning, chemical peels.
 * The procedures differ only in parameters: epidermal defect, dermal inflammatory load, depth. */
#ifndef MN_PROCEDURE_H
#define MN_PROCEDURE_H

#define procedure_STATES(S)
#define procedure_OBSERVABLES(O)
#define procedure_PARAMS(P)                                                                        \
    P(procedure, microneedling, "1", MN_BOOL, 1, 0, 1, NULL, "microneedle at each visit",          \
      "user input")                                                                                \
    P(procedure, depth_mm, "mm", MN_REAL, 1.5, 0.25, 2.5, NULL, "needle length (dermaroller)",     \
      "user input; range of dermarollers in Aust 2008 and Harris 2015")                            \
    P(procedure, dermaplaning, "1", MN_BOOL, 0, 0, 1, NULL,                                        \
      "dermaplane (remove the outer stratum corneum) at each visit", "user input")                 \
    P(procedure, peel, "1", MN_ENUM, 0, 0, 3, "none|superficial|medium|deep",                      \
      "chemical peel at each visit", "user input")                                                 \
    P(microneedling, channel_area_per_mm, "1/mm", MN_REAL, 0.004, 0, 0.1, NULL,                    \
      "open micro-channel area fraction per mm of needle length",                                  \
      "modelling assumption: ~200 needles/cm^2 x ~0.02 mm^2 channel section per mm depth")         \
    P(microneedling, load_per_mm, "1/mm^k", MN_REAL, 0.75, 0, 10, NULL,                            \
      "dermal inflammatory load per (needle length)^load_exponent",                                \
      "calibrated: redness gone by day 2-4 at 1.5 mm (science.md: clinical needling 2-3 days)")    \
    P(microneedling, load_exponent, "1", MN_REAL, 1.5, 0.5, 3, NULL,                               \
      "how steeply the inflammatory load grows with needle length",                                \
      "calibrated: 0.2-0.4 mm arrays give minimal redness (Bal et al. 2008)")                      \
    P(microneedling, barrier_per_mm, "1/mm", MN_REAL, 0.2, 0, 1, NULL,                             \
      "stratum corneum disruption per mm of needle length",                                        \
      "modelling assumption; deeper needles raise water loss most (Sasaki 2019)")                  \
    P(microneedling, disruption_per_mm, "1/mm", MN_REAL, 1.26, 0, 10, NULL,                        \
      "rate constant of immature-matrix destruction with wound depth: 1-exp(-k*depth)",            \
      "calibrated: ~85 % of immature matrix lost per 1.5 mm session (feasibility study, "          \
      "claims.md)")                                                                                \
    P(dermaplaning, stratum_removed, "1", MN_REAL, 0.6, 0, 1, NULL,                                \
      "fraction of stratum corneum removed by dermaplaning", "modelling assumption")               \
    P(dermaplaning, load, "1", MN_REAL, 0.05, 0, 5, NULL,                                          \
      "dermal inflammatory load of dermaplaning", "modelling assumption: epidermal only")          \
    P(peel, superficial_defect, "1", MN_REAL, 0.25, 0, 3, NULL,                                    \
      "epidermal defect of a superficial peel", "calibrated: flaking/redness up to ~4 days")       \
    P(peel, superficial_load, "1", MN_REAL, 0.4, 0, 10, NULL,                                      \
      "inflammatory load of a superficial peel", "calibrated: science.md peels")                   \
    P(peel, superficial_depth_mm, "mm", MN_REAL, 0.06, 0, 2, NULL,                                 \
      "wound depth of a superficial peel (epidermis)", "standard peel classification")             \
    P(peel, medium_defect, "1", MN_REAL, 1.0, 0, 3, NULL,                                          \
      "epidermal defect of a medium (TCA) peel: whole epidermis",                                  \
      "calibrated: new skin by days 7-10 (science.md)")                                            \
    P(peel, medium_load, "1", MN_REAL, 2.0, 0, 10, NULL, "inflammatory load of a medium peel",     \
      "calibrated: swelling peaks at 48 h, pink for weeks (science.md)")                           \
    P(peel, medium_depth_mm, "mm", MN_REAL, 0.45, 0, 2, NULL,                                      \
      "wound depth of a medium peel (papillary to upper reticular dermis)",                        \
      "standard peel classification")                                                              \
    P(peel, deep_defect, "1", MN_REAL, 1.8, 0, 3, NULL,                                            \
      "epidermal defect of a deep (phenol) peel; >1 = slower re-epithelialisation",                \
      "calibrated: new skin in 7-21 days (science.md)")                                            \
    P(peel, deep_load, "1", MN_REAL, 3.0, 0, 10, NULL, "inflammatory load of a deep peel",         \
      "calibrated: redness fades over months (science.md)")                                        \
    P(peel, deep_depth_mm, "mm", MN_REAL, 0.8, 0, 2, NULL,                                         \
      "wound depth of a deep peel (mid reticular dermis)", "standard peel classification")

#endif
