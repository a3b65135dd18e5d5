/* test_submodels.c — the shared suite every sub-model passes (derived from the one table in
 * models/submodels.h): unique names, layouts that tile the state/parameter/observable vectors,
 * a finite RHS and finite observables at the initial state, states that only their owner writes,
 * and a session jump that keeps every state finite and non-negative. */
#include <math.h>
#include <string.h>

#include "testutil.h"

static void names_unique_and_described(void **state)
{
    (void)state;
    for (int i = 0; i < S_COUNT; i++) {
        assert_true(strlen(mn_states[i].unit) > 0 && strlen(mn_states[i].description) > 10);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(mn_states[i].name, mn_states[j].name);
        for (int j = 0; j < O_COUNT; j++)
            assert_string_not_equal(mn_states[i].name, mn_observables[j].name);
    }
    for (int i = 0; i < O_COUNT; i++)
        for (int j = 0; j < i; j++)
            assert_string_not_equal(mn_observables[i].name, mn_observables[j].name);
    for (size_t k = 0; k < mn_submodel_count; k++) {
        const mn_submodel *m = mn_submodel_table[k];
        assert_non_null(m->name);
        assert_true(strlen(m->description) > 20 && strlen(m->reference) > 5);
        for (size_t j = 0; j < k; j++)
            assert_string_not_equal(m->name, mn_submodel_table[j]->name);
    }
}

static void layouts_tile_vectors(void **state)
{
    (void)state;
    int s = 0, o = 0, p = mn_submodel_layout(0).first_param;
    for (size_t k = 0; k < mn_submodel_count; k++) {
        mn_layout l = mn_submodel_layout(k);
        assert_int_equal(l.first_state, s);
        assert_int_equal(l.first_observable, o);
        assert_int_equal(l.first_param, p);
        s += l.n_states, o += l.n_observables, p += l.n_params;
        /* a sub-model with states must have a right-hand side */
        if (l.n_states) assert_non_null(mn_submodel_table[k]->rhs);
    }
    assert_int_equal(s, S_COUNT);
    assert_int_equal(o, O_COUNT);
    assert_int_equal(p, P_COUNT);
}

static void rhs_finite_and_owned(void **state)
{
    (void)state;
    double p[P_COUNT], y[S_COUNT], obs[O_COUNT];
    mn_params_default(p);
    mn_model_init(p, y);
    mn_fast fast;
    mn_fast_reset(&fast, p);
    mn_signals sig;
    mn_fast_eval(&fast, 0.0, p, &sig);
    sig.open_defect = 0.3, sig.topical_dose = 1.0, sig.acid_dose = 1.0, sig.wound_depth_mm = 1.5;
    for (size_t k = 0; k < mn_submodel_count; k++) {
        const mn_submodel *m = mn_submodel_table[k];
        mn_layout l = mn_submodel_layout(k);
        if (!m->rhs) continue;
        double dydt[S_COUNT];
        for (int i = 0; i < S_COUNT; i++)
            dydt[i] = NAN;
        m->rhs(0.0, y, &sig, p, dydt);
        for (int i = 0; i < S_COUNT; i++) {
            int own = i >= l.first_state && i < l.first_state + l.n_states;
            if (own)
                assert_true(isfinite(dydt[i]));
            else if (!isnan(dydt[i]))
                fail_msg("%s writes state %s it does not own", m->name, mn_states[i].name);
        }
    }
    mn_model_observe(y, &sig, p, obs);
    for (int i = 0; i < O_COUNT; i++)
        if (!isfinite(obs[i])) fail_msg("observable %s not finite", mn_observables[i].name);
}

static void session_jump_keeps_states_valid(void **state)
{
    (void)state;
    double p[P_COUNT], y[S_COUNT];
    for (int peel = PEEL_NONE; peel <= PEEL_DEEP; peel++) {
        mn_params_default(p);
        p[P_procedure_peel] = peel;
        p[P_procedure_dermaplaning] = 1;
        p[P_procedure_depth_mm] = 2.5;
        mn_model_init(p, y);
        mn_injury inj = mn_procedure_injury(p);
        assert_true(inj.matrix_disruption >= 0 && inj.matrix_disruption <= 1);
        assert_true(inj.stratum_removed >= 0 && inj.stratum_removed <= 1);
        for (int rep = 0; rep < 5; rep++)
            mn_model_session(&inj, p, y);
        for (int i = 0; i < S_COUNT; i++) {
            assert_true(isfinite(y[i]));
            assert_true(y[i] >= 0);
        }
        assert_true(y[S_barrier_deficit] <= 1.0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_unique_and_described),
        cmocka_unit_test(layouts_tile_vectors),
        cmocka_unit_test(rhs_finite_and_owned),
        cmocka_unit_test(session_jump_keeps_states_valid),
    };
    return cmocka_run_group_tests_name("sub-model shared suite", tests, NULL, NULL);
}
