/* plot_fit.c — figures of a fit file (`mnsim plot F.h5`): for each fitted series (a state or
 * observable of one group) the data with their error bars (+-1 sd), the model at the estimate
 * and its pointwise 95 % band (delta method), drawn by scripts/fit_curve.gp; and the weighted
 * residuals of every row against the day, drawn by scripts/fit_residuals.gp. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "h5util.h"
#include "metrics.h"
#include "model.h"
#include "plot.h"

/* Unit of a state, observable or metric by name ("" if unknown). */
static const char *unit_of(const char *name)
{
    for (int k = 0; k < O_COUNT; k++)
        if (strcmp(mn_observables[k].name, name) == 0) return mn_observables[k].unit;
    for (int k = 0; k < S_COUNT; k++)
        if (strcmp(mn_states[k].name, name) == 0) return mn_states[k].unit;
    for (int k = 0; k < M_COUNT; k++)
        if (strcmp(mn_metric_table[k].name, name) == 0) return mn_metric_table[k].unit;
    return "";
}

/* "a b" -> "a b" with underscores as spaces (enhanced text would make them subscripts). */
static void spaces(const char *in, char *out, size_t size)
{
    snprintf(out, size, "%s", in);
    for (char *s = out; *s; s++)
        if (*s == '_') *s = ' ';
}

/* "name [unit]" with the unit left out when dimensionless. */
static void label(const char *name, char *out, size_t size)
{
    char n[256];
    spaces(name, n, sizeof n);
    const char *u = unit_of(name);
    if (!u[0]) /* dimensionless ones as "[1]", like every other figure's axes */
        snprintf(out, size, "%s", n);
    else
        snprintf(out, size, "%s [%s]", n, u);
}

/* The estimates as "key = value ± se" lines joined by '|' (the script prints one per line). */
static void estimates_text(long f, size_t np, char *out, size_t size)
{
    out[0] = '\0';
    size_t n = 0;
    char **par = mn_h5_read_strings(f, "parameter", &n);
    double *x = malloc((n ? n : 1) * sizeof *x), *se = malloc((n ? n : 1) * sizeof *se);
    if (par && x && se && n == np && mn_plot_read_doubles(f, "estimate", x) == 0 &&
        mn_plot_read_doubles(f, "std_error", se) == 0)
        for (size_t k = 0; k < n; k++) {
            size_t len = strlen(out);
            snprintf(out + len, size - len, "%s%s = %.4g ± %.2g", k ? "|" : "", par[k], x[k],
                     se[k]);
        }
    free(x);
    free(se);
    mn_h5_free_strings(par, n);
}

static int announce(int quiet, const char *out)
{
    if (!quiet) printf("wrote %s\n", out);
    return 0;
}

int mn_plot_fit(mn_plotter *pl, long f, const char *path, const char *outdir, int quiet,
                mn_error *err)
{
    size_t n = 0, ng = 0, nc = 0, ncg = 0, np = 0, nt = 0;
    char **name = mn_h5_read_strings(f, "obs_name", &n);
    char **group = mn_h5_read_strings(f, "obs_group", &ng);
    char **cname = mn_h5_read_strings(f, "curve_name", &nc);
    char **cgroup = mn_h5_read_strings(f, "curve_group", &ncg);
    char **par = mn_h5_read_strings(f, "parameter", &np);
    double chi2 = NAN, dof = NAN;
    mn_export_attr_double(f, "/", "chi2", &chi2);
    mn_export_attr_double(f, "/", "dof", &dof);
    mn_table tday = {0};
    const char *dayname[] = {"curve_day"};
    int rc = 0, incomplete = !name || !group || ng != n || n == 0 || !par;
    if (incomplete)
        rc = mn_fail(err, "%s: no observations (obs_name, obs_group): not a complete fit file",
                     path);
    if (rc == 0 && nc > 0 && mn_export_load(f, "/", dayname, 1, &tday, err) == 0) nt = tday.dims[0];
    double *day = malloc(n * sizeof *day + 1), *value = malloc(n * sizeof *value + 1);
    double *sd = malloc(n * sizeof *sd + 1), *res = malloc(n * sizeof *res + 1);
    double *cv = malloc(nc * nt * sizeof *cv + 1), *csd = malloc(nc * nt * sizeof *csd + 1);
    double *col[4] = {malloc(n * sizeof(double) + 1), malloc(n * sizeof(double) + 1),
                      malloc((n > nt ? n : nt) * sizeof(double) + 1),
                      malloc(nt * sizeof(double) + 1)};
    if (rc == 0 &&
        (!day || !value || !sd || !res || !cv || !csd || !col[0] || !col[1] || !col[2] || !col[3]))
        rc = mn_fail(err, "out of memory");
    if (rc == 0 &&
        (mn_plot_read_doubles(f, "obs_day", day) || mn_plot_read_doubles(f, "obs_value", value) ||
         mn_plot_read_doubles(f, "obs_sd", sd) || mn_plot_read_doubles(f, "residual", res)))
        rc = mn_fail(err, "%s: cannot read obs_day, obs_value, obs_sd or residual", path);
    if (rc == 0 && nc > 0 &&
        (ncg != nc || nt == 0 || mn_plot_read_doubles(f, "curve_value", cv) ||
         mn_plot_read_doubles(f, "curve_sd", csd)))
        rc = mn_fail(err, "%s: cannot read the model curves (curve_value, curve_sd)", path);
    char est[4096];
    if (rc == 0) estimates_text(f, np, est, sizeof est);
    char stat[200] = "";
    if (isfinite(chi2) && isfinite(dof))
        snprintf(stat, sizeof stat, "χ² = %.3g on %.0f degree%s of freedom", chi2, dof,
                 dof == 1 ? "" : "s");
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

    /* one figure per fitted series: its rows, the curve and the band */
    for (size_t c = 0; c < nc && rc == 0; c++) {
        mn_table obs = {0}, cur = {0};
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(name[i], cname[c]) == 0 && strcmp(group[i], cgroup[c]) == 0) {
                col[0][m] = day[i];
                col[1][m] = value[i];
                col[2][m++] = sd[i];
            }
        const char *u = unit_of(cname[c]);
        char data[1200], curve[1200], vars[16384] = "", out[4200], title[800], ylabel[400];
        rc = mn_table_set_axis(&obs, 0, "day", "day", "day of the observation", m, col[0], err);
        if (rc == 0 && (mn_table_add(&obs, "value", u, "observed", col[1], err) < 0 ||
                        mn_table_add(&obs, "sd", u, "standard deviation", col[2], err) < 0))
            rc = -1;
        const double *v = cv + c * nt, *s = csd + c * nt;
        for (size_t j = 0; j < nt; j++) {
            col[2][j] = v[j] - 1.96 * s[j];
            col[3][j] = v[j] + 1.96 * s[j];
        }
        if (rc == 0)
            rc = mn_table_set_axis(&cur, 0, "day", "day", "day of the course", nt, tday.axes[0].v,
                                   err);
        if (rc == 0 && (mn_table_add(&cur, "model", u, "model at the estimate", v, err) < 0 ||
                        mn_table_add(&cur, "lo", u, "2.5 % (delta method)", col[2], err) < 0 ||
                        mn_table_add(&cur, "hi", u, "97.5 % (delta method)", col[3], err) < 0))
            rc = -1;
        if (rc == 0) rc = mn_plot_data(pl, &obs, NULL, data, sizeof data, err);
        if (rc == 0) rc = mn_plot_data(pl, &cur, NULL, curve, sizeof curve, err);
        mn_table_free(&obs);
        mn_table_free(&cur);
        if (rc) break;
        char sname[256];
        spaces(cname[c], sname, sizeof sname);
        snprintf(title, sizeof title, "Fit of %s%s%s (%s)", sname, cgroup[c][0] ? ", group " : "",
                 cgroup[c], base);
        label(cname[c], ylabel, sizeof ylabel);
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "curve", curve);
        mn_gp_str(vars, sizeof vars, "title", title);
        mn_gp_str(vars, sizeof vars, "ylabel", ylabel);
        mn_gp_str(vars, sizeof vars, "estimates", est);
        mn_gp_str(vars, sizeof vars, "stat", stat);
        snprintf(out, sizeof out, "%s/fit_%s%s%s.%s", outdir, cname[c], cgroup[c][0] ? "_" : "",
                 cgroup[c], pl->ext);
        rc = mn_plot_run(pl, "fit_curve.gp", vars, out, err);
        if (rc == 0) announce(quiet, out);
    }

    /* the weighted residuals of every row, one colour per quantity */
    if (rc == 0) {
        char data[1200], vars[16384] = "", out[4200], title[800], titles[4096] = "";
        enum { MAXQ = 64 };
        const char *qn[MAXQ];
        int nq = 0;
        /* column "quantity": 1-based index of the row's quantity (beyond MAXQ quantities the
         * rest share the last colour) */
        for (size_t i = 0; i < n; i++) {
            int k = 0;
            while (k < nq && strcmp(qn[k], name[i]) != 0)
                k++;
            if (k == nq && nq < MAXQ) {
                qn[nq++] = name[i];
                char sname[256];
                spaces(name[i], sname, sizeof sname);
                snprintf(titles + strlen(titles), sizeof titles - strlen(titles), "%s%s",
                         k ? "|" : "", sname);
            }
            col[0][i] = day[i];
            col[1][i] = res[i];
            col[2][i] = k < nq ? k + 1 : nq;
        }
        mn_table t = {0};
        rc = mn_table_set_axis(&t, 0, "day", "day", "day of the observation", n, col[0], err);
        if (rc == 0 &&
            (mn_table_add(&t, "residual", "1", "(model - value) / sd", col[1], err) < 0 ||
             mn_table_add(&t, "quantity", "1", "index of the quantity", col[2], err) < 0))
            rc = -1;
        if (rc == 0) rc = mn_plot_data(pl, &t, NULL, data, sizeof data, err);
        mn_table_free(&t);
        if (rc == 0) {
            snprintf(title, sizeof title, "Weighted residuals (%s)", base);
            mn_gp_str(vars, sizeof vars, "data", data);
            mn_gp_str(vars, sizeof vars, "title", title);
            mn_gp_num(vars, sizeof vars, "nq", nq);
            mn_gp_str(vars, sizeof vars, "titles", titles);
            mn_gp_str(vars, sizeof vars, "stat", stat);
            snprintf(out, sizeof out, "%s/fit_residuals.%s", outdir, pl->ext);
            rc = mn_plot_run(pl, "fit_residuals.gp", vars, out, err);
            if (rc == 0) announce(quiet, out);
        }
    }
    mn_table_free(&tday);
    for (int j = 0; j < 4; j++)
        free(col[j]);
    free(day), free(value), free(sd), free(res), free(cv), free(csd);
    mn_h5_free_strings(name, n);
    mn_h5_free_strings(group, ng);
    mn_h5_free_strings(cname, nc);
    mn_h5_free_strings(cgroup, ncg);
    mn_h5_free_strings(par, np);
    return rc == 0 ? 0 : incomplete ? MN_EXIT_INPUT : MN_EXIT_RUNTIME;
}
