/* inifile.c — INI parsing with line numbers. inih (Debian libinih) does not pass line numbers to
 * its handler in the packaged build, so we feed it through ini_parse_stream with a reader that
 * counts lines; the handler then knows the line being parsed. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inifile.h"
#include "params.h"
#include "schedule.h"
#include "textfile.h"

typedef struct {
    FILE *fp;
    const char *path;
    int newlines_seen, line, too_long_line, indented_line;
    mn_ini_entry_fn fn;
    void *user;
    mn_error *err;
    int failed, fail_line, line_started;
} parse_ctx;

/* A problem the reader saw in the raw text (reported in line order with the others). */
static int reader_problem(parse_ctx *c, int before_line)
{
    int line = 0;
    const char *what = NULL;
    char buf[128];
    if (c->too_long_line && c->too_long_line < before_line) {
        line = c->too_long_line;
        snprintf(buf, sizeof buf, "line too long (at most %d characters)", INI_MAX_LINE - 2);
        what = buf;
    }
    if (c->indented_line && c->indented_line < before_line && (!line || c->indented_line < line)) {
        line = c->indented_line;
        what = "indented line: remove the leading spaces (an indented line would silently "
               "continue the previous value)";
    }
    if (!what) return 0;
    mn_fail(c->err, "%s:%d: %s", c->path, line, what);
    c->failed = 1;
    c->fail_line = line;
    return 1;
}

static char *reader(char *str, int num, void *stream)
{
    parse_ctx *c = stream;
    c->line = c->newlines_seen + 1;
    char *s = fgets(str, num, c->fp);
    if (!s) return NULL;
    size_t n = strlen(s);
    int continuation = c->line_started;
    if (n > 0 && s[n - 1] == '\n') {
        c->newlines_seen++;
        c->line_started = 0;
    } else if ((int)n == num - 1 && !feof(c->fp)) {
        if (!c->too_long_line) c->too_long_line = c->line;
        c->line_started = 1;
    }
    if (!continuation && (s[0] == ' ' || s[0] == '\t') && !c->indented_line) {
        const char *q = s + strspn(s, " \t");
        if (*q && *q != ';' && *q != '#' && *q != '\n' && *q != '\r') c->indented_line = c->line;
    }
    return s;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *c = user;
    if (c->failed) return 1;
    if (reader_problem(c, c->line + 1)) return 0;
    char v[INI_MAX_LINE + 1];
    snprintf(v, sizeof v, "%s", value);
    for (char *h = strchr(v, '#'); h; h = strchr(h + 1, '#'))
        if (h == v || h[-1] == ' ' || h[-1] == '\t') {
            *h = '\0';
            break;
        }
    size_t n = strlen(v);
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        v[--n] = '\0';
    if (c->fn(c->user, c->path, c->line, section, name, v, c->err) != 0) {
        c->failed = 1;
        c->fail_line = c->line;
        return 0;
    }
    return 1;
}

int mn_ini_parse(const char *path, mn_ini_entry_fn fn, void *user, mn_error *err)
{
    parse_ctx c = {.path = path, .fn = fn, .user = user, .err = err};
    /* read through mn_text_read: a directory, /dev/zero, a FIFO, a huge file or a NUL byte is
     * refused with a message instead of hanging or being misread */
    char *text = NULL;
    size_t size = 0;
    if (mn_text_read(path, &text, &size, err) != 0) return -1;
    int rc = 0;
    if (size > 0) {
        c.fp = fmemopen(text, size, "r");
        if (!c.fp) {
            free(text);
            return mn_fail(err, "%s: cannot read the file: %s", path, strerror(errno));
        }
        rc = ini_parse_stream(reader, &c, handler, &c);
        if (ferror(c.fp)) rc = -1;
        fclose(c.fp);
    }
    free(text);
    /* Report the earliest problem: inih's rc is the first line it could not parse (or the
     * first line whose entry we rejected). */
    if (rc > 0 && (!c.failed || rc < c.fail_line) && !reader_problem(&c, rc + 1))
        return mn_fail(err,
                       "%s:%d: malformed line: expected '[section]', 'key = value' or a "
                       "comment starting with ';' or '#'",
                       path, rc);
    if (c.failed) return -1;
    if (reader_problem(&c, c.newlines_seen + 2)) return -1;
    if (rc < 0) return mn_fail(err, "%s: cannot read the file", path);
    return 0;
}

int mn_ini_assign(double *p, int *seen, const char *file, int line, const char *section,
                  const char *key, const char *value, mn_error *err)
{
    char why[512];
    if (section[0] == '\0')
        return mn_fail(err, "%s:%d: key '%s' is outside any [section]", file, line, key);
    if (!mn_section_exists(section)) {
        const char *hint = mn_section_suggest(section);
        return mn_fail(err, "%s:%d: unknown section [%s]%s%s%s (see `mnsim params`)", file, line,
                       section, hint ? " (did you mean [" : "", hint ? hint : "",
                       hint ? "]?)" : "");
    }
    int id = mn_param_find2(section, key);
    if (id < 0) {
        const char *hint = mn_param_suggest(section, key);
        return mn_fail(err, "%s:%d: unknown key '%s' in [%s]%s%s%s (see `mnsim params`)", file,
                       line, key, section, hint ? " (did you mean '" : "", hint ? hint : "",
                       hint ? "'?)" : "");
    }
    if (seen) {
        if (seen[id])
            return mn_fail(err, "%s:%d: duplicate key '%s' in [%s] (first set on line %d)", file,
                           line, key, section, seen[id]);
        seen[id] = line;
    }
    if (mn_param_parse(id, value, &p[id], why, sizeof why) != 0)
        return mn_fail(err, "%s:%d: %s.%s: %s", file, line, section, key, why);
    return 0;
}

typedef struct {
    double *p;
    int seen[P_COUNT];
} load_ctx;

static int load_entry(void *user, const char *file, int line, const char *section, const char *key,
                      const char *value, mn_error *err)
{
    load_ctx *c = user;
    return mn_ini_assign(c->p, c->seen, file, line, section, key, value, err);
}

int mn_ini_load_params(const char *path, double *p, mn_error *err)
{
    load_ctx c = {.p = p};
    memset(c.seen, 0, sizeof c.seen);
    return mn_ini_parse(path, load_entry, &c, err);
}

int mn_load_run_params(double *p, const char *const *files, int n_files, char *const *sets,
                       int n_sets, mn_error *err)
{
    mn_params_default(p);
    for (int i = 0; i < n_files; i++)
        if (mn_ini_load_params(files[i], p, err) != 0) return -1;
    for (int i = 0; i < n_sets; i++)
        if (mn_param_set_arg(p, sets[i], err) != 0) return -1;
    return mn_params_validate(p, err);
}
