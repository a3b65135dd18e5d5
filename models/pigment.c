/* pigment.c — post-inflammatory hyperpigmentation P:
 *     dP/dt = k_p (type/3)^g uv I - P / tau_p,   uv = ambient + sun (1 - sunscreen * protection) */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_pigment_drive(const double *p)
{
    double reactivity = pow(p[P_patient_fitzpatrick_type] / 3.0, p[P_pigment_fitzpatrick_exponent]);
    double uv = p[P_pigment_ambient_uv] +
                p[P_patient_sun_exposure] *
                    (1.0 - p[P_patient_sunscreen] * p[P_pigment_sunscreen_protection]);
    return p[P_pigment_induction_per_day] * reactivity * uv;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    dydt[S_pigment] =
        sig->k->pigment_drive * y[S_inflammation] - y[S_pigment] / p[P_pigment_clearance_days];
}

const mn_submodel pigment_submodel = {
    .name = "pigment",
    .description = "Post-inflammatory hyperpigmentation from inflammation x UV x Fitzpatrick "
                   "type, lowered by sun avoidance and sunscreen.",
    .reference = "Chan et al. 2007 Lasers Surg Med 39:381; science.md pigmentation figures",
    .rhs = rhs,
};
