/* sbml_rules.c — the model's equations as SBML L3 infix formulas (see sbml_rules.h). Each entry
 * mirrors, term by term, the C right-hand side, jump or observable named in its comment; a change
 * to the models/ sources must be made here too (tests/cli/sbml_roundtrip.sh checks the two agree).
 * Literals carry units where SBML unit checking needs them ("25 year", "1 per_day"). */
#include "sbml_rules.h"

#include "model.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* models/fast.c mn_fast_reset and the helpers it calls (collagen.c, fibroblast.c, pigment.c,
 * epidermis.c, scar.c, growth_factor.c). */
const mn_sbml_rule mn_sbml_constants[] = {
    {"turnover_per_day", "1/day", "ln(2) / (collagen_half_life_years * days_per_year)",
     "mature collagen turnover k_d = ln 2 / half-life (collagen.c)"},
    {"baseline_synthesis", "1/day",
     "turnover_per_day * exp(-collagen_age_decline_per_year * (patient_age_years - 25 year))",
     "baseline collagen synthesis s0(age) = k_d exp(-beta (age - 25)) (collagen.c)"},
    {"collagen_baseline", "1", "baseline_synthesis / turnover_per_day",
     "the patient's collagen relative to a 25-year-old's, C0 = s0 / k_d (collagen.c, quality.c)"},
    {"activation_capacity", "1",
     "max(0, 1 - fibroblast_capacity_loss_per_year * max(0 year, patient_age_years - 25 year))",
     "age-limited maximal fibroblast activation cap(age) (fibroblast.c)"},
    {"pigment_drive", "1/day",
     "pigment_induction_per_day * (patient_fitzpatrick_type / 3)^pigment_fitzpatrick_exponent * "
     "(pigment_ambient_uv + patient_sun_exposure * (1 - patient_sunscreen * "
     "pigment_sunscreen_protection))",
     "PIH induction per unit inflammation: k_p (type/3)^g uv (pigment.c)"},
    {"healing_time_factor", "1",
     "1 + growth_factor_age_slowing_per_year * max(0 year, patient_age_years - 25 year)",
     "h(age) = 1 + c_age (age - 25)+ (growth_factor.c)"},
    {"barrier_rate", "1/day",
     "epidermis_barrier_recovery_per_day / ((1 + epidermis_sensitivity_slowdown * "
     "patient_sensitivity) * healing_time_factor)",
     "barrier recovery rate for this patient (epidermis.c)"},
    {"scar_width_factor", "1", "1 / (1 + patient_scar_width_mm / scar_width_scale_mm)",
     "1 / (1 + width / w0) (scar.c)"},
    {"scar_floor", "1",
     "patient_scar_grade * scar_floor_max * patient_scar_depth_mm^2 / (patient_scar_depth_mm^2 + "
     "scar_floor_depth_mm^2)",
     "irreducible scar grade sigma0 f_max d^2 / (d^2 + d0^2) (scar.c)"},
    {"scar_rate_factor", "1",
     "(1 + (scar_superficial_depth_mm / patient_scar_depth_mm)^scar_superficial_exponent) * "
     "scar_width_factor",
     "reach-independent scar fill factor (1 + (d_s / d)^n) / (1 + w / w0) (scar.c)"},
    {"growth_factor_rate", "1/day", "1 / (growth_factor_tau_days * healing_time_factor)",
     "1 / (tau_G h) (fast.c)"},
    {"activation_rate", "1/day", "fibroblast_activation_per_day / healing_time_factor",
     "a_F / h (fast.c)"},
    {"deactivation_rate", "1/day", "fibroblast_deactivation_per_day / healing_time_factor",
     "k_F / h (fast.c)"},
    {"recovery_rate", "1/day", "1 / (fibroblast_recovery_days * healing_time_factor)",
     "1 / (tau_rec h) (fast.c)"},
    {"maturation_rate", "1/day", "1 / (collagen_maturation_days * healing_time_factor)",
     "1 / (tau_mat h) (fast.c)"},
};
const size_t mn_sbml_n_constants = N_OF(mn_sbml_constants);

/* models/procedure.c mn_procedure_injury (booleans are 0/1, peel is 0-3). */
#define PEEL(what, zero)                                                                           \
    "piecewise(peel_superficial_" what ", procedure_peel == 1, peel_medium_" what                  \
    ", procedure_peel == 2, peel_deep_" what ", procedure_peel == 3, " zero ")"
const mn_sbml_rule mn_sbml_injury[] = {
    {"injury_epidermal_defect", "1",
     "piecewise(microneedling_channel_area_per_mm * procedure_depth_mm, procedure_microneedling "
     "!= 0, 0) + " PEEL("defect", "0"),
     "open epidermal area a visit creates"},
    {"injury_dermal_load", "1",
     "piecewise(microneedling_load_per_mm * (procedure_depth_mm / 1 mm)^"
     "microneedling_load_exponent, procedure_microneedling != 0, 0) + "
     "piecewise(dermaplaning_load, procedure_dermaplaning != 0, 0) + " PEEL("load", "0"),
     "inflammatory load a visit delivers to the dermis"},
    {"injury_stratum_removed", "1",
     "min(1, piecewise(microneedling_barrier_per_mm * procedure_depth_mm, "
     "procedure_microneedling != 0, 0) + piecewise(dermaplaning_stratum_removed, "
     "procedure_dermaplaning != 0, 0))",
     "fraction of stratum corneum a visit removes"},
    {"injury_wound_depth_mm", "mm",
     "max(piecewise(procedure_depth_mm, procedure_microneedling != 0, 0 mm), " PEEL("depth_mm",
                                                                                    "0 mm") ")",
     "depth a visit's injury reaches"},
    {"injury_matrix_disruption", "1",
     "1 - exp(-microneedling_disruption_per_mm * injury_wound_depth_mm)",
     "fraction of immature wound matrix a visit destroys: 1 - exp(-k depth)"},
};
const size_t mn_sbml_n_injury = N_OF(mn_sbml_injury);

/* models/fast.c: the closed forms solved there are the solutions of these ODEs. */
const mn_sbml_rule mn_sbml_signals[] = {
    {"open_defect", "1",
     "-epidermis_closure_speed_per_day * open_defect / (epidermis_closure_half_saturation + "
     "open_defect)",
     "open epidermal defect: micro-channel area or peel wound; dA/dt = -v A / (K + A), which "
     "mnsim solves exactly with the Lambert W function (fast.c)"},
    {"topical_dose", "dose", "-topical_clearance_per_day * topical_dose",
     "serum left on the skin, cleared exponentially (fast.c)"},
    {"acid_dose", "1", "-topical_clearance_per_day * acid_dose",
     "acidic/exfoliating product left on the skin, cleared exponentially (fast.c)"},
    {"wound_depth_mm", "mm", NULL, "depth reached by the most recent visit (set by each session)"},
};
const size_t mn_sbml_n_signals = N_OF(mn_sbml_signals);

const char *const mn_sbml_rate[S_COUNT] = {
    /* epidermis.c rhs */
    [S_barrier_deficit] = "barrier_rate * (min(1, open_defect) - barrier_deficit)",
    /* inflammation.c rhs */
    [S_inflammation] = "-inflammation_resolution_per_day * inflammation + "
                       "inflammation_defect_drive_per_day * open_defect + irritation",
    [S_visible_redness_days] = "redness_visible",
    /* growth_factor.c rhs */
    [S_growth_factor] = "(inflammation - growth_factor) * growth_factor_rate",
    /* vasculature.c rhs */
    [S_vessel_growth] = "vasculature_angiogenesis_per_day * inflammation - "
                        "vasculature_vessel_regression_per_day * vessel_growth",
    [S_renewal_boost] = "vasculature_renewal_drive_per_day * (inflammation + open_defect) - "
                        "vasculature_renewal_decay_per_day * renewal_boost",
    /* fibroblast.c rhs */
    [S_fibroblast_activation] =
        "activation_rate * fibroblast_responsiveness * growth_factor * (activation_capacity - "
        "fibroblast_activation) / (1 + open_defect / fibroblast_open_wound_defect) - "
        "deactivation_rate * fibroblast_activation",
    [S_fibroblast_responsiveness] =
        "(1 - fibroblast_responsiveness) * recovery_rate - fibroblast_exhaustion_per_day * "
        "fibroblast_activation * fibroblast_responsiveness",
    /* collagen.c rhs */
    [S_collagen_mature_I] = "(1 - collagen_type_III_fraction) * baseline_synthesis - "
                            "turnover_per_day * collagen_mature_I + wound_matrix * "
                            "maturation_rate",
    [S_collagen_base_III] =
        "collagen_type_III_fraction * baseline_synthesis - turnover_per_day * collagen_base_III",
    [S_wound_matrix] = "baseline_synthesis * collagen_synthesis_boost * fibroblast_activation - "
                       "wound_matrix * maturation_rate - wound_matrix / "
                       "collagen_wound_turnover_days",
    [S_collagen_synthesized] =
        "baseline_synthesis + baseline_synthesis * collagen_synthesis_boost * "
        "fibroblast_activation",
    [S_collagen_degraded] = "turnover_per_day * (collagen_mature_I + collagen_base_III) + "
                            "wound_matrix / collagen_wound_turnover_days",
    /* treated_layer.c rhs */
    [S_layer_immature] = "treated_layer_synthesis_per_day * fibroblast_activation - "
                         "layer_immature * maturation_rate - layer_immature / "
                         "collagen_wound_turnover_days",
    [S_layer_mature] =
        "layer_immature * maturation_rate - layer_mature / treated_layer_turnover_days",
    [S_epidermal_excess] = "(treated_layer_epidermal_support * (layer_immature + layer_mature) - "
                           "epidermal_excess) / treated_layer_epidermal_days",
    /* scar.c rhs */
    [S_scar_fill] = "scar_fill_per_matrix * min(1, wound_depth_mm / patient_scar_depth_mm) * "
                    "scar_rate_factor * layer_immature * maturation_rate * (1 - scar_fill)",
    [S_scar_formed] = "scar_formation_per_day * max(0, inflammation - scar_formation_threshold)^2",
    [S_scar_severity] = "(scar_floor + (patient_scar_grade - scar_floor) * (1 - scar_fill) + "
                        "scar_formed - scar_severity) / scar_visual_lag_days",
    /* pigment.c rhs */
    [S_pigment] = "pigment_drive * inflammation - pigment / pigment_clearance_days",
    /* topical.c rhs: uptake rate 1/day per unit permeability and dose (implicit in the C) */
    [S_topical_absorbed] = "topical_uptake * topical_dose * 1 per_day",
};

/* init functions of collagen.c, fibroblast.c and scar.c (every other state starts at 0) */
const char *const mn_sbml_initial[S_COUNT] = {
    [S_collagen_mature_I] = "(1 - collagen_type_III_fraction) * collagen_baseline",
    [S_collagen_base_III] = "collagen_type_III_fraction * collagen_baseline",
    [S_fibroblast_responsiveness] = "1",
    [S_scar_severity] = "patient_scar_grade",
};

/* inflammation.c mn_visible_fraction: x of the C2 smooth step */
const mn_sbml_rule mn_sbml_helpers[] = {
    {"redness_step", "1",
     "0.5 * (1 + (redness - inflammation_visible_threshold) / inflammation_visible_width)",
     "position x of redness in the smooth visible step (threshold - width .. threshold + width "
     "maps to 0 .. 1)"},
};
const size_t mn_sbml_n_helpers = N_OF(mn_sbml_helpers);

const char *const mn_sbml_observable[O_COUNT] = {
    /* epidermis.c observe */
    [O_barrier] = "(1 - barrier_deficit) * (1 - min(1, open_defect))",
    [O_open_defect] = NULL, /* the signal state open_defect */
    /* inflammation.c observe, mn_redness, mn_visible_fraction; topical.c mn_irritation */
    [O_redness] = "inflammation + inflammation_vessel_pink * vessel_growth",
    [O_redness_visible] = "piecewise(0, redness_step <= 0, 1, redness_step >= 1, redness_step^3 "
                          "* (10 + redness_step * (-15 + 6 * redness_step)))",
    [O_irritation] = "piecewise(0 per_day, acid_dose <= 0, aftercare_irritation_gain * acid_dose "
                     "* (1 + aftercare_sensitivity_gain * patient_sensitivity) * (topical_uptake "
                     "- 1))",
    /* vasculature.c observe */
    [O_perfusion] = "1 + vessel_growth",
    [O_renewal] = "1 + renewal_boost",
    [O_glow] = "vessel_growth + renewal_boost - vasculature_glow_redness_weight * redness",
    /* fibroblast.c observe */
    [O_fibroblast_activity] = "1 + collagen_synthesis_boost * fibroblast_activation",
    /* collagen.c observe */
    [O_collagen_synthesis_rate] =
        "baseline_synthesis * (1 + collagen_synthesis_boost * fibroblast_activation) / "
        "turnover_per_day",
    [O_collagen_total] = "collagen_mature_I + collagen_base_III + wound_matrix",
    [O_collagen_type_I] = "collagen_mature_I",
    [O_collagen_type_III] = "collagen_base_III + wound_matrix",
    /* treated_layer.c observe */
    [O_treated_collagen] = "1 + layer_immature + layer_mature",
    [O_treated_collagen_matured] = "1 + layer_mature",
    [O_epidermal_thickness] = "1 + epidermal_excess",
    /* quality.c observe */
    [O_firmness] = "collagen_baseline * treated_collagen",
    [O_elasticity] = "collagen_baseline * (1 + layer_mature)",
    [O_wrinkle_depth] = "exp(-quality_wrinkle_sensitivity * (firmness - 1))",
    [O_pore_visibility] = "max(firmness, 1e-6)^(-quality_pore_exponent)",
    [O_wrinkle_grade] = "min(5, patient_wrinkle_grade * exp(-quality_wrinkle_sensitivity * "
                        "collagen_baseline * (treated_collagen - 1)))",
    /* topical.c observe, mn_permeability */
    [O_topical_uptake] = "1 + topical_channel_gain * open_defect + topical_barrier_gain * "
                         "barrier_deficit",
};

/* on_session of epidermis.c, inflammation.c, collagen.c, treated_layer.c and fast.c
 * mn_fast_session (the new defect adds to what is still open; the depth is the new visit's) */
const mn_sbml_jump mn_sbml_session_jumps[] = {
    {"open_defect", "open_defect + injury_epidermal_defect"},
    {"wound_depth_mm", "injury_wound_depth_mm"},
    {"barrier_deficit", "barrier_deficit + injury_stratum_removed * (1 - barrier_deficit)"},
    {"inflammation", "inflammation + injury_dermal_load"},
    {"collagen_degraded", "collagen_degraded + injury_matrix_disruption * wound_matrix"},
    {"wound_matrix", "wound_matrix - injury_matrix_disruption * wound_matrix"},
    {"layer_immature", "layer_immature - injury_matrix_disruption * layer_immature"},
};
const size_t mn_sbml_n_session_jumps = N_OF(mn_sbml_session_jumps);

/* fast.c mn_fast_apply_topical: one dose unit per application */
const mn_sbml_jump mn_sbml_serum_jumps[] = {{"topical_dose", "topical_dose + 1 dose"}};
const size_t mn_sbml_n_serum_jumps = N_OF(mn_sbml_serum_jumps);

/* fast.c mn_fast_apply_acid */
const mn_sbml_jump mn_sbml_acid_jumps[] = {{"acid_dose", "acid_dose + aftercare_acid_strength"}};
const size_t mn_sbml_n_acid_jumps = N_OF(mn_sbml_acid_jumps);

/* Gene Ontology biological processes (identifiers.org) */
const mn_sbml_annotation mn_sbml_annotations[] = {
    {"", "http://identifiers.org/GO:0042060", "wound healing"},
    {"inflammation", "http://identifiers.org/GO:0006954", "inflammatory response"},
    {"vessel_growth", "http://identifiers.org/GO:0001525", "angiogenesis"},
    {"collagen_synthesis_rate", "http://identifiers.org/GO:0032964",
     "collagen biosynthetic process"},
    {"pigment", "http://identifiers.org/GO:0042438", "melanin biosynthetic process"},
};
const size_t mn_sbml_n_annotations = N_OF(mn_sbml_annotations);
