/* test_ini.c — INI input errors, one fixture per case (tests/fixtures/ini): each bad file is
 * rejected by mn_ini_load_params and by mn_load_run_params (what `mnsim run` and `check` call) with
 * a message that starts with the exact "file:line: " and names the key/section and the problem;
 * comments (';', '#', trailing) are accepted; the line reported to the entry callback is exact; a
 * schedule that does not fit the course names schedule.course_days. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "inifile.h"
#include "inifile.h"
#include "testutil.h"

static const char *fixture(const char *name)
{
    static char buf[4096];
    char rel[256];
    snprintf(rel, sizeof rel, "tests/fixtures/ini/%s", name);
    return tu_source_path(rel, buf, sizeof buf);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle)) fail_msg("expected \"%s\" in \"%s\"", needle, haystack);
}

typedef struct {
    const char *file;
    int line;               /* expected line in the "file:line: " prefix */
    const char *needles[4]; /* substrings the message must hold (NULL-terminated) */
} bad_case;

static const bad_case bad_cases[] = {
    {"bad.ini", 2, {"unknown key 'no_such_key' in [collagen]", "mnsim params", NULL}},
    {"unknown_section.ini", 2, /* reported at the [header] line */
     {"unknown section [colagen]", "did you mean [collagen]?", NULL}},
    {"misspelt_key.ini",
     3,
     {"unknown key 'maturaton_days' in [collagen]", "did you mean 'collagen.maturation_days'?",
      NULL}},
    {"not_a_number.ini",
     4,
     {"collagen.maturation_days: '21days' is not a number", "units are not written in values",
      NULL}},
    {"nan.ini", 2, {"collagen.maturation_days: 'nan' is not finite", NULL}},
    {"inf.ini", 3, {"collagen.maturation_days: 'inf' is not finite", NULL}},
    {"overflow.ini", 2, {"collagen.maturation_days: '1e999' is not finite", NULL}},
    {"out_of_bounds.ini", 2, {"collagen.maturation_days: 400 is out of bounds", NULL}},
    {"duplicate.ini",
     4,
     {"duplicate key 'maturation_days' in [collagen]", "(first set on line 2)", NULL}},
    {"malformed.ini", 3, {"malformed line", NULL}},
    {"outside_section.ini", 2, {"key 'depth_mm' is outside any [section]", NULL}},
    {"too_long.ini", 3, {"line too long (at most 198 characters)", NULL}},
    {"not_integer.ini", 2, {"schedule.sessions: '2.5' is not a whole number", NULL}},
    {"bad_choice.ini",
     2,
     {"procedure.peel: 'strong' is not a valid choice", "none|superficial|medium|deep", NULL}},
    {"bad_bool.ini", 2, {"procedure.dermaplaning: 'maybe' is not a boolean", NULL}},
    {"empty_value.ini", 2, {"collagen.maturation_days: empty value", NULL}},
    {"indented.ini", 3, {"indented line: remove the leading spaces", NULL}},
    {"malformed_then_bad_key.ini", 2, {"malformed line", NULL}},
};

static void check_message(const bad_case *c, const char *path, const char *msg)
{
    char prefix[4200];
    snprintf(prefix, sizeof prefix, "%s:%d: ", path, c->line);
    if (strncmp(msg, prefix, strlen(prefix)) != 0)
        fail_msg("%s: expected the message to start with \"%s\", got \"%s\"", c->file, prefix, msg);
    for (int k = 0; c->needles[k]; k++)
        assert_contains(msg, c->needles[k]);
}

static void test_bad_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        const char *path = fixture(c->file);
        double p[P_COUNT];
        mn_error err = {{0}};
        mn_params_default(p);
        if (mn_ini_load_params(path, p, &err) == 0) fail_msg("%s was accepted", c->file);
        check_message(c, path, err.msg);

        /* the run/check path gives the same message */
        mn_error err2 = {{0}};
        const char *files[] = {path};
        if (mn_load_run_params(p, files, 1, NULL, 0, &err2) == 0)
            fail_msg("%s was accepted by mn_load_run_params", c->file);
        assert_string_equal(err.msg, err2.msg);
    }
}

static void test_bounds_in_message(void **state)
{
    (void)state;
    const char *path = fixture("out_of_bounds.ini");
    double p[P_COUNT];
    mn_error err = {{0}};
    mn_params_default(p);
    assert_int_equal(mn_ini_load_params(path, p, &err), -1);
    const mn_param_info *pi = &mn_params[P_collagen_maturation_days];
    char expect[4300];
    snprintf(expect, sizeof expect,
             "%s:2: collagen.maturation_days: 400 is out of bounds; expected a number in "
             "[%.10g, %.10g] %s",
             path, pi->min, pi->max, pi->unit);
    if (pi->max >= 400) skip(); /* the fixture assumes 400 is above the maximum */
    assert_string_equal(err.msg, expect);
}

static void test_missing_file(void **state)
{
    (void)state;
    const char *path = fixture("does_not_exist.ini");
    double p[P_COUNT];
    mn_error err = {{0}};
    mn_params_default(p);
    assert_int_equal(mn_ini_load_params(path, p, &err), -1);
    char expect[4300];
    snprintf(expect, sizeof expect, "%s: cannot open: No such file or directory", path);
    assert_string_equal(err.msg, expect);
    /* a directory is not an INI file either */
    const char *dir = fixture("");
    assert_int_equal(mn_ini_load_params(dir, p, &err), -1);
    snprintf(expect, sizeof expect, "%s: not a regular file (a directory); expected a text file", dir);
    assert_string_equal(err.msg, expect);
}

static void test_comments_accepted(void **state)
{
    (void)state;
    const char *path = fixture("valid_comments.ini");
    double p[P_COUNT], d[P_COUNT];
    mn_error err = {{0}};
    mn_params_default(p);
    mn_params_default(d);
    if (mn_ini_load_params(path, p, &err) != 0) fail_msg("rejected: %s", err.msg);
    assert_true(p[P_collagen_maturation_days] == 30.0);
    assert_true(p[P_collagen_half_life_years] == 12.0);
    assert_true(p[P_procedure_peel] == PEEL_SUPERFICIAL);
    assert_true(p[P_procedure_dermaplaning] == 1.0);
    assert_true(p[P_schedule_sessions] == 3.0);
    assert_true(p[P_schedule_course_days] == 120.0);
    /* nothing else changed */
    int changed = 0;
    for (int i = 0; i < P_COUNT; i++)
        changed += memcmp(&p[i], &d[i], sizeof p[i]) != 0;
    assert_int_equal(changed, 6);
    const char *files[] = {path};
    if (mn_load_run_params(p, files, 1, NULL, 0, &err) != 0) fail_msg("run: %s", err.msg);
}

/* Later files and --set override earlier values, in order. */
static void test_override_order(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_error err = {{0}};
    const char *files[] = {fixture("valid_comments.ini")};
    char set1[] = "collagen.maturation_days=40", set2[] = "collagen.maturation_days=41";
    char *sets[] = {set1, set2};
    if (mn_load_run_params(p, files, 1, sets, 2, &err) != 0) fail_msg("%s", err.msg);
    assert_true(p[P_collagen_maturation_days] == 41.0);
    assert_true(p[P_collagen_half_life_years] == 12.0);
    char bad[] = "collagen.maturaton_days=40";
    char *sets_bad[] = {bad};
    assert_int_equal(mn_load_run_params(p, files, 1, sets_bad, 1, &err), -1);
    assert_contains(err.msg, "--set collagen.maturaton_days=40");
    assert_contains(err.msg, "did you mean 'collagen.maturation_days'?");
}

typedef struct {
    int n;
    int line[16];
    char key[16][64], value[16][64];
} recorded;

static int record(void *user, const char *file, int line, const char *section, const char *key,
                  const char *value, mn_error *err)
{
    (void)file, (void)section, (void)err;
    recorded *r = user;
    if (r->n >= 16) return -1;
    r->line[r->n] = line;
    snprintf(r->key[r->n], sizeof r->key[0], "%s", key);
    snprintf(r->value[r->n], sizeof r->value[0], "%s", value);
    r->n++;
    return 0;
}

static void test_entry_lines(void **state)
{
    (void)state;
    recorded r = {0};
    mn_error err = {{0}};
    if (mn_ini_parse(fixture("valid_comments.ini"), record, &r, &err) != 0) fail_msg("%s", err.msg);
    static const int lines[] = {4, 5, 9, 10, 12, 13};
    static const char *keys[] = {"maturation_days", "half_life_years", "peel",
                                 "dermaplaning",    "sessions",        "course_days"};
    static const char *values[] = {"30", "12", "Superficial", "yes", "3", "120"};
    assert_int_equal(r.n, 6);
    for (int i = 0; i < 6; i++) {
        assert_int_equal(r.line[i], lines[i]);
        assert_string_equal(r.key[i], keys[i]);
        assert_string_equal(r.value[i], values[i]); /* comments and blanks stripped */
    }
}

static int stop_at_second(void *user, const char *file, int line, const char *section,
                          const char *key, const char *value, mn_error *err)
{
    (void)section, (void)value;
    int *count = user;
    if (++*count == 2) return mn_fail(err, "%s:%d: stopped at '%s'", file, line, key);
    return 0;
}

static void test_callback_stops(void **state)
{
    (void)state;
    int count = 0;
    mn_error err = {{0}};
    const char *path = fixture("valid_comments.ini");
    assert_int_equal(mn_ini_parse(path, stop_at_second, &count, &err), -1);
    assert_int_equal(count, 2); /* not called again after the failure */
    char expect[4300];
    snprintf(expect, sizeof expect, "%s:5: stopped at 'half_life_years'", path);
    assert_string_equal(err.msg, expect);
}

static void test_schedule_does_not_fit(void **state)
{
    (void)state;
    const char *path = fixture("schedule_too_long.ini");
    double p[P_COUNT];
    mn_error err = {{0}};
    mn_params_default(p);
    /* each value is fine on its own ... */
    if (mn_ini_load_params(path, p, &err) != 0) fail_msg("%s", err.msg);
    /* ... but 10 sessions 60 days apart need more than 365 days */
    const char *files[] = {path};
    assert_int_equal(mn_load_run_params(p, files, 1, NULL, 0, &err), -1);
    assert_contains(err.msg, "schedule.course_days > 540");
    assert_contains(err.msg, "(it is 365)");
    assert_contains(err.msg, "schedule.sessions");
    /* --set can repair it */
    char fix[] = "schedule.course_days=541";
    char *sets[] = {fix};
    if (mn_load_run_params(p, files, 1, sets, 1, &err) != 0) fail_msg("%s", err.msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_files),      cmocka_unit_test(test_bounds_in_message),
        cmocka_unit_test(test_missing_file),   cmocka_unit_test(test_comments_accepted),
        cmocka_unit_test(test_override_order), cmocka_unit_test(test_entry_lines),
        cmocka_unit_test(test_callback_stops), cmocka_unit_test(test_schedule_does_not_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
