/* cli_params.c — `mnsim params`: every parameter with its unit, default, bounds, description and
 * source, as a table, a default INI file, or the Markdown table of docs/MODEL.md. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "params.h"

static int selected(int id, int argc, char **argv, int first)
{
    if (first >= argc) return 1;
    char name[160];
    mn_param_name(id, name, sizeof name);
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], mn_params[id].section) == 0 || strcmp(argv[i], name) == 0) return 1;
    return 0;
}

static void bounds(int id, char *buf, size_t size)
{
    const mn_param_info *pi = &mn_params[id];
    if (pi->kind == MN_ENUM)
        snprintf(buf, size, "%s", pi->choices);
    else if (pi->kind == MN_BOOL)
        snprintf(buf, size, "0|1");
    else {
        char lo[32], hi[32];
        mn_format_double(pi->min, lo, sizeof lo);
        mn_format_double(pi->max, hi, sizeof hi);
        snprintf(buf, size, "[%s, %s]", lo, hi);
    }
}

/* Print text as "; " comment lines of at most ~96 characters (INI lines must stay short). */
static void print_comment(FILE *out, const char *text)
{
    const char *s = text;
    while (*s) {
        size_t n = strlen(s);
        if (n > 94) {
            n = 94;
            while (n > 40 && s[n] != ' ')
                n--;
        }
        fprintf(out, "; %.*s\n", (int)n, s);
        s += n;
        while (*s == ' ')
            s++;
    }
}

int mn_cmd_params(int argc, char **argv)
{
    int mode = 0, first = 1, quiet = 0; /* mode 0 table, 1 ini, 2 markdown */
    const char *output = NULL;
    double p[P_COUNT];
    mn_params_default(p);
    mn_error err = {{0}};
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *a = argv[first];
        int has_value = first + 1 < argc;
        if (strcmp(a, "--ini") == 0)
            mode = 1;
        else if (strcmp(a, "--markdown") == 0)
            mode = 2;
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            quiet = 1; /* with -o: no "wrote" line */
        else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && has_value)
            output = argv[++first];
        else if ((strcmp(a, "-s") == 0 || strcmp(a, "--set") == 0) && has_value) {
            if (mn_param_set_arg(p, argv[++first], &err) != 0) return mn_input_error(&err);
        } else
            return mn_usage_error("params", "unknown option or missing value: '%s'", a);
    }
    for (int i = first; i < argc; i++) {
        int match = 0;
        char name[160];
        for (int id = 0; id < P_COUNT; id++)
            if (strcmp(argv[i], mn_params[id].section) == 0 ||
                strcmp(argv[i], mn_param_name(id, name, sizeof name)) == 0)
                match = 1;
        if (!match) return mn_usage_error("params", "no section or parameter named '%s'", argv[i]);
    }
    FILE *out = stdout;
    mn_outfile o; /* OUT.partial, renamed when complete */
    int existed = output && mn_output_exists(output);
    if (output) {
        int rc = mn_check_output("params", output, 0, NULL, 0);
        if (rc) return rc;
        if (!(out = mn_outfile_open(&o, output, "w"))) {
            mn_outfile_close(&o, &err);
            return mn_runtime_error(&err);
        }
    }
    const char *section = "";
    if (mode == 2)
        fprintf(out, "| parameter | unit | default | bounds | description | source |\n"
                     "|---|---|---|---|---|---|\n");
    for (int id = 0; id < P_COUNT; id++) {
        if (!selected(id, argc, argv, first)) continue;
        const mn_param_info *pi = &mn_params[id];
        char name[160], def[64], b[128];
        mn_param_name(id, name, sizeof name);
        mn_param_format(id, p[id], def, sizeof def);
        bounds(id, b, sizeof b);
        if (mode == 1) {
            if (strcmp(section, pi->section) != 0) {
                fprintf(out, "%s[%s]\n", *section ? "\n" : "", pi->section);
                section = pi->section;
            }
            char text[1024];
            snprintf(text, sizeof text, "%s [%s] %s. Source: %s", pi->description, pi->unit, b,
                     pi->source);
            print_comment(out, text);
            fprintf(out, "%s = %s\n", pi->key, def);
        } else if (mode == 2) {
            fprintf(out, "| `%s` | %s | %s | %s | %s | %s |\n", name, pi->unit, def, b,
                    pi->description, pi->source);
        } else {
            fprintf(out, "%-44s %-8s %s %-10s %s\n    %s\n    source: %s\n", name, pi->unit,
                    p[id] == pi->def ? "default" : "value  ", def, b, pi->description, pi->source);
        }
    }
    if (output && mn_outfile_close(&o, &err) != 0) return mn_runtime_error(&err);
    if (output && !quiet) mn_say_wrote(stdout, output, existed);
    return 0;
}
