/* test_ini_text.c — the INI parser on text in memory (mn_ini_load_params_text, the entry point of
 * the fuzz target): the same values as the file parser for the same text, errors as "NAME:LINE: "
 * with the problem, the NUL-byte refusal of input files, and exactly `size` bytes read (no
 * terminator needed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inifile.h"
#include "params.h"
#include "testutil.h"
#include "textfile.h"

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle)) fail_msg("'%s' does not contain '%s'", haystack, needle);
}

static void test_same_as_file(void **state)
{
    (void)state;
    char buf[4096];
    const char *path = tu_source_path("tests/fixtures/ini/valid_comments.ini", buf, sizeof buf);
    char *text = NULL;
    size_t size = 0;
    mn_error err = {{0}};
    if (mn_text_read(path, &text, &size, &err) != 0) fail_msg("%s", err.msg);
    double a[P_COUNT], b[P_COUNT];
    mn_params_default(a);
    mn_params_default(b);
    if (mn_ini_load_params(path, a, &err) != 0) fail_msg("%s", err.msg);
    if (mn_ini_load_params_text("mem.ini", text, size, b, &err) != 0) fail_msg("%s", err.msg);
    assert_memory_equal(a, b, sizeof a); /* bit for bit */
    double d[P_COUNT];
    mn_params_default(d);
    assert_true(memcmp(a, d, sizeof a) != 0); /* the fixture does change values */
    free(text);
}

static void test_errors_name_line(void **state)
{
    (void)state;
    const char *text = "; comment\n[patient]\nage_yeers = 40\n";
    double p[P_COUNT];
    mn_params_default(p);
    mn_error err = {{0}};
    assert_int_equal(mn_ini_load_params_text("mem.ini", text, strlen(text), p, &err), -1);
    assert_contains(err.msg, "mem.ini:3: unknown key 'age_yeers' in [patient]");
    assert_contains(err.msg, "did you mean 'patient.age_years'");

    const char bad[] = "[patient]\nage_years = 40\n\0junk\n";
    assert_int_equal(mn_ini_load_params_text("mem.ini", bad, sizeof bad - 1, p, &err), -1);
    assert_string_equal(err.msg, "mem.ini:3: NUL byte in a text file (binary data?)");

    const char *malformed = "[patient]\nage_years 40\n";
    assert_int_equal(mn_ini_load_params_text("m.ini", malformed, strlen(malformed), p, &err), -1);
    assert_contains(err.msg, "m.ini:2: malformed line");
}

static void test_reads_size_bytes(void **state)
{
    (void)state;
    const char text[] = "[patient]\nage_years = 40"
                        "7 this is past size\n";
    double p[P_COUNT];
    mn_params_default(p);
    mn_error err = {{0}};
    size_t size = strlen("[patient]\nage_years = 40");
    if (mn_ini_load_params_text("mem.ini", text, size, p, &err) != 0) fail_msg("%s", err.msg);
    int id = mn_param_find("patient.age_years");
    assert_true(id >= 0);
    assert_true(p[id] == 40.0);
    /* empty text: nothing set, no error */
    double d[P_COUNT];
    mn_params_default(p);
    mn_params_default(d);
    assert_int_equal(mn_ini_load_params_text("mem.ini", "", 0, p, &err), 0);
    assert_memory_equal(p, d, sizeof p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_file),
        cmocka_unit_test(test_errors_name_line),
        cmocka_unit_test(test_reads_size_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
