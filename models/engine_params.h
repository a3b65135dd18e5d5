/* engine_params.h — parameters of the engine rather than the biology: the schedule of visits,
 * the ODE solver and the output grid. Same X-macro form as a sub-model's parameter list:
 * P(section, key, unit, kind, default, min, max, choices, description, source). */
#ifndef MN_ENGINE_PARAMS_H
#define MN_ENGINE_PARAMS_H

#define MN_ENGINE_PARAMS(P)                                                                        \
    P(schedule, first_day, "day", MN_REAL, 0, 0, 3650, NULL,                                       \
      "day of the first session (day 0 = start of the simulation)", "user input")                  \
    P(schedule, interval_days, "day", MN_REAL, 28, 1, 365, NULL,                                   \
      "days between the starts of consecutive sessions", "user input; seed: every 3-4 weeks")      \
    P(schedule, sessions, "1", MN_INT, 6, 0, 1000, NULL,                                           \
      "number of sessions; 0 = as many as fit before the end of the course", "user input")         \
    P(schedule, course_days, "day", MN_REAL, 365, 1, 36500, NULL,                                  \
      "length of the simulated course (end time)", "user input")                                   \
    P(solver, method, "1", MN_ENUM, 6, 0, 6, "rkf45|rkck|rk8pd|msbdf|rk4imp|bsimp|dopri5",         \
      "ODE stepper under GSL's step control: a gsl_odeiv2 stepper, or dopri5 (Dormand-Prince "     \
      "5(4), first same as last; src/core/dopri5.c)",                                              \
      "GSL manual, ode-initval2; Dormand & Prince 1980, J. Comput. Appl. Math. 6:19")              \
    P(solver, rtol, "1", MN_REAL, 1e-6, 1e-14, 1e-2, NULL, "relative error tolerance per step",    \
      "numerical choice")                                                                          \
    P(solver, atol, "1", MN_REAL, 1e-8, 1e-16, 1e-2, NULL, "absolute error tolerance per step",    \
      "numerical choice")                                                                          \
    P(solver, max_step_days, "day", MN_REAL, 30, 1e-4, 3650, NULL,                                 \
      "largest step the integrator may take", "numerical choice")                                  \
    P(solver, max_steps, "1", MN_INT, 10000000, 10, 1e9, NULL,                                     \
      "steps after which a course is abandoned as failed (guards against a stalled integration)",  \
      "numerical choice")                                                                          \
    P(output, step_days, "day", MN_REAL, 0.25, 1e-3, 365, NULL,                                    \
      "spacing of the sampled time series in a run file", "user input")                            \
    P(plan, weight_collagen, "1", MN_REAL, 1.0, 0, 100, NULL,                                      \
      "score weight of the collagen gain (relative to the reference course)", "docs/PLANNING.md")  \
    P(plan, weight_scar, "1", MN_REAL, 0.5, 0, 100, NULL,                                          \
      "score weight of the scar-severity reduction (relative to the reference course)",            \
      "docs/PLANNING.md")                                                                          \
    P(plan, weight_redness, "1", MN_REAL, 0.15, 0, 100, NULL,                                      \
      "score weight of the total visible-redness days (relative to the reference course)",         \
      "docs/PLANNING.md")                                                                          \
    P(plan, weight_irritation, "1", MN_REAL, 0.1, 0, 100, NULL,                                    \
      "score weight of the peak irritation (relative to the reference course)",                    \
      "docs/PLANNING.md")                                                                          \
    P(plan, weight_pigment, "1", MN_REAL, 0.3, 0, 100, NULL,                                       \
      "score weight of the PIH risk (pigment peak / visible threshold)", "docs/PLANNING.md")       \
    P(plan, ensemble_members, "1", MN_INT, 32, 2, 10000, NULL,                                     \
      "courses in the uncertainty ensemble of every candidate (common random numbers)",            \
      "numerical choice")                                                                          \
    P(plan, ensemble_spread, "1", MN_REAL, 0.2, 0, 1, NULL,                                        \
      "log-normal spread (sigma) of the uncertain biological rates in the ensemble",               \
      "modelling assumption: +-20 % plausible range of calibrated rates")                          \
    P(plan, reference_interval_days, "day", MN_REAL, 28, 1, 365, NULL,                             \
      "interval of the reference course that normalises every score (same horizon or sessions)",   \
      "docs/PLANNING.md; seed: every 3-4 weeks")                                                   \
    P(plan, equivalence_probability, "1", MN_REAL, 0.2, 0, 0.5, NULL,                              \
      "a candidate that beats the best in at least this fraction of the ensemble is equivalent",   \
      "docs/PLANNING.md")                                                                          \
    P(plan, warn_pih_index, "1", MN_REAL, 1, 0, 100, NULL,                                         \
      "PIH risk (pigment peak / visible threshold) from which a PIH warning is shown",             \
      "docs/PLANNING.md")                                                                          \
    P(plan, warn_redness_days, "day", MN_REAL, 7, 0, 365, NULL,                                    \
      "visible redness per session above which a downtime warning is shown", "docs/PLANNING.md")   \
    P(plan, warn_sensitivity, "1", MN_REAL, 0.5, 0, 1, NULL,                                       \
      "patient.sensitivity from which acids after a session get a warning", "docs/PLANNING.md")

#endif
