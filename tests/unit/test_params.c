/* test_params.c — the parameter registry: invariants of every entry (defaults within bounds,
 * finite, unique names, documented), lookup, value parsing for each kind with its exact
 * rejections, "did you mean" suggestions, --set errors, and the INI dump round trip
 * (mn_params_write_ini -> mn_ini_load_params gives bit-identical values). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inifile.h"
#include "testutil.h"

static int n_choices(const char *choices)
{
    int n = 1;
    for (const char *s = choices; *s; s++)
        n += *s == '|';
    return n;
}

static void test_registry_invariants(void **state)
{
    (void)state;
    assert_true(P_COUNT > 0);
    for (int i = 0; i < P_COUNT; i++) {
        const mn_param_info *pi = &mn_params[i];
        char name[160];
        mn_param_name(i, name, sizeof name);
        if (!pi->section || !pi->key || !pi->section[0] || !pi->key[0])
            fail_msg("parameter %d has an empty section or key", i);
        if (!isfinite(pi->def) || !isfinite(pi->min) || !isfinite(pi->max))
            fail_msg("%s: default or bounds not finite", name);
        if (!(pi->min <= pi->def && pi->def <= pi->max))
            fail_msg("%s: default %g outside [%g, %g]", name, pi->def, pi->min, pi->max);
        if (!pi->unit || !pi->unit[0]) fail_msg("%s: empty unit", name);
        if (!pi->description || !pi->description[0]) fail_msg("%s: empty description", name);
        if (!pi->source || !pi->source[0]) fail_msg("%s: empty source", name);
        /* names are usable as INI keys: no spaces, '=' or '.' inside */
        if (strpbrk(pi->key, " \t=.;#[]") || strpbrk(pi->section, " \t=.;#[]"))
            fail_msg("%s: section or key holds a character INI files cannot carry", name);
        switch (pi->kind) {
        case MN_ENUM:
            if (!pi->choices || !pi->choices[0]) fail_msg("%s: enum without choices", name);
            if (pi->def != floor(pi->def) || pi->def < 0 || pi->def >= n_choices(pi->choices))
                fail_msg("%s: enum default %g is not a valid choice index", name, pi->def);
            if (pi->max != n_choices(pi->choices) - 1 || pi->min != 0)
                fail_msg("%s: enum bounds [%g, %g] do not match its %d choices", name, pi->min,
                         pi->max, n_choices(pi->choices));
            break;
        case MN_BOOL:
            if (pi->def != 0 && pi->def != 1) fail_msg("%s: boolean default %g", name, pi->def);
            if (pi->choices) fail_msg("%s: non-enum with choices", name);
            break;
        case MN_INT:
            if (pi->def != floor(pi->def)) fail_msg("%s: integer default %g", name, pi->def);
            if (pi->choices) fail_msg("%s: non-enum with choices", name);
            break;
        case MN_REAL:
            if (pi->choices) fail_msg("%s: non-enum with choices", name);
            break;
        default:
            fail_msg("%s: unknown kind %d", name, (int)pi->kind);
        }
        for (int j = 0; j < i; j++)
            if (strcmp(mn_params[j].section, pi->section) == 0 &&
                strcmp(mn_params[j].key, pi->key) == 0)
                fail_msg("%s is declared twice (entries %d and %d)", name, j, i);
    }
}

static void test_defaults_and_lookup(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    for (int i = 0; i < P_COUNT; i++) {
        char name[160];
        mn_param_name(i, name, sizeof name);
        assert_true(p[i] == mn_params[i].def);
        assert_int_equal(mn_param_find(name), i);
        assert_int_equal(mn_param_find2(mn_params[i].section, mn_params[i].key), i);
        assert_true(mn_section_exists(mn_params[i].section));
    }
    assert_int_equal(mn_param_find("collagen.maturation_days"), P_collagen_maturation_days);
    assert_int_equal(mn_param_find("collagen.no_such_key"), -1);
    assert_int_equal(mn_param_find("maturation_days"), -1); /* no section */
    assert_int_equal(mn_param_find(""), -1);
    assert_int_equal(mn_param_find(".maturation_days"), -1);
    assert_int_equal(mn_param_find("collagen."), -1);
    assert_int_equal(mn_param_find2("collagen", "Maturation_Days"), -1); /* names are exact */
    assert_int_equal(mn_param_find2("no_section", "maturation_days"), -1);
    assert_false(mn_section_exists("no_section"));
    assert_false(mn_section_exists(""));
}

/* Parse text for id expecting failure; return the message. */
static const char *reject(int id, const char *text)
{
    static char why[512];
    double v = -12345.0;
    why[0] = '\0';
    if (mn_param_parse(id, text, &v, why, sizeof why) == 0)
        fail_msg("'%s' was accepted for parameter %d (value %g)", text, id, v);
    assert_true(v == -12345.0); /* the value is not touched on failure */
    assert_true(why[0] != '\0');
    return why;
}

static double accept(int id, const char *text)
{
    char why[512] = "";
    double v = NAN;
    if (mn_param_parse(id, text, &v, why, sizeof why) != 0)
        fail_msg("'%s' rejected: %s", text, why);
    return v;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle)) fail_msg("expected \"%s\" in \"%s\"", needle, haystack);
}

static void test_parse_real(void **state)
{
    (void)state;
    const int id = P_collagen_maturation_days;
    const mn_param_info *pi = &mn_params[id];
    assert_true(accept(id, "30") == 30.0);
    assert_true(accept(id, "  2.5e1 \t") == 25.0);
    char text[64];
    snprintf(text, sizeof text, "%.17g", pi->min);
    assert_true(accept(id, text) == pi->min); /* bounds are inclusive */
    snprintf(text, sizeof text, "%.17g", pi->max);
    assert_true(accept(id, text) == pi->max);

    assert_contains(reject(id, "12abc"), "'12abc' is not a number");
    assert_contains(reject(id, "12abc"), "units are not written in values");
    assert_contains(reject(id, "abc"), "'abc' is not a number");
    assert_contains(reject(id, "1,5"), "not a number");
    assert_contains(reject(id, ""), "empty value");
    assert_contains(reject(id, "   "), "empty value");
    assert_contains(reject(id, "nan"), "'nan' is not finite");
    assert_contains(reject(id, "NaN"), "not finite");
    assert_contains(reject(id, "inf"), "'inf' is not finite");
    assert_contains(reject(id, "-infinity"), "not finite");
    assert_contains(reject(id, "1e999"), "'1e999' is not finite");

    /* out of bounds: the message gives the value and both bounds */
    char lo[64], hi[64], expect[200];
    snprintf(lo, sizeof lo, "%.17g", pi->min - 0.5);
    snprintf(hi, sizeof hi, "%.17g", pi->max + 1);
    snprintf(expect, sizeof expect, "in [%.10g, %.10g] %s", pi->min, pi->max, pi->unit);
    const char *why = reject(id, hi);
    assert_contains(why, hi);
    assert_contains(why, "out of bounds");
    assert_contains(why, expect);
    why = reject(id, lo);
    assert_contains(why, "out of bounds");
    assert_contains(why, expect);

    /* every other message also says what was expected */
    assert_contains(reject(id, "nan"), expect);
    assert_contains(reject(id, "12abc"), expect);
}

static void test_parse_int(void **state)
{
    (void)state;
    const int id = P_schedule_sessions;
    assert_int_equal(mn_params[id].kind, MN_INT);
    assert_true(accept(id, "3") == 3.0);
    assert_true(accept(id, "3.0") == 3.0);
    const char *why = reject(id, "2.5");
    assert_contains(why, "'2.5' is not a whole number");
    assert_contains(why, "an integer in [");
    assert_contains(reject(id, "-1"), "out of bounds");
    assert_contains(reject(id, "three"), "not a number");
}

static void test_parse_bool(void **state)
{
    (void)state;
    const int id = P_procedure_dermaplaning;
    assert_int_equal(mn_params[id].kind, MN_BOOL);
    static const char *yes[] = {"1", "true", "yes", "on", "TRUE", "Yes", "On"};
    static const char *no[] = {"0", "false", "no", "off", "FALSE", "No", "OFF"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(accept(id, yes[i]) == 1.0);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_true(accept(id, no[i]) == 0.0);
    const char *why = reject(id, "maybe");
    assert_contains(why, "'maybe' is not a boolean");
    assert_contains(why, "yes/no");
    assert_contains(reject(id, "2"), "not a boolean");
    assert_contains(reject(id, "0.5"), "not a boolean");
    assert_contains(reject(id, "y"), "not a boolean");
}

static void test_parse_enum(void **state)
{
    (void)state;
    const int id = P_procedure_peel;
    assert_int_equal(mn_params[id].kind, MN_ENUM);
    /* each keyword maps to its index, in any case */
    const char *choices = mn_params[id].choices;
    int n = n_choices(choices);
    const char *s = choices;
    for (int k = 0; k < n; k++) {
        char word[64], upper[64];
        size_t len = strcspn(s, "|");
        snprintf(word, sizeof word, "%.*s", (int)len, s);
        for (size_t c = 0; c <= len; c++)
            upper[c] = (char)(word[c] >= 'a' && word[c] <= 'z' ? word[c] - 32 : word[c]);
        assert_true(accept(id, word) == k);
        assert_true(accept(id, upper) == k);
        char formatted[64];
        mn_param_format(id, k, formatted, sizeof formatted);
        assert_string_equal(formatted, word);
        s += len + (s[len] == '|');
    }
    assert_true(accept(id, "Medium") == PEEL_MEDIUM);
    assert_true(accept(id, " DEEP ") == PEEL_DEEP);
    const char *why = reject(id, "strong");
    assert_contains(why, "'strong' is not a valid choice");
    assert_contains(why, choices);
    assert_contains(reject(id, "2"), "not a valid choice"); /* indices are not keywords */
    assert_contains(reject(id, "med"), "not a valid choice");
}

/* format -> parse gives back the same double for every default (what `params --ini` relies on). */
static void test_format_parse_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < P_COUNT; i++) {
        char text[64];
        mn_param_format(i, mn_params[i].def, text, sizeof text);
        double v = accept(i, text);
        if (memcmp(&v, &mn_params[i].def, sizeof v) != 0)
            fail_msg("parameter %d: '%s' parses to %.17g, not %.17g", i, text, v, mn_params[i].def);
    }
}

static void test_suggest(void **state)
{
    (void)state;
    const char *s = mn_param_suggest("collagen", "maturaton_days");
    assert_non_null(s);
    assert_string_equal(s, "collagen.maturation_days");
    s = mn_param_suggest("collagen", "maturation_dyas");
    assert_non_null(s);
    assert_string_equal(s, "collagen.maturation_days");
    /* right key, wrong section: the parameter in its real section */
    s = mn_param_suggest("inflammation", "maturation_days");
    assert_non_null(s);
    assert_string_equal(s, "collagen.maturation_days");
    /* nothing close: no suggestion */
    assert_null(mn_param_suggest("collagen", "qqqqqqqqqqqqqqqqqqqqqqqqqqqq"));
    const char *sec = mn_section_suggest("colagen");
    assert_non_null(sec);
    assert_string_equal(sec, "collagen");
    sec = mn_section_suggest("Collagen");
    assert_non_null(sec);
    assert_string_equal(sec, "collagen");
    assert_null(mn_section_suggest("qqqqqqqqqqqqqqqqqqqqqqqq"));
}

static void test_set_arg(void **state)
{
    (void)state;
    double p[P_COUNT], q[P_COUNT];
    mn_params_default(p);
    mn_error err = {{0}};
    assert_int_equal(mn_param_set_arg(p, "collagen.maturation_days=30", &err), 0);
    assert_true(p[P_collagen_maturation_days] == 30.0);
    assert_int_equal(mn_param_set_arg(p, " procedure.peel = Medium ", &err), 0);
    assert_true(p[P_procedure_peel] == PEEL_MEDIUM);
    memcpy(q, p, sizeof q);

    /* misspelt key: names --set, the key and the suggestion */
    assert_int_equal(mn_param_set_arg(p, "collagen.maturaton_days=30", &err), -1);
    assert_contains(err.msg, "--set collagen.maturaton_days=30");
    assert_contains(err.msg, "unknown parameter 'collagen.maturaton_days'");
    assert_contains(err.msg, "did you mean 'collagen.maturation_days'?");
    /* bad value: names --set, the key and the reason */
    assert_int_equal(mn_param_set_arg(p, "collagen.maturation_days=12abc", &err), -1);
    const mn_param_info *pi = &mn_params[P_collagen_maturation_days];
    char expect[512];
    snprintf(expect, sizeof expect,
             "--set collagen.maturation_days=12abc: collagen.maturation_days: '12abc' is not a "
             "number (units are not written in values: 'maturation_days' is in %s); expected a "
             "number in [%.10g, %.10g] %s",
             pi->unit, pi->min, pi->max, pi->unit);
    assert_string_equal(err.msg, expect);
    assert_int_equal(mn_param_set_arg(p, "collagen.maturation_days=nan", &err), -1);
    assert_contains(err.msg, "--set collagen.maturation_days=nan: collagen.maturation_days:");
    assert_contains(err.msg, "not finite");
    char big[96];
    snprintf(big, sizeof big, "collagen.maturation_days=%.17g", pi->max * 2 + 1);
    assert_int_equal(mn_param_set_arg(p, big, &err), -1);
    assert_contains(err.msg, "--set");
    assert_contains(err.msg, "out of bounds");
    /* no '=' */
    assert_int_equal(mn_param_set_arg(p, "collagen.maturation_days", &err), -1);
    assert_string_equal(err.msg, "--set collagen.maturation_days: expected section.key=value");
    /* no section */
    assert_int_equal(mn_param_set_arg(p, "maturation_days=3", &err), -1);
    assert_contains(err.msg, "--set maturation_days=3: unknown parameter 'maturation_days'");
    /* failed assignments leave p untouched */
    assert_memory_equal(p, q, sizeof p);
}

/* Non-default values that need all 17 significant digits. */
static void awkward_values(double *p)
{
    for (int i = 0; i < P_COUNT; i++) {
        const mn_param_info *pi = &mn_params[i];
        switch (pi->kind) {
        case MN_REAL:
            p[i] = pi->min + (pi->max - pi->min) * (0.1 + 0.8 / 3.0 + i * 1e-7);
            if (p[i] == pi->def) p[i] = nextafter(p[i], pi->max);
            break;
        case MN_INT:
            p[i] = floor((pi->min + pi->max) / 2);
            break;
        case MN_BOOL:
            p[i] = 1 - pi->def;
            break;
        case MN_ENUM:
            p[i] = pi->max;
            break;
        }
    }
}

static void test_write_ini_round_trip(void **state)
{
    (void)state;
    char path[] = "/tmp/mnsim_test_params_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    double p[P_COUNT], q[P_COUNT];
    awkward_values(p);
    mn_params_write_ini(f, p);
    assert_int_equal(fclose(f), 0);

    /* start from NaN: every parameter must be present in the dump */
    for (int i = 0; i < P_COUNT; i++)
        q[i] = NAN;
    mn_error err = {{0}};
    int rc = mn_ini_load_params(path, q, &err);
    if (rc != 0) fail_msg("reloading the dump failed: %s", err.msg);
    for (int i = 0; i < P_COUNT; i++)
        if (memcmp(&p[i], &q[i], sizeof p[i]) != 0)
            fail_msg("parameter %d: wrote %.17g, read %.17g", i, p[i], q[i]);

    /* the defaults too (what `mnsim params --ini` prints) */
    f = fopen(path, "w");
    assert_non_null(f);
    mn_params_default(p);
    mn_params_write_ini(f, p);
    assert_int_equal(fclose(f), 0);
    for (int i = 0; i < P_COUNT; i++)
        q[i] = NAN;
    rc = mn_ini_load_params(path, q, &err);
    if (rc != 0) fail_msg("reloading the defaults failed: %s", err.msg);
    assert_memory_equal(p, q, sizeof p);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry_invariants),
        cmocka_unit_test(test_defaults_and_lookup),
        cmocka_unit_test(test_parse_real),
        cmocka_unit_test(test_parse_int),
        cmocka_unit_test(test_parse_bool),
        cmocka_unit_test(test_parse_enum),
        cmocka_unit_test(test_format_parse_round_trip),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_set_arg),
        cmocka_unit_test(test_write_ini_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
