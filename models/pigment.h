/* pigment.h — post-inflammatory hyperpigmentation: melanin induced by inflammation x UV x skin
 * type, cleared over months. */
#ifndef MN_PIGMENT_H
#define MN_PIGMENT_H

#define pigment_STATES(S) S(pigment, "1", "excess epidermal melanin (PIH index, 0 = none)")
#define pigment_OBSERVABLES(O)
#define pigment_PARAMS(P)                                                                          \
    P(pigment, induction_per_day, "1/day", MN_REAL, 0.03, 0, 10, NULL,                             \
      "pigment induced per unit inflammation and UV at Fitzpatrick type III",                      \
      "calibrated: PIH rare after needling, ~1 in 7 in types IV-V (science.md)")                   \
    P(pigment, fitzpatrick_exponent, "1", MN_REAL, 2.0, 0, 6, NULL,                                \
      "melanocyte reactivity = (type/3)^exponent",                                                 \
      "modelling assumption: PIH risk rises with darker skin (Chan et al. 2007)")                  \
    P(pigment, clearance_days, "day", MN_REAL, 90, 1, 3650, NULL, "time constant of PIH fading",   \
      "modelling assumption: PIH fades over months")                                               \
    P(pigment, ambient_uv, "1", MN_REAL, 0.1, 0, 1, NULL,                                          \
      "UV and visible light reaching the skin even indoors", "modelling assumption")               \
    P(pigment, sunscreen_protection, "1", MN_REAL, 0.8, 0, 1, NULL,                                \
      "fraction of UV blocked by daily sunscreen as applied in practice",                          \
      "modelling assumption: SPF 30 blocks ~97 % as tested, less as applied")                      \
    P(pigment, visible_threshold, "1", MN_REAL, 0.1, 1e-4, 10, NULL,                               \
      "pigment index above which PIH is visible", "modelling assumption")

#endif
