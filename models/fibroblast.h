/* fibroblast.h — fibroblast activation by inflammatory signals, and the slow recovery of their
 * responsiveness after activation (exhaustion/turnover) that makes too-frequent sessions weaker. */
#ifndef MN_FIBROBLAST_H
#define MN_FIBROBLAST_H

#define fibroblast_STATES(S)                                                                       \
    S(fibroblast_activation, "1", "fraction of dermal fibroblasts activated (0-1)")                \
    S(fibroblast_responsiveness, "1",                                                              \
      "responsiveness of fibroblasts to a new stimulus (1 = rested)")
#define fibroblast_OBSERVABLES(O)                                                                  \
    O(fibroblast_activity, "1", "fibroblast activity relative to the patient's own baseline")
#define fibroblast_PARAMS(P)                                                                       \
    P(fibroblast, activation_per_day, "1/day", MN_REAL, 1.0, 0, 50, NULL,                          \
      "activation rate per unit inflammation of rested fibroblasts",                               \
      "calibrated: synthesis peaks on days 2-7 after one 1.5 mm session (claims C3)")              \
    P(fibroblast, deactivation_per_day, "1/day", MN_REAL, 0.45, 0.01, 20, NULL,                    \
      "return of activated fibroblasts to quiescence",                                             \
      "calibrated: synthesis within 10 % of baseline by day 28 (claims C3); fibroblast death "     \
      "~0.12/day, growth ~0.9/day in Jin et al. 2011")                                             \
    P(fibroblast, exhaustion_per_day, "1/day", MN_REAL, 1.2, 0, 50, NULL,                          \
      "loss of responsiveness per unit activation per day",                                        \
      "calibrated with collagen.maturation_days so that 3-4-week intervals are best (claims C14)") \
    P(fibroblast, recovery_days, "day", MN_REAL, 21, 1, 365, NULL,                                 \
      "time constant of the recovery of responsiveness",                                           \
      "modelling assumption: ~3-week exhaustion/turnover recovery (claims.md feasibility notes)")  \
    P(fibroblast, open_wound_defect, "1", MN_REAL, 0.1, 1e-3, 100, NULL,                           \
      "open epidermal defect at which fibroblast activation runs at half speed",                   \
      "modelling assumption: a confluent wound reaches its proliferative peak as it "              \
      "re-epithelialises, so deeper wounds and peels peak later (wound-healing texts; claims L4)") \
    P(fibroblast, capacity_loss_per_year, "1/year", MN_REAL, 0.004, 0, 0.02, NULL,                 \
      "fractional loss of activation capacity per year of age above 25",                           \
      "Varani et al. 2000/2006: aged fibroblasts less responsive, less mechanical tension")

#endif
