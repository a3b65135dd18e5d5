/* cli_params.c — `mnsim params`: every parameter with its unit, default, bounds, description and
 * source, as a table, a default INI file, or the Markdown table of docs/MODEL.md. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
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
    else
        snprintf(buf, size, "[%g, %g]", pi->min, pi->max);
}

/* Print text as "; " comment lines of at most ~96 characters (INI lines must stay short). */
static void print_comment(const char *text)
{
    const char *s = text;
    while (*s) {
        size_t n = strlen(s);
        if (n > 94) {
            n = 94;
            while (n > 40 && s[n] != ' ')
                n--;
        }
        printf("; %.*s\n", (int)n, s);
        s += n;
        while (*s == ' ')
            s++;
    }
}

int mn_cmd_params(int argc, char **argv)
{
    int mode = 0, first = 1; /* 0 table, 1 ini, 2 markdown */
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "--ini") == 0)
            mode = 1;
        else if (strcmp(argv[first], "--markdown") == 0)
            mode = 2;
        else
            return mn_usage_error("params", "unknown option '%s'", argv[first]);
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
    const char *section = "";
    if (mode == 2)
        printf("| parameter | unit | default | bounds | description | source |\n"
               "|---|---|---|---|---|---|\n");
    for (int id = 0; id < P_COUNT; id++) {
        if (!selected(id, argc, argv, first)) continue;
        const mn_param_info *pi = &mn_params[id];
        char name[160], def[64], b[128];
        mn_param_name(id, name, sizeof name);
        mn_param_format(id, pi->def, def, sizeof def);
        bounds(id, b, sizeof b);
        if (mode == 1) {
            if (strcmp(section, pi->section) != 0) {
                printf("%s[%s]\n", *section ? "\n" : "", pi->section);
                section = pi->section;
            }
            char text[1024];
            snprintf(text, sizeof text, "%s [%s] %s. Source: %s", pi->description, pi->unit, b,
                     pi->source);
            print_comment(text);
            printf("%s = %s\n", pi->key, def);
        } else if (mode == 2) {
            printf("| `%s` | %s | %s | %s | %s | %s |\n", name, pi->unit, def, b, pi->description,
                   pi->source);
        } else {
            printf("%-44s %-8s default %-10s %s\n    %s\n    source: %s\n", name, pi->unit, def, b,
                   pi->description, pi->source);
        }
    }
    return 0;
}
