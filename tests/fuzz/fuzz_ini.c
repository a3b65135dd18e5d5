/* fuzz_ini.c — libFuzzer target for the input parsers: the bytes are read as a run INI
 * (mn_ini_load_params_text, then mn_params_validate), as a run INI in check's collect mode
 * (mn_ini_load_params_all), as a sweep specification (mn_sweep_load) and, line by line, as --set
 * assignments (mn_param_set_arg, the first two lines). Besides crashes and sanitizer reports, it
 * checks two properties: every refusal says why (a non-empty message), and the values of an
 * accepted INI, written back as mn_params_write_ini writes them, read back the same, bit for bit.
 * Built with clang by -DMNSIM_FUZZ=ON (tests/fuzz/CMakeLists.txt); tests/fuzz/replay.c runs the
 * corpus through the same function in the normal build. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inifile.h"
#include "params.h"
#include "schedule.h"
#include "sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond, what)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_ini: property violated: %s\n", what);                            \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The bytes as a file (the sweep loader and check's collect mode read files): DIR/sub/spec.ini
 * in a directory made once under /dev/shm (memory; TMPDIR or /tmp if absent), rewritten for each
 * input, beside the base INI files the seed corpus names (base_120.ini, base_182.ini,
 * ../default.ini), so that sweep inputs get past their `base` line. */
static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void remove_dir(void);
static char dir[4096], spec[4200];

static const char *as_file(const uint8_t *data, size_t size)
{
    static int fd = -1;
    if (fd < 0) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/fuzz_ini_XXXXXX",
                 access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                 : tmp && *tmp                 ? tmp
                                               : "/tmp");
        if (!mkdtemp(dir)) return NULL;
        atexit(remove_dir);
        char path[4200];
        snprintf(path, sizeof path, "%s/default.ini", dir);
        put(path, "[patient]\nage_years = 40\n");
        snprintf(path, sizeof path, "%s/sub", dir);
        if (mkdir(path, 0700) != 0) return NULL;
        snprintf(path, sizeof path, "%s/sub/base_120.ini", dir);
        put(path, "[schedule]\ncourse_days = 120\n");
        snprintf(path, sizeof path, "%s/sub/base_182.ini", dir);
        put(path, "[schedule]\ncourse_days = 182\nsessions = 3\n");
        snprintf(spec, sizeof spec, "%s/sub/spec.ini", dir);
        fd = open(spec, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) return NULL;
    }
    if (ftruncate(fd, 0) != 0) return NULL;
    size_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(fd, data + done, size - done, (off_t)done);
        if (n <= 0) return NULL;
        done += (size_t)n;
    }
    return spec;
}

static void remove_dir(void)
{
    const char *names[] = {"sub/spec.ini", "sub/base_120.ini", "sub/base_182.ini",
                           "sub",          "default.ini",      ""};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        char path[4300];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        remove(path);
    }
}

static void run_ini(const uint8_t *data, size_t size)
{
    double *p = malloc(P_COUNT * sizeof *p), *q = malloc(P_COUNT * sizeof *q);
    mn_error err = {{0}};
    mn_params_default(p);
    if (mn_ini_load_params_text("fuzz.ini", (const char *)data, size, p, &err) != 0) {
        REQUIRE(err.msg[0] != '\0', "a refused INI has an error message");
    } else if (mn_params_validate(p, &err) != 0) {
        REQUIRE(err.msg[0] != '\0', "a refused parameter set has an error message");
    } else {
        /* round trip: the values that differ from the defaults, written as an INI the way
         * mn_params_write_ini writes them (mn_param_format), read back identical (only those,
         * so that a run costs microseconds, not a whole-registry parse) */
        char *text = NULL, value[64];
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        REQUIRE(mem != NULL, "open_memstream");
        mn_params_default(q);
        for (int i = 0; i < P_COUNT; i++)
            if (memcmp(&p[i], &q[i], sizeof p[i]) != 0) {
                mn_param_format(i, p[i], value, sizeof value);
                fprintf(mem, "[%s]\n%s = %s\n", mn_params[i].section, mn_params[i].key, value);
            }
        fclose(mem);
        mn_params_default(q);
        mn_error err2 = {{0}};
        if (mn_ini_load_params_text("written.ini", text, len, q, &err2) != 0) {
            fprintf(stderr, "fuzz_ini: written INI refused: %s\n", err2.msg);
            REQUIRE(0, "an accepted INI, written back, is accepted");
        }
        for (int i = 0; i < P_COUNT; i++)
            if (memcmp(&p[i], &q[i], sizeof p[i]) != 0) {
                fprintf(stderr, "fuzz_ini: %s.%s: %.17g read back as %.17g\n", mn_params[i].section,
                        mn_params[i].key, p[i], q[i]);
                REQUIRE(0, "an accepted INI, written back, reads back to the same values");
            }
        free(text);
    }
    free(p);
    free(q);
}

static void run_set_lines(const uint8_t *data, size_t size)
{
    double *p = malloc(P_COUNT * sizeof *p);
    mn_params_default(p);
    char line[1024];
    size_t at = 0;
    for (int k = 0; k < 2 && at < size; k++) { /* the first two lines */
        size_t n = 0;
        while (at < size && data[at] != '\n' && n + 1 < sizeof line)
            line[n++] = (char)data[at++];
        while (at < size && data[at] != '\n') /* rest of an over-long line */
            at++;
        at++;
        line[n] = '\0';
        if (memchr(line, '\0', n)) continue; /* argv strings hold no NUL */
        mn_error err = {{0}};
        if (mn_param_set_arg(p, line, &err) != 0)
            REQUIRE(err.msg[0] != '\0', "a refused --set has an error message");
    }
    free(p);
}

static void run_files(const uint8_t *data, size_t size)
{
    const char *path = as_file(data, size);
    if (!path) return;
    mn_sweep *s = calloc(1, sizeof *s);
    mn_error err = {{0}};
    if (mn_sweep_load(path, s, &err) != 0) {
        REQUIRE(err.msg[0] != '\0', "a refused sweep file has an error message");
    } else {
        REQUIRE(s->n_axes > 0 && s->n_points > 0, "an accepted sweep has axes and points");
        for (int a = 0; a < s->n_axes; a++)
            if (s->design == MN_DESIGN_GRID)
                REQUIRE(s->axes[a].n_values > 0, "every grid axis has values");
    }
    mn_sweep_free(s);
    free(s);

    double *p = malloc(P_COUNT * sizeof *p);
    mn_params_default(p);
    mn_ini_errors all = {0};
    int n = mn_ini_load_params_all(path, p, &all);
    REQUIRE(n == all.n, "collect mode counts what it collects");
    for (int i = 0; i < all.n; i++)
        REQUIRE(all.items[i].msg[0] != '\0', "every collected problem has a message");
    mn_ini_errors_free(&all);
    free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run_ini(data, size);
    run_set_lines(data, size);
    run_files(data, size);
    return 0;
}
