/* treated_layer.c — the needled zone (treated layer), relative to its own day-0 collagen:
 *     dW_L/dt = g_L F - W_L / (tau_mat h) - W_L / tau_w       immature new matrix
 *     dM_L/dt = W_L / (tau_mat h) - M_L / tau_L                matured new collagen
 *     dX_E/dt = (e_E (W_L + M_L) - X_E) / tau_E                epidermal thickening
 * F: fibroblast activation; h: healing-time factor of age (growth_factor.c); tau_mat and tau_w are
 * the maturation and immature-turnover times of collagen.h. A visit destroys the fraction
 * `matrix_disruption` of W_L (re-injury of the immature matrix; the matured pool is untouched).
 * treated_collagen = 1 + W_L + M_L, epidermal_thickness = 1 + X_E. */
#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    double w = y[S_layer_immature];
    double maturation = w * sig->k->maturation_rate;
    dydt[S_layer_immature] = p[P_treated_layer_synthesis_per_day] * y[S_fibroblast_activation] -
                             maturation - w / p[P_collagen_wound_turnover_days];
    dydt[S_layer_mature] = maturation - y[S_layer_mature] / p[P_treated_layer_turnover_days];
    dydt[S_epidermal_excess] =
        (p[P_treated_layer_epidermal_support] * (w + y[S_layer_mature]) - y[S_epidermal_excess]) /
        p[P_treated_layer_epidermal_days];
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_session_jumps); change both together. */
static void on_session(const mn_injury *inj, const double *p, double *y)
{
    (void)p;
    y[S_layer_immature] -= inj->matrix_disruption * y[S_layer_immature];
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_observable); change both together. */
static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    (void)sig;
    (void)p;
    obs[O_treated_collagen] = 1.0 + y[S_layer_immature] + y[S_layer_mature];
    obs[O_treated_collagen_matured] = 1.0 + y[S_layer_mature];
    obs[O_epidermal_thickness] = 1.0 + y[S_epidermal_excess];
}

const mn_submodel treated_layer_submodel = {
    .name = "treated_layer",
    .description = "The needled zone: new matrix laid down by activated fibroblasts, its "
                   "maturation over weeks and turnover over a year, and the epidermal thickness "
                   "it supports.",
    .reference = "Lotfi et al. 2013 J Egypt Women's Dermatol Soc 10:152; Aust et al. 2008 Plast "
                 "Reconstr Surg 121:1421; El-Domyati et al. 2015",
    .init = NULL,
    .rhs = rhs,
    .on_session = on_session,
    .observe = observe,
};
