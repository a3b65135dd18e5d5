/* fast.c — fast sub-processes solved exactly between events, so the ODE system stays non-stiff:
 *  - the open epidermal defect A closes by saturating re-epithelialisation
 *        dA/dt = -v A / (K + A)
 *    whose exact solution is A(t) = K W0( (A0/K) exp((A0 - v t)/K) ) (W0: Lambert W, from GSL);
 *    small micro-channels (A << K) close exponentially at v/K per day (hours), a peel's whole
 *    epidermis (A ~ 1 >> K) closes at the constant speed v (days);
 *  - products on the skin surface (serum, acid) clear exponentially.
 */
#include <math.h>

#include <gsl/gsl_sf_lambert.h>

#include "model.h"

void mn_fast_reset(mn_fast *f)
{
    *f = (mn_fast){0, 0, 0, 0, 0, 0, 0};
}

/* Solve A + K ln A = c for A > 0 (Newton in u = ln A) when the Lambert-W argument would overflow. */
static double defect_from_invariant(double c, double K)
{
    double u = log(fmax(c, 1e-300));
    for (int i = 0; i < 60; i++) {
        double e = exp(u), f = e + K * u - c, step = f / (e + K);
        u -= step;
        if (fabs(step) < 1e-15 * (1 + fabs(u))) break;
    }
    return exp(u);
}

static double open_defect(const mn_fast *f, double t, const double *p)
{
    if (f->defect0 <= 0) return 0.0;
    double v = p[P_epidermis_closure_speed_per_day], K = p[P_epidermis_closure_half_saturation];
    double tau = t - f->defect_day;
    double expo = (f->defect0 - v * tau) / K;
    if (expo < -700) return 0.0;
    double logarg = log(f->defect0 / K) + expo;
    if (logarg < 690) return K * gsl_sf_lambert_W0(exp(logarg));
    return defect_from_invariant(f->defect0 + K * log(f->defect0) - v * tau, K);
}

void mn_fast_eval(const mn_fast *f, double t, const double *p, mn_signals *sig)
{
    double k = p[P_topical_clearance_per_day];
    sig->open_defect = open_defect(f, t, p);
    sig->topical_dose = f->topical0 > 0 ? f->topical0 * exp(-k * (t - f->topical_day)) : 0.0;
    sig->acid_dose = f->acid0 > 0 ? f->acid0 * exp(-k * (t - f->acid_day)) : 0.0;
    sig->wound_depth_mm = f->wound_depth_mm;
}

void mn_fast_session(mn_fast *f, double t, const mn_injury *inj, const double *p)
{
    f->defect0 = open_defect(f, t, p) + inj->epidermal_defect;
    f->defect_day = t;
    f->wound_depth_mm = inj->wound_depth_mm;
}

void mn_fast_apply_topical(mn_fast *f, double t, const double *p)
{
    mn_signals s;
    mn_fast_eval(f, t, p, &s);
    f->topical0 = s.topical_dose + 1.0; /* one dose unit per application */
    f->topical_day = t;
}

void mn_fast_apply_acid(mn_fast *f, double t, const double *p)
{
    mn_signals s;
    mn_fast_eval(f, t, p, &s);
    f->acid0 = s.acid_dose + p[P_aftercare_acid_strength];
    f->acid_day = t;
}
