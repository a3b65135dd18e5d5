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
    mn_ini_errors *all; /* collect mode (mn_ini_parse_all): every problem, parsing goes on */
} parse_ctx;

/* The line of the [header] of the section being parsed (0 outside a parse): unknown sections are
 * reported there, not at their first key. Thread-local: parses on other threads do not mix. */
static _Thread_local int section_header_line;

int mn_ini_section_line(void)
{
    return section_header_line;
}

int mn_ini_errors_add(mn_ini_errors *e, int line, const char *msg)
{
    for (int i = 0; i < e->n; i++) /* one report per problem (e.g. every key of a bad section) */
        if (strcmp(e->items[i].msg, msg) == 0) return 0;
    if (e->n == e->cap) {
        int cap = e->cap ? 2 * e->cap : 16;
        mn_ini_error *items = realloc(e->items, (size_t)cap * sizeof *items);
        if (!items) return -1;
        e->items = items;
        e->cap = cap;
    }
    e->items[e->n].line = line;
    snprintf(e->items[e->n].msg, sizeof e->items[e->n].msg, "%s", msg);
    e->n++;
    return 0;
}

static int by_line(const void *a, const void *b)
{
    const mn_ini_error *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

void mn_ini_errors_sort(mn_ini_errors *e)
{
    /* insertion order breaks ties (qsort is not stable): sort by line, then by position */
    for (int i = 1; i < e->n; i++) {
        mn_ini_error t = e->items[i];
        int j = i - 1;
        while (j >= 0 && by_line(&e->items[j], &t) > 0) {
            e->items[j + 1] = e->items[j];
            j--;
        }
        e->items[j + 1] = t;
    }
}

void mn_ini_errors_free(mn_ini_errors *e)
{
    free(e->items);
    e->items = NULL;
    e->n = e->cap = 0;
}

/* Collect mode: is this raw line something inih cannot parse? (mirrors inih's rules: a comment,
 * a blank line, [section] with its closing bracket, or a line holding '=' or ':') */
static int malformed(const char *s)
{
    s += strspn(s, " \t\r\n");
    if (!*s || *s == ';' || *s == '#') return 0;
    if (*s == '[') return strchr(s, ']') == NULL;
    return strpbrk(s, "=:") == NULL;
}

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
    int indented = 0;
    if (!continuation && (s[0] == ' ' || s[0] == '\t')) {
        const char *q = s + strspn(s, " \t");
        indented = *q && *q != ';' && *q != '#' && *q != '\n' && *q != '\r';
        if (indented && !c->indented_line) c->indented_line = c->line;
    }
    if (!continuation && s[strspn(s, " \t")] == '[') section_header_line = c->line;
    if (c->all && !continuation) {
        char msg[512];
        if (c->line_started) {
            snprintf(msg, sizeof msg, "%s:%d: line too long (at most %d characters)", c->path,
                     c->line, INI_MAX_LINE - 2);
            mn_ini_errors_add(c->all, c->line, msg);
        } else if (indented) {
            snprintf(msg, sizeof msg,
                     "%s:%d: indented line: remove the leading spaces (an indented line would "
                     "silently continue the previous value)",
                     c->path, c->line);
            mn_ini_errors_add(c->all, c->line, msg);
        } else if (malformed(s)) {
            snprintf(msg, sizeof msg,
                     "%s:%d: malformed line: expected '[section]', 'key = value' or a comment "
                     "starting with ';' or '#'",
                     c->path, c->line);
            mn_ini_errors_add(c->all, c->line, msg);
        }
    }
    return s;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *c = user;
    if (c->failed) return 1;
    if (c->all) { /* a line the reader already reported (too long, indented) is not an entry */
        for (int i = 0; i < c->all->n; i++)
            if (c->all->items[i].line == c->line) return 1;
    } else if (reader_problem(c, c->line + 1)) {
        return 0;
    }
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
        if (c->all) {
            int line = c->line, n = 0;
            /* an error about the section itself is reported at its [header] line */
            if (sscanf(c->err->msg, "%*[^:]:%d:%n", &line, &n) < 1 || n == 0) line = c->line;
            mn_ini_errors_add(c->all, line, c->err->msg);
            return 1;
        }
        c->failed = 1;
        c->fail_line = c->line;
        return 0;
    }
    return 1;
}

enum { PARSE_UNREADABLE = -2 };

/* Read `path` through mn_text_read (a directory, /dev/zero, a FIFO, a huge file or a NUL byte is
 * refused with a message instead of hanging or being misread) and run inih over its text.
 * Returns inih's result (0, the first line it refused, -1 on a read error), or PARSE_UNREADABLE
 * with err set when the file cannot be read at all. */
static int parse_text(parse_ctx *c, const char *path, char *text, size_t size, mn_error *err)
{
    int rc = 0;
    if (size > 0) {
        c->fp = fmemopen(text, size, "r");
        if (!c->fp) {
            mn_fail(err, "%s: cannot read the file: %s", path, strerror(errno));
            return PARSE_UNREADABLE;
        }
        section_header_line = 0;
        rc = ini_parse_stream(reader, c, handler, c);
        section_header_line = 0;
        if (ferror(c->fp)) rc = -1;
        fclose(c->fp);
    }
    return rc;
}

static int parse_file(parse_ctx *c, const char *path, mn_error *err)
{
    char *text = NULL;
    size_t size = 0;
    if (mn_text_read(path, &text, &size, err) != 0) return PARSE_UNREADABLE;
    int rc = parse_text(c, path, text, size, err);
    free(text);
    return rc;
}

/* The same text checks as mn_text_read (size, NUL bytes), then inih over a copy of the text. */
static int parse_memory(parse_ctx *c, const char *name, const char *text, size_t size,
                        mn_error *err)
{
    if (mn_text_check(name, text, size, err) != 0) return PARSE_UNREADABLE;
    char *copy = malloc(size + 1);
    if (!copy) {
        mn_fail(err, "%s: out of memory", name);
        return PARSE_UNREADABLE;
    }
    memcpy(copy, text, size);
    copy[size] = '\0';
    int rc = parse_text(c, name, copy, size, err);
    free(copy);
    return rc;
}

int mn_ini_parse_all(const char *path, mn_ini_entry_fn fn, void *user, mn_ini_errors *all)
{
    mn_error err = {{0}};
    parse_ctx c = {.path = path, .fn = fn, .user = user, .err = &err, .all = all};
    int n0 = all->n;
    int rc = parse_file(&c, path, &err);
    if (rc == PARSE_UNREADABLE) {
        mn_ini_errors_add(all, 0, err.msg);
        return all->n - n0;
    }
    if (rc < 0) {
        mn_fail(&err, "%s: cannot read the file", path);
        mn_ini_errors_add(all, 0, err.msg);
    } else if (rc > 0) { /* a line inih refused that the reader's rules did not catch */
        int seen = 0;
        for (int i = n0; i < all->n; i++)
            seen |= all->items[i].line == rc;
        if (!seen) {
            mn_fail(&err,
                    "%s:%d: malformed line: expected '[section]', 'key = value' or a comment "
                    "starting with ';' or '#'",
                    path, rc);
            mn_ini_errors_add(all, rc, err.msg);
        }
    }
    return all->n - n0;
}

static int parse_report(parse_ctx *c, int rc, const char *path, mn_error *err);

int mn_ini_parse(const char *path, mn_ini_entry_fn fn, void *user, mn_error *err)
{
    parse_ctx c = {.path = path, .fn = fn, .user = user, .err = err};
    return parse_report(&c, parse_file(&c, path, err), path, err);
}

int mn_ini_parse_text(const char *name, const char *text, size_t size, mn_ini_entry_fn fn,
                      void *user, mn_error *err)
{
    parse_ctx c = {.path = name, .fn = fn, .user = user, .err = err};
    return parse_report(&c, parse_memory(&c, name, text, size, err), name, err);
}

/* mn_ini_parse's verdict from inih's result. */
static int parse_report(parse_ctx *c, int rc, const char *path, mn_error *err)
{
    if (rc == PARSE_UNREADABLE) return -1;
    /* Report the earliest problem: inih's rc is the first line it could not parse (or the
     * first line whose entry we rejected). */
    if (rc > 0 && (!c->failed || rc < c->fail_line) && !reader_problem(c, rc + 1))
        return mn_fail(err,
                       "%s:%d: malformed line: expected '[section]', 'key = value' or a "
                       "comment starting with ';' or '#'",
                       path, rc);
    if (c->failed) return -1;
    if (reader_problem(c, c->newlines_seen + 2)) return -1;
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
        int header = mn_ini_section_line(); /* the [header] line while a file is parsed */
        if (header > 0 && header <= line) line = header;
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

int mn_ini_load_params_text(const char *name, const char *text, size_t size, double *p,
                            mn_error *err)
{
    load_ctx c = {.p = p};
    memset(c.seen, 0, sizeof c.seen);
    return mn_ini_parse_text(name, text, size, load_entry, &c, err);
}

int mn_ini_load_params_all(const char *path, double *p, mn_ini_errors *all)
{
    load_ctx c = {.p = p};
    memset(c.seen, 0, sizeof c.seen);
    return mn_ini_parse_all(path, load_entry, &c, all);
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
