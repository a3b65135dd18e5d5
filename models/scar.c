/* scar.c — scar severity sigma on a 0-4 visual grade:
 *     dsigma/dt = -k F reach / (1 + w / w0) * (sigma - floor)+  +  k_f ((I - I_s)+)^2
 *     reach = min(1, wound depth / scar depth); floor = grade0 * f_max d^2 / (d^2 + d0^2)
 * Remodelling is driven by the local wound-matrix response (activated fibroblasts F where the
 * injury reaches the scar), not by whole-dermis collagen mass. New scar tissue forms only when
 * inflammation exceeds a threshold that microneedling does not reach. */
#include <math.h>

#include "model.h"

double mn_scar_width_factor(const double *p)
{
    return 1.0 / (1.0 + p[P_patient_scar_width_mm] / p[P_scar_width_scale_mm]);
}

double mn_scar_floor(const double *p)
{
    double d = p[P_patient_scar_depth_mm], d0 = p[P_scar_floor_depth_mm];
    return p[P_patient_scar_grade] * p[P_scar_floor_max] * d * d / (d * d + d0 * d0);
}

static void init(const double *p, double *y)
{
    y[S_scar_severity] = p[P_patient_scar_grade];
}

static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    double reach = fmin(1.0, sig->wound_depth_mm / p[P_patient_scar_depth_mm]);
    double width_factor = sig->k->scar_width_factor;
    double excess = fmax(0.0, y[S_scar_severity] - sig->k->scar_floor);
    double over = fmax(0.0, y[S_inflammation] - p[P_scar_formation_threshold]);
    dydt[S_scar_severity] =
        -p[P_scar_remodel_per_day] * y[S_fibroblast_activation] * reach * width_factor * excess +
        p[P_scar_formation_per_day] * over * over;
}

const mn_submodel scar_submodel = {
    .name = "scar",
    .description = "Scar severity remodelled by the local wound-matrix response where the "
                   "injury reaches the scar, with a floor for deep scars; scar formation above "
                   "an inflammation threshold.",
    .reference = "Goodman & Baron 2006; Majid 2009 J Cutan Aesthet Surg 2:26; Harris et al. 2015",
    .init = init,
    .rhs = rhs,
};
