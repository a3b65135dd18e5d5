/* topical.h — topical uptake through micro-channels and an impaired barrier, and irritation from
 * acidic/exfoliating aftercare products applied while the barrier is impaired. */
#ifndef MN_TOPICAL_H
#define MN_TOPICAL_H

#define topical_STATES(S)                                                                          \
    S(topical_absorbed, "dose", "cumulative amount of serum absorbed since day 0")
#define topical_OBSERVABLES(O)                                                                     \
    O(topical_uptake, "1", "skin permeability relative to intact skin (uptake rate per dose)")
#define topical_PARAMS(P)                                                                          \
    P(topical, channel_gain, "1", MN_REAL, 600, 0, 1e5, NULL,                                      \
      "permeability gain per unit open defect (channels bypass the stratum corneum)",              \
      "calibrated: several-fold delivery right after needling (Kalluri & Banga 2011; science.md)") \
    P(topical, barrier_gain, "1", MN_REAL, 4, 0, 1e3, NULL,                                        \
      "permeability gain per unit barrier deficit", "modelling assumption")                        \
    P(topical, clearance_per_day, "1/day", MN_REAL, 3, 0.01, 100, NULL,                            \
      "rate at which a product leaves the skin surface (rubbed off, evaporates)",                  \
      "modelling assumption: half-life ~6 h")                                                      \
    P(aftercare, serum_hours, "hour", MN_REAL, 1, -1, 720, NULL,                                   \
      "hours after each session a serum is applied (-1 = none)", "user input")                     \
    P(aftercare, acid_days, "day", MN_REAL, -1, -1, 60, NULL,                                      \
      "days after each session an acidic/exfoliating product is applied (-1 = none)",              \
      "user input")                                                                                \
    P(aftercare, acid_strength, "1", MN_REAL, 1, 0, 10, NULL,                                      \
      "strength of the acidic product (1 = typical glycolic serum)", "user input")                 \
    P(aftercare, irritation_gain, "1/day", MN_REAL, 3, 0, 100, NULL,                               \
      "irritation per unit acid dose and permeability per day", "modelling assumption")            \
    P(aftercare, sensitivity_gain, "1", MN_REAL, 3, 0, 100, NULL,                                  \
      "irritation is multiplied by (1 + gain * sensitivity)",                                      \
      "modelling assumption: seed says sensitive skin should avoid acids while healing")

#endif
