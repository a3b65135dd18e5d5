/* dopri5.h — the Dormand-Prince 5(4) embedded Runge-Kutta pair as a gsl_odeiv2 stepper type, so
 * it runs under GSL's own evolve and step-size control like the built-in steppers. GSL has no
 * first-same-as-last (FSAL) pair: its rkf45 spends 6 right-hand-side evaluations on every step
 * attempt and gsl_odeiv2_evolve one more on the derivative at each step start; this pair spends 6
 * per attempt in all (the last stage is the derivative at the step end, reused as the next
 * step's first) and its error constants are smaller (Hairer, Norsett & Wanner, Solving ODEs I,
 * 2nd ed., II.5, Table 5.2; Dormand & Prince 1980, J. Comput. Appl. Math. 6:19-26). */
#ifndef MN_DOPRI5_H
#define MN_DOPRI5_H

#include <gsl/gsl_odeiv2.h>

extern const gsl_odeiv2_step_type *mn_step_dopri5;

/* The derivative at the start of the last step apply()ed by s (an mn_step_dopri5 stepper), i.e.
 * f(t0, y0) of that step; valid until the next apply or reset. */
const double *mn_dopri5_dydt_start(const gsl_odeiv2_step *s);

/* Optional: before each step attempt from t with step h, s calls hook(ctx, t, h, t_stage) with
 * the times of the five stages it evaluates (t + c_i h, i = 2..6; the 7th is at t + h as the
 * 6th), exactly as it will pass them to the system, so that a right-hand side with factors that
 * depend on time alone can prepare them together. hook NULL: none. */
typedef void mn_dopri5_stage_hook(void *ctx, double t, double h, const double t_stage[5]);
void mn_dopri5_set_stage_hook(gsl_odeiv2_step *s, mn_dopri5_stage_hook *hook, void *ctx);

#endif
