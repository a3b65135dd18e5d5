/* scar.c — scar fill Phi, newly formed scar N and visible severity sigma (0-4 grade):
 *     dPhi/dt   = k_fill reach f_s (W_L / (tau_mat h)) (1 - Phi)
 *     dN/dt     = k_f ((I - I_s)+)^2
 *     dsigma/dt = (floor + (sigma0 - floor)(1 - Phi) + N - sigma) / tau_vis
 *     reach = min(1, wound depth / scar depth)
 *     f_s   = (1 + (d_s / d)^n) / (1 + w / w0)          (superficial scars fill fast, wide slowly)
 *     floor = sigma0 f_max d^2 / (d^2 + d0^2)            (d: scar depth, w: scar width)
 * The fill is driven by the flux of new matrix maturing in the treated layer (treated_layer.c), so
 * the grade keeps improving for weeks to months after each session and after the last. New scar
 * tissue forms only when inflammation exceeds a threshold that microneedling does not reach. */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_scar_width_factor(const double *p)
{
    return 1.0 / (1.0 + p[P_patient_scar_width_mm] / p[P_scar_width_scale_mm]);
}

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_scar_rate_factor(const double *p)
{
    double ratio = p[P_scar_superficial_depth_mm] / p[P_patient_scar_depth_mm];
    return (1.0 + pow(ratio, p[P_scar_superficial_exponent])) * mn_scar_width_factor(p);
}

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_scar_floor(const double *p)
{
    double d = p[P_patient_scar_depth_mm], d0 = p[P_scar_floor_depth_mm];
    return p[P_patient_scar_grade] * p[P_scar_floor_max] * d * d / (d * d + d0 * d0);
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_initial); change both together. */
static void init(const double *p, double *y)
{
    y[S_scar_severity] = p[P_patient_scar_grade];
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    double reach = fmin(1.0, sig->wound_depth_mm / p[P_patient_scar_depth_mm]);
    double maturing = y[S_layer_immature] * sig->k->maturation_rate;
    double phi = y[S_scar_fill];
    dydt[S_scar_fill] =
        p[P_scar_fill_per_matrix] * reach * sig->k->scar_rate_factor * maturing * (1.0 - phi);
    double over = fmax(0.0, y[S_inflammation] - p[P_scar_formation_threshold]);
    dydt[S_scar_formed] = p[P_scar_formation_per_day] * over * over;
    double floor = sig->k->scar_floor, grade0 = p[P_patient_scar_grade];
    double target = floor + (grade0 - floor) * (1.0 - phi) + y[S_scar_formed];
    dydt[S_scar_severity] = (target - y[S_scar_severity]) / p[P_scar_visual_lag_days];
}

const mn_submodel scar_submodel = {
    .name = "scar",
    .description = "Scar filled by the maturing new matrix of the treated layer where the needles "
                   "reach it, seen with a lag of weeks; a floor for deep scars; scar formation "
                   "above an inflammation threshold.",
    .reference = "Goodman & Baron 2006; Majid 2009 J Cutan Aesthet Surg 2:26; Tirmizi et al. 2021 "
                 "Cureus 13:e12578; Harris et al. 2015",
    .init = init,
    .rhs = rhs,
};
