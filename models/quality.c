/* quality.c — skin-quality indices derived from collagen content C (1 = 25-year-old):
 *     firmness = C, elasticity = C_I / (1 - f3), wrinkle_depth = exp(-s (C - 1)),
 *     pore_visibility = C^(-e). */
#include <math.h>

#include "model.h"

static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    (void)sig;
    double total = y[S_collagen_mature_I] + y[S_collagen_base_III] + y[S_wound_matrix];
    obs[O_firmness] = total;
    obs[O_elasticity] = y[S_collagen_mature_I] / (1.0 - p[P_collagen_type_III_fraction]);
    obs[O_wrinkle_depth] = exp(-p[P_quality_wrinkle_sensitivity] * (total - 1.0));
    obs[O_pore_visibility] = pow(fmax(total, 1e-6), -p[P_quality_pore_exponent]);
}

const mn_submodel quality_submodel = {
    .name = "quality",
    .description = "Firmness, elasticity, wrinkle depth and pore visibility derived from collagen.",
    .reference = "Modelling assumptions (docs/MODEL.md); direction from the seed document",
    .observe = observe,
};
