/* epidermis.c — stratum-corneum barrier deficit B (TEWL-like). The open defect A (fast.c) is the
 * floor the deficit cannot fall below while the epidermis is open:
 *     dB/dt = k_B / ((1 + s * sensitivity) h(age)) * (min(1, A) - B)
 * A visit removes a fraction of the stratum corneum: B <- B + removed * (1 - B).
 * Barrier integrity = (1 - B)(1 - min(1, A)). */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    (void)p;
    dydt[S_barrier_deficit] =
        sig->k->barrier_rate * (fmin(1.0, sig->open_defect) - y[S_barrier_deficit]);
}

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_barrier_rate(const double *p)
{
    return p[P_epidermis_barrier_recovery_per_day] /
           ((1.0 + p[P_epidermis_sensitivity_slowdown] * p[P_patient_sensitivity]) *
            mn_healing_time_factor(p));
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_session_jumps); change both together. */
static void on_session(const mn_injury *inj, const double *p, double *y)
{
    (void)p;
    y[S_barrier_deficit] += inj->stratum_removed * (1.0 - y[S_barrier_deficit]);
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_observable); change both together. */
static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    (void)p;
    obs[O_barrier] = (1.0 - y[S_barrier_deficit]) * (1.0 - fmin(1.0, sig->open_defect));
    obs[O_open_defect] = sig->open_defect;
}

const mn_submodel epidermis_submodel = {
    .name = "epidermis",
    .description = "Micro-channels and epidermal defect (closed exactly by saturating "
                   "re-epithelialisation) and the stratum-corneum barrier deficit.",
    .reference = "Kalluri & Banga 2011 AAPS J 13:473; Gupta et al. 2011 J Control Release; "
                 "Dermatol Surg 2012;38:1816",
    .rhs = rhs,
    .on_session = on_session,
    .observe = observe,
};
