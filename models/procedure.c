/* procedure.c — translates the procedure parameters of a visit (microneedling depth, dermaplaning,
 * peel class) into the injury they cause. All procedures share the engine and the sub-models; only
 * these numbers differ between them. */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_injury); change both together. */
mn_injury mn_procedure_injury(const double *p)
{
    mn_injury inj = {0, 0, 0, 0, 0};
    if (p[P_procedure_microneedling] != 0) {
        double depth = p[P_procedure_depth_mm];
        inj.epidermal_defect += p[P_microneedling_channel_area_per_mm] * depth;
        inj.dermal_load +=
            p[P_microneedling_load_per_mm] * pow(depth, p[P_microneedling_load_exponent]);
        inj.stratum_removed += p[P_microneedling_barrier_per_mm] * depth;
        inj.wound_depth_mm = fmax(inj.wound_depth_mm, depth);
    }
    if (p[P_procedure_dermaplaning] != 0) {
        inj.stratum_removed += p[P_dermaplaning_stratum_removed];
        inj.dermal_load += p[P_dermaplaning_load];
    }
    static const int peel_params[][3] = {
        {0, 0, 0},
        {P_peel_superficial_defect, P_peel_superficial_load, P_peel_superficial_depth_mm},
        {P_peel_medium_defect, P_peel_medium_load, P_peel_medium_depth_mm},
        {P_peel_deep_defect, P_peel_deep_load, P_peel_deep_depth_mm},
    };
    int peel = (int)p[P_procedure_peel];
    if (peel > PEEL_NONE && peel <= PEEL_DEEP) {
        inj.epidermal_defect += p[peel_params[peel][0]];
        inj.dermal_load += p[peel_params[peel][1]];
        inj.wound_depth_mm = fmax(inj.wound_depth_mm, p[peel_params[peel][2]]);
    }
    inj.stratum_removed = fmin(1.0, inj.stratum_removed);
    /* Destruction of immature matrix grows with how deep the new wound reaches. */
    inj.matrix_disruption = 1.0 - exp(-p[P_microneedling_disruption_per_mm] * inj.wound_depth_mm);
    return inj;
}

const mn_submodel procedure_submodel = {
    .name = "procedure",
    .description = "Procedures of a visit: microneedling (needle depth), dermaplaning, chemical "
                   "peels (superficial/medium/deep); they differ only in defect, load and depth.",
    .reference = "Peel depth classes: standard dermatology texts; see docs/MODEL.md",
};
