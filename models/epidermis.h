/* epidermis.h — micro-channels / epidermal defect and the stratum-corneum barrier (TEWL-like).
 * The open defect closes by saturating re-epithelialisation, solved exactly between events in
 * fast.c (Lambert W); the barrier deficit is an ODE state that follows the defect. */
#ifndef MN_EPIDERMIS_H
#define MN_EPIDERMIS_H

#define epidermis_STATES(S)                                                                        \
    S(barrier_deficit, "1", "stratum-corneum barrier deficit (0 = intact, 1 = absent), TEWL-like")
#define epidermis_OBSERVABLES(O)                                                                   \
    O(barrier, "1", "barrier integrity, 1 = intact (1 - deficit, 0 while the epidermis is open)")  \
    O(open_defect, "1", "open epidermal defect: micro-channel area or peel wound")
#define epidermis_PARAMS(P)                                                                        \
    P(epidermis, closure_speed_per_day, "1/day", MN_REAL, 0.12, 0.01, 5, NULL,                     \
      "maximal re-epithelialisation speed (defect area closed per day when large)",                \
      "calibrated: medium peel re-epithelialises in 7-10 days (science.md)")                       \
    P(epidermis, closure_half_saturation, "1", MN_REAL, 0.01, 1e-4, 1, NULL,                       \
      "defect size at which closure runs at half its maximal speed; small channels close at "      \
      "speed/half_saturation per day",                                                             \
      "calibrated: channels close within hours (Kalluri & Banga 2011; Gupta et al. 2011)")         \
    P(epidermis, barrier_recovery_per_day, "1/day", MN_REAL, 2.2, 0.05, 50, NULL,                  \
      "first-order recovery rate of the stratum-corneum barrier once the epidermis is closed",     \
      "calibrated: barrier >= 95 % by 48 h, recovered within 72 h (Dermatol Surg 2012;38:1816)")   \
    P(epidermis, sensitivity_slowdown, "1", MN_REAL, 1.0, 0, 10, NULL,                             \
      "barrier recovery is slowed by a factor (1 + slowdown * sensitivity)",                       \
      "modelling assumption: sensitive skin has impaired barrier repair")

#endif
