/* params.c — the parameter registry built from the sub-models' declarations (models/registry.c):
 * lookup, parsing with validation, suggestions for misspelt names, formatting and INI dumps. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "params.h"

void mn_params_default(double *p)
{
    for (int i = 0; i < P_COUNT; i++)
        p[i] = mn_params[i].def;
}

int mn_param_find2(const char *section, const char *key)
{
    for (int i = 0; i < P_COUNT; i++)
        if (strcmp(mn_params[i].section, section) == 0 && strcmp(mn_params[i].key, key) == 0)
            return i;
    return -1;
}

int mn_param_find(const char *full_name)
{
    const char *dot = strchr(full_name, '.');
    if (!dot) return -1;
    char section[128];
    size_t n = (size_t)(dot - full_name);
    if (n >= sizeof section) return -1;
    memcpy(section, full_name, n);
    section[n] = '\0';
    return mn_param_find2(section, dot + 1);
}

int mn_section_exists(const char *section)
{
    for (int i = 0; i < P_COUNT; i++)
        if (strcmp(mn_params[i].section, section) == 0) return 1;
    return 0;
}

/* Levenshtein distance (small strings; O(len_a * len_b)). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 127 || lb > 127) return (size_t)-1;
    size_t row[128];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost =
                tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *mn_closest_name(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, names[i]);
        if (d < best_d) best_d = d, best = names[i];
    }
    return best_d <= 2 + strlen(word) / 4 ? best : NULL;
}

const char *mn_section_suggest(const char *section)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (int i = 0; i < P_COUNT; i++) {
        size_t d = edit_distance(section, mn_params[i].section);
        if (d < best_d) best_d = d, best = mn_params[i].section;
    }
    return best_d <= 3 + strlen(section) / 3 ? best : NULL;
}

const char *mn_param_suggest(const char *section, const char *key)
{
    /* Prefer a key of the same section; else the same key anywhere ("wrong section"). */
    static _Thread_local char buf[160];
    int best = -1;
    size_t best_d = (size_t)-1;
    for (int i = 0; i < P_COUNT; i++) {
        size_t d = edit_distance(key, mn_params[i].key);
        if (strcmp(mn_params[i].section, section) != 0) d = d == 0 ? 1 : d + 3;
        if (d < best_d) best_d = d, best = i;
    }
    if (best < 0 || best_d > 3 + strlen(key) / 3) return NULL;
    snprintf(buf, sizeof buf, "%s.%s", mn_params[best].section, mn_params[best].key);
    return buf;
}

const char *mn_param_name(int id, char *buf, size_t size)
{
    snprintf(buf, size, "%s.%s", mn_params[id].section, mn_params[id].key);
    return buf;
}

static void trim(const char *text, char *out, size_t size)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && isspace((unsigned char)text[n - 1]))
        n--;
    if (n >= size) n = size - 1;
    memmove(out, text, n); /* out may be text itself */
    out[n] = '\0';
}

/* Index of `word` in a "a|b|c" list (case-insensitive), or -1. */
static int choice_index(const char *choices, const char *word)
{
    int index = 0;
    const char *s = choices;
    size_t wl = strlen(word);
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        if (n == wl && strncasecmp(s, word, n) == 0) return index;
        index++;
        if (!bar) break;
        s = bar + 1;
    }
    return -1;
}

static const char *choice_word(const char *choices, int index, char *buf, size_t size)
{
    const char *s = choices;
    for (int i = 0; i < index && s; i++) {
        s = strchr(s, '|');
        if (s) s++;
    }
    if (!s) return "?";
    const char *bar = strchr(s, '|');
    size_t n = bar ? (size_t)(bar - s) : strlen(s);
    if (n >= size) n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static void describe_bounds(const mn_param_info *pi, char *buf, size_t size)
{
    if (pi->kind == MN_ENUM)
        snprintf(buf, size, "one of %s", pi->choices);
    else if (pi->kind == MN_BOOL)
        snprintf(buf, size, "a boolean (0/1, true/false, yes/no, on/off)");
    else
        snprintf(buf, size, "%s in [%.10g, %.10g] %s",
                 pi->kind == MN_INT ? "an integer" : "a number", pi->min, pi->max,
                 strcmp(pi->unit, "1") == 0 ? "(dimensionless)" : pi->unit);
}

int mn_param_parse(int id, const char *text, double *value, char *why, size_t why_size)
{
    const mn_param_info *pi = &mn_params[id];
    char word[256], expected[200];
    trim(text, word, sizeof word);
    describe_bounds(pi, expected, sizeof expected);
    if (word[0] == '\0') {
        snprintf(why, why_size, "empty value; expected %s", expected);
        return -1;
    }
    if (pi->kind == MN_ENUM) {
        int k = choice_index(pi->choices, word);
        if (k < 0) {
            snprintf(why, why_size, "'%s' is not a valid choice; expected %s", word, expected);
            return -1;
        }
        *value = k;
        return 0;
    }
    if (pi->kind == MN_BOOL) {
        static const char *yes[] = {"1", "true", "yes", "on"}, *no[] = {"0", "false", "no", "off"};
        for (int i = 0; i < 4; i++) {
            if (strcasecmp(word, yes[i]) == 0) return *value = 1, 0;
            if (strcasecmp(word, no[i]) == 0) return *value = 0, 0;
        }
        snprintf(why, why_size, "'%s' is not a boolean; expected %s", word, expected);
        return -1;
    }
    errno = 0;
    char *end = NULL;
    double v = strtod(word, &end);
    if (end == word || *end != '\0') {
        /* A trailing unit is the commonest slip: say so. */
        const char *unit = end; /* "1.5mm", "1.5 cm" */
        while (*unit == ' ' || *unit == '\t')
            unit++;
        if (end != word && isalpha((unsigned char)*unit))
            snprintf(why, why_size,
                     "'%s' is not a number (units are not written in values: '%s' is "
                     "in %s); expected %s",
                     word, pi->key, pi->unit, expected);
        else
            snprintf(why, why_size, "'%s' is not a number; expected %s", word, expected);
        return -1;
    }
    if (!isfinite(v)) {
        snprintf(why, why_size, "'%s' is not finite; expected %s", word, expected);
        return -1;
    }
    if (pi->kind == MN_INT && v != floor(v)) {
        snprintf(why, why_size, "'%s' is not a whole number; expected %s", word, expected);
        return -1;
    }
    if (v < pi->min || v > pi->max) {
        snprintf(why, why_size, "%s is out of bounds; expected %s", word, expected);
        return -1;
    }
    *value = v;
    return 0;
}

void mn_param_format(int id, double value, char *buf, size_t size)
{
    const mn_param_info *pi = &mn_params[id];
    if (pi->kind == MN_ENUM)
        choice_word(pi->choices, (int)value, buf, size);
    else
        mn_format_double(value, buf, size);
}

void mn_format_double(double value, char *buf, size_t size)
{
    /* the shortest of %.15g, %.16g, %.17g that reads back to the same double (%.17g always
     * does): 1e-06, not 9.9999999999999995e-07 */
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, value);
        if (strtod(buf, NULL) == value) return;
    }
}

void mn_params_write_ini(FILE *out, const double *p)
{
    const char *section = "";
    for (int i = 0; i < P_COUNT; i++) {
        char value[64];
        if (strcmp(section, mn_params[i].section) != 0) {
            section = mn_params[i].section;
            fprintf(out, "%s[%s]\n", i ? "\n" : "", section);
        }
        mn_param_format(i, p[i], value, sizeof value);
        fprintf(out, "%s = %s\n", mn_params[i].key, value);
    }
}

int mn_param_set_arg(double *p, const char *assignment, mn_error *err)
{
    const char *eq = strchr(assignment, '=');
    if (!eq) return mn_fail(err, "--set %s: expected section.key=value", assignment);
    char name[256], why[512];
    size_t n = (size_t)(eq - assignment);
    if (n >= sizeof name) n = sizeof name - 1;
    memcpy(name, assignment, n);
    name[n] = '\0';
    trim(name, name, sizeof name);
    int id = mn_param_find(name);
    if (id < 0) {
        const char *dot = strchr(name, '.');
        char section[128] = "";
        if (dot && (size_t)(dot - name) < sizeof section) {
            memcpy(section, name, (size_t)(dot - name));
            section[dot - name] = '\0';
        }
        const char *hint = mn_param_suggest(section, dot ? dot + 1 : name);
        return mn_fail(err, "--set %s: unknown parameter '%s'%s%s%s (see `mnsim params`)",
                       assignment, name, hint ? " (did you mean '" : "", hint ? hint : "",
                       hint ? "'?)" : "");
    }
    if (mn_param_parse(id, eq + 1, &p[id], why, sizeof why) != 0)
        return mn_fail(err, "--set %s: %s: %s", assignment, name, why);
    return 0;
}
