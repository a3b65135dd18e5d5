/* plot_sensitivity.c — figures of a sensitivity file (`mnsim plot S.h5`): one bar chart per
 * metric, Sobol' S1 and ST (or Morris mu* and sigma) per parameter with bootstrap intervals,
 * drawn by scripts/sensitivity_bars.gp from a temporary table. */
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "h5util.h"
#include "metrics.h"
#include "plot.h"

int mn_plot_read_doubles(long file, const char *name, double *buf)
{
    hid_t d = H5Dopen2((hid_t)file, name, H5P_DEFAULT);
    if (d < 0) return -1;
    int rc = H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0 ? -1 : 0;
    H5Dclose(d);
    return rc;
}

int mn_plot_sensitivity(mn_plotter *pl, long file, const char *path, const char *outdir, int quiet,
                        mn_error *err)
{
    hid_t f = (hid_t)file;
    char method[64] = "";
    mn_h5_read_attr_str(f, "sensitivity_method", method, sizeof method);
    int morris = strcmp(method, "morris") == 0;
    size_t nm = 0, np = 0;
    char **metrics = mn_h5_read_strings(f, "metric", &nm),
         **params = mn_h5_read_strings(f, "parameter", &np);
    if (!metrics || !params || nm == 0 || np == 0) {
        mn_h5_free_strings(metrics, nm);
        mn_h5_free_strings(params, np);
        mn_fail(err, "%s: no metric/parameter dimensions (not a finished sensitivity file?)", path);
        return MN_EXIT_INPUT;
    }
    /* series 1 and 2 with their intervals: 6 arrays of nm x np */
    const char *src[6] = {"S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"};
    const char *morris_src[6] = {"mu_star", "mu_star_lo", "mu_star_hi", "sigma", "sigma", "sigma"};
    const char *cols[6] = {"S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"};
    const char *mcols[6] = {"mu_star", "mu_star_lo", "mu_star_hi", "sigma", "sigma_lo", "sigma_hi"};
    double *v[6] = {NULL};
    int rc = 0;
    for (int j = 0; j < 6 && rc == 0; j++) {
        v[j] = malloc(nm * np * sizeof *v[j]);
        if (!v[j] || mn_plot_read_doubles(f, morris ? morris_src[j] : src[j], v[j]) != 0)
            rc = mn_fail(err, "%s: cannot read %s", path, morris ? morris_src[j] : src[j]);
    }
    /* label each bar with the parameter's full name (`section.key`, the long_name of its
     * variable) so that keys shared by two sections stay apart */
    char labels[8192] = "";
    for (size_t k = 0; k < np; k++) {
        char full[256] = "";
        if (H5Lexists(f, params[k], H5P_DEFAULT) > 0) {
            hid_t d = H5Dopen2(f, params[k], H5P_DEFAULT);
            if (d >= 0) {
                mn_h5_read_attr_str(d, "long_name", full, sizeof full);
                H5Dclose(d);
            }
        }
        const char *name = strchr(full, '.') && !strchr(full, ' ') ? full : params[k];
        snprintf(labels + strlen(labels), sizeof labels - strlen(labels), "%s%s", k ? " " : "",
                 name);
    }
    double *idx = malloc(np * sizeof *idx), *col = malloc(np * sizeof *col);
    if (rc == 0 && (!idx || !col)) rc = mn_fail(err, "out of memory");
    for (size_t k = 0; k < np && idx; k++)
        idx[k] = (double)k;
    for (size_t q = 0; q < nm && rc == 0; q++) {
        mn_table t = {0};
        rc = mn_table_set_axis(&t, 0, "index", "1", "parameter index", np, idx, err);
        for (int j = 0; j < 6 && rc == 0; j++) {
            memcpy(col, v[j] + q * np, np * sizeof *col);
            if (mn_table_add(&t, morris ? mcols[j] : cols[j], "1", NULL, col, err) < 0) rc = -1;
        }
        char data[1200], vars[16384] = "", out[4200], title[600];
        if (rc == 0) rc = mn_plot_data(pl, &t, NULL, data, sizeof data, err);
        mn_table_free(&t);
        if (rc) break;
        const char *what = mn_metric_description(metrics[q]);
        snprintf(title, sizeof title, "%s of %s%s%s",
                 morris ? "Morris screening" : "Sobol' indices", metrics[q], what ? ": " : "",
                 what ? what : "");
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "labels", labels);
        mn_gp_str(vars, sizeof vars, "title", title);
        if (morris) {
            mn_gp_str(vars, sizeof vars, "y1", "mu_star");
            mn_gp_str(vars, sizeof vars, "y2", "sigma");
            mn_gp_str(vars, sizeof vars, "t1", "mu* (mean |elementary effect|)");
            mn_gp_str(vars, sizeof vars, "t2", "sigma (interaction / non-linearity)");
            mn_gp_str(vars, sizeof vars, "ylabel", "effect per unit of the scaled range");
        }
        snprintf(out, sizeof out, "%s/%s_%s.%s", outdir, morris ? "morris" : "sobol", metrics[q],
                 pl->ext);
        rc = mn_plot_run(pl, "sensitivity_bars.gp", vars, out, err);
        if (rc == 0 && !quiet) printf("wrote %s\n", out);
    }
    for (int j = 0; j < 6; j++)
        free(v[j]);
    free(idx);
    free(col);
    mn_h5_free_strings(metrics, nm);
    mn_h5_free_strings(params, np);
    return rc ? MN_EXIT_RUNTIME : 0;
}
