/* registry.c — tables derived from the one list of sub-models (submodels.h): parameter, state and
 * observable descriptors, the sub-model table, and the whole-model operations that loop over it. */
#include "model.h"

#define MN_P_INFO(sec, key, unit, kind, def, lo, hi, choices, desc, src)                           \
    {#sec, #key, unit, kind, def, lo, hi, choices, desc, src},
#define MN_V_INFO(name, unit, desc) {#name, unit, desc},
#define MN_EXPAND_P_INFO(m) m##_PARAMS(MN_P_INFO)
#define MN_EXPAND_S_INFO(m) m##_STATES(MN_V_INFO)
#define MN_EXPAND_O_INFO(m) m##_OBSERVABLES(MN_V_INFO)

const mn_param_info mn_params[P_COUNT] = {MN_ENGINE_PARAMS(MN_P_INFO)
                                              MN_SUBMODELS(MN_EXPAND_P_INFO)};
const mn_var_info mn_states[S_COUNT] = {MN_SUBMODELS(MN_EXPAND_S_INFO)};
const mn_var_info mn_observables[O_COUNT] = {MN_SUBMODELS(MN_EXPAND_O_INFO)};

#define MN_DECLARE(m) extern const mn_submodel m##_submodel;
MN_SUBMODELS(MN_DECLARE)
#define MN_REF(m) &m##_submodel,
const mn_submodel *const mn_submodel_table[] = {MN_SUBMODELS(MN_REF)};
const size_t mn_submodel_count = sizeof mn_submodel_table / sizeof mn_submodel_table[0];

#define MN_ONE(...) +1
#define MN_COUNTS(m) {0 m##_STATES(MN_ONE), 0 m##_PARAMS(MN_ONE), 0 m##_OBSERVABLES(MN_ONE)},
static const int counts[][3] = {MN_SUBMODELS(MN_COUNTS)};
enum { N_ENGINE_PARAMS = 0 MN_ENGINE_PARAMS(MN_ONE) };

mn_layout mn_submodel_layout(size_t k)
{
    mn_layout l = {0, 0, N_ENGINE_PARAMS, 0, 0, 0};
    for (size_t i = 0; i < k; i++) {
        l.first_state += counts[i][0];
        l.first_param += counts[i][1];
        l.first_observable += counts[i][2];
    }
    l.n_states = counts[k][0];
    l.n_params = counts[k][1];
    l.n_observables = counts[k][2];
    return l;
}

void mn_model_init(const double *p, double *y)
{
    for (int i = 0; i < S_COUNT; i++)
        y[i] = 0.0;
    for (size_t k = 0; k < mn_submodel_count; k++)
        if (mn_submodel_table[k]->init) mn_submodel_table[k]->init(p, y);
}

void mn_model_rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    for (size_t k = 0; k < mn_submodel_count; k++)
        if (mn_submodel_table[k]->rhs) mn_submodel_table[k]->rhs(t, y, sig, p, dydt);
}

void mn_model_session(const mn_injury *inj, const double *p, double *y)
{
    for (size_t k = 0; k < mn_submodel_count; k++)
        if (mn_submodel_table[k]->on_session) mn_submodel_table[k]->on_session(inj, p, y);
}

void mn_model_observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    mn_model_observe_first(mn_submodel_count, y, sig, p, obs);
}

void mn_model_observe_first(size_t n, const double *y, const mn_signals *sig, const double *p,
                            double *obs)
{
    for (size_t k = 0; k < n && k < mn_submodel_count; k++)
        if (mn_submodel_table[k]->observe) mn_submodel_table[k]->observe(y, sig, p, obs);
}
