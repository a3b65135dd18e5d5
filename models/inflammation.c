/* inflammation.c — inflammation I and redness.
 *     dI/dt = -k_I I + d_A A + irritation          (A: open defect; irritation: topical.c)
 *     redness = I + pink * V                       (V: excess micro-vessels, vasculature.c)
 * A visit adds its dermal load to I. Visible-redness time accumulates a smooth step of
 * (redness - threshold): s(x) = 10x^3 - 15x^4 + 6x^5 with x = (1 + (redness - threshold) / width) /
 * 2 clamped to [0, 1]. */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_redness(const double *y, const double *p)
{
    return y[S_inflammation] + p[P_inflammation_vessel_pink] * y[S_vessel_growth];
}

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_visible_fraction(double redness, const double *p)
{
    /* C2 smooth step on [threshold - width, threshold + width]: exactly 0 below (no visible days
     * are counted without redness), exactly 1 above, 10x^3 - 15x^4 + 6x^5 in between */
    double x = 0.5 * (1.0 + (redness - p[P_inflammation_visible_threshold]) /
                                p[P_inflammation_visible_width]);
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    return x * x * x * (10.0 + x * (-15.0 + 6.0 * x));
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    dydt[S_inflammation] = -p[P_inflammation_resolution_per_day] * y[S_inflammation] +
                           p[P_inflammation_defect_drive_per_day] * sig->open_defect +
                           mn_irritation(y, sig, p);
    dydt[S_visible_redness_days] = mn_visible_fraction(mn_redness(y, p), p);
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_session_jumps); change both together. */
static void on_session(const mn_injury *inj, const double *p, double *y)
{
    (void)p;
    y[S_inflammation] += inj->dermal_load;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_observable); change both together. */
static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    double r = mn_redness(y, p);
    obs[O_redness] = r;
    obs[O_redness_visible] = mn_visible_fraction(r, p);
    obs[O_irritation] = mn_irritation(y, sig, p);
}

const mn_submodel inflammation_submodel = {
    .name = "inflammation",
    .description = "Inflammatory signal driven by the visit's dermal load, the open defect and "
                   "irritation; redness with a visible threshold.",
    .reference = "Bal et al. 2008 Eur J Pharm Sci 35:193; wound-healing phase durations",
    .rhs = rhs,
    .on_session = on_session,
    .observe = observe,
};
