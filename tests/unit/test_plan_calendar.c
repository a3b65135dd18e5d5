/* test_plan_calendar.c — booking sessions on clinic days (mn_plan_book: closed days skipped,
 * order kept when moves pile up, an all-closed mask ignored) and RFC 5545 content lines
 * (mn_ics_line: escaping, CRLF, folding at 75 octets never inside a UTF-8 sequence, and the
 * unfolded line equal to the input). */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "plan.h"
#include "plan_text.h"

static void test_book_weekdays(void **state)
{
    (void)state;
    /* day 0 is a Monday; Saturday and Sunday closed */
    const double nominal[] = {0, 5, 6, 12, 13};
    double booked[5];
    int moved = mn_plan_book(nominal, 5, (1u << 5) | (1u << 6), 0, booked);
    const double want[] = {0, 7, 8, 14, 15}; /* Sat->Mon, Sun->Mon then Tue (after the previous) */
    for (int k = 0; k < 5; k++)
        assert_true(booked[k] == want[k]);
    assert_int_equal(moved, 4);
    /* nothing closed: nothing moves */
    assert_int_equal(mn_plan_book(nominal, 5, 0, 3, booked), 0);
    assert_memory_equal(booked, nominal, sizeof nominal);
    /* every day closed is not a clinic: ignored rather than looping forever */
    assert_int_equal(mn_plan_book(nominal, 5, 0x7f, 0, booked), 0);
}

/* The physical lines of s (split at CRLF); checks every line ends with CRLF. */
static int split_crlf(char *s, char **lines, int max)
{
    int n = 0;
    char *p = s;
    while (*p && n < max) {
        char *e = strstr(p, "\r\n");
        assert_non_null(e);
        *e = '\0';
        lines[n++] = p;
        p = e + 2;
    }
    return n;
}

static void test_ics_fold_escape(void **state)
{
    (void)state;
    char value[400] = "";
    /* 2-byte (é) and 3-byte (–) UTF-8 characters all along, so every fold point is tested */
    for (int k = 0; k < 20; k++)
        strcat(value, "séance – a;b,c\\ ");
    strcat(value, "\nend");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    mn_ics_line(f, "DESCRIPTION", value, 1);
    fclose(f);
    char *lines[64];
    int n = split_crlf(buf, lines, 64);
    assert_true(n > 4);
    char unfolded[1200] = "";
    for (int k = 0; k < n; k++) {
        size_t l = strlen(lines[k]);
        assert_true(l <= 75);
        if (k > 0) assert_true(lines[k][0] == ' ');
        /* a physical line never starts with a UTF-8 continuation byte */
        assert_false(((unsigned char)lines[k][k > 0] & 0xC0) == 0x80);
        strcat(unfolded, lines[k] + (k > 0));
    }
    assert_true(strncmp(unfolded, "DESCRIPTION:séance – a\\;b\\,c\\\\ ", 33) == 0);
    assert_non_null(strstr(unfolded, "\\nend"));
    assert_null(strchr(unfolded, '\n'));
    free(buf);
    /* a short line is not folded and not escaped when asked so */
    buf = NULL;
    f = open_memstream(&buf, &len);
    mn_ics_line(f, "DTSTART;VALUE=DATE", "20270104", 0);
    fclose(f);
    assert_string_equal(buf, "DTSTART;VALUE=DATE:20270104\r\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_book_weekdays),
        cmocka_unit_test(test_ics_fold_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
