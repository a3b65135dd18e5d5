/* gallery.c — `mnsim gallery`: example scenarios simulated directly with the runner (no files)
 * and rendered with the gnuplot scripts, plus DIR/index.md and DIR/index.html with a title and a
 * caption per figure. Captions quote numbers computed from the runs, never fixed values, so the
 * gallery follows the model's calibration. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gallery.h"
#include "outfile.h"
#include "params.h"
#include "plot.h"
#include "runfile.h"
#include "runner.h"
#include "schedule.h"

typedef struct {
    mn_plotter *pl;
    mn_runner *w;
    char extra[1024]; /* computed part of the caption */
    mn_error err;
} gctx;

typedef int (*fig_fn)(gctx *g, const char *out);

/* ---------------------------------------------------------------- helpers */

/* Simulate p recording every step days. */
static int simulate(gctx *g, const double *p, double step, mn_trace *tr, mn_result *res)
{
    *tr = (mn_trace){0};
    mn_observer ob = mn_trace_observer(tr, step);
    if (mn_run_course(g->w, p, step > 0 ? &ob : NULL, res) != 0 || tr->oom) {
        mn_trace_free(tr);
        return mn_fail(&g->err, "gallery scenario failed: %s",
                       tr->oom ? "out of memory" : res->message);
    }
    return 0;
}

/* One metric of a course, NaN if the course is invalid or fails. */
static double metric_of(gctx *g, const double *p, int m)
{
    mn_result res;
    if (mn_run_course(g->w, p, NULL, &res) != 0) return NAN;
    return res.metrics[m];
}

static void session_list(const mn_trace *tr, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < tr->n_events && len + 32 < size; i++)
        if (tr->events[i].kind == EV_SESSION)
            len += (size_t)snprintf(buf + len, size - len, "%s%.10g", len ? " " : "",
                                    tr->events[i].day);
}

/* A table on the time axis of the traces (scaled by xscale, e.g. 24 for hours) with column k
 * = state or observable idx of trace k. */
static int trace_table(mn_table *t, const mn_trace *tr, int n, const char *const *names, int is_obs,
                       int idx, const char *xname, const char *xunit, double xscale, mn_error *err)
{
    size_t rows = tr[0].n;
    for (int k = 1; k < n; k++)
        if (tr[k].n < rows) rows = tr[k].n;
    double *v = malloc((rows ? rows : 1) * sizeof *v);
    if (!v) return mn_fail(err, "out of memory");
    for (size_t i = 0; i < rows; i++)
        v[i] = tr[0].t[i] * xscale;
    int rc = mn_table_set_axis(t, 0, xname, xunit, xname, rows, v, err);
    for (int k = 0; rc == 0 && k < n; k++) {
        for (size_t i = 0; i < rows; i++)
            v[i] =
                is_obs ? tr[k].obs[i * O_COUNT + (size_t)idx] : tr[k].y[i * S_COUNT + (size_t)idx];
        if (mn_table_add(t, names[k], is_obs ? mn_observables[idx].unit : mn_states[idx].unit,
                         names[k], v, err) < 0)
            rc = -1;
    }
    free(v);
    return rc;
}

static void course(double *p, double days, double sessions, double first_day)
{
    mn_params_default(p);
    p[P_schedule_course_days] = days;
    p[P_schedule_sessions] = sessions;
    p[P_schedule_first_day] = first_day;
}

static int render_lines(gctx *g, const mn_table *t, const char *vars_in, const char *out)
{
    char data[1200], vars[16384];
    if (mn_plot_data(g->pl, t, NULL, data, sizeof data, &g->err) != 0) return -1;
    vars[0] = '\0';
    mn_gp_str(vars, sizeof vars, "data", data);
    snprintf(vars + strlen(vars), sizeof vars - strlen(vars), "%s", vars_in);
    return mn_plot_run(g->pl, "lines.gp", vars, out, &g->err);
}

/* ---------------------------------------------------------------- figures */

static int fig_redness_peels(gctx *g, const char *out)
{
    static const char *const names[] = {"microneedling", "superficial", "medium", "deep"};
    mn_trace tr[4] = {{0}};
    mn_result res;
    double p[P_COUNT], gone[4];
    int rc = 0;
    for (int k = 0; k < 4 && rc == 0; k++) {
        course(p, 21, 1, 0);
        if (k > 0) {
            p[P_procedure_microneedling] = 0;
            p[P_procedure_peel] = k; /* PEEL_SUPERFICIAL, PEEL_MEDIUM, PEEL_DEEP */
        }
        rc = simulate(g, p, 0.05, &tr[k], &res);
        gone[k] = res.metrics[M_redness_gone_day];
    }
    mn_table t = {0};
    if (rc == 0) rc = trace_table(&t, tr, 4, names, 1, O_redness, "time", "day", 1, &g->err);
    if (rc == 0) {
        char vars[4096] = "";
        mn_gp_str(vars, sizeof vars, "x", "time");
        mn_gp_str(vars, sizeof vars, "ycols", "microneedling superficial medium deep");
        mn_gp_str(vars, sizeof vars, "titles",
                  "microneedling|superficial peel|medium peel|deep peel");
        mn_gp_num(vars, sizeof vars, "threshold", p[P_inflammation_visible_threshold]);
        mn_gp_str(vars, sizeof vars, "threshold_title", "visible above");
        mn_gp_str(vars, sizeof vars, "title",
                  "Redness after one microneedling session vs chemical peels");
        mn_gp_str(vars, sizeof vars, "xlabel", "days after the procedure");
        mn_gp_str(vars, sizeof vars, "ylabel", "erythema index [1]");
        mn_gp_str(vars, sizeof vars, "xrange", "[0:21]");
        mn_gp_str(vars, sizeof vars, "yrange", "[0:*]");
        rc = render_lines(g, &t, vars, out);
        /* a peel still red at the end of the 21-day window is reported as "more than 21" */
        char d[4][32];
        for (int k = 0; k < 4; k++)
            snprintf(d[k], sizeof d[k], gone[k] >= 21.0 - 1e-6 ? "more than %.0f" : "%.1f",
                     gone[k] >= 21.0 - 1e-6 ? 21.0 : gone[k]);
        snprintf(g->extra, sizeof g->extra,
                 "Redness is visible for %s days after microneedling and %s / %s / %s days "
                 "after a superficial / medium / deep peel.",
                 d[0], d[1], d[2], d[3]);
    }
    mn_table_free(&t);
    for (int k = 0; k < 4; k++)
        mn_trace_free(&tr[k]);
    return rc;
}

static int fig_synthesis_age(gctx *g, const char *out)
{
    static const double ages[] = {25, 45, 65};
    static const char *const names[] = {"age25", "age45", "age65"};
    mn_trace tr[3] = {{0}};
    mn_result res;
    double p[P_COUNT], base[3], peak[3];
    int rc = 0;
    for (int k = 0; k < 3 && rc == 0; k++) {
        course(p, 60, 1, 7);
        p[P_patient_age_years] = ages[k];
        /* the patient's own baseline on the observable's scale (25-year-old baseline = 1) */
        base[k] = mn_baseline_synthesis(p) / mn_collagen_turnover_per_day(p);
        rc = simulate(g, p, 0.1, &tr[k], &res);
        peak[k] = res.metrics[M_peak_synthesis_ratio];
    }
    mn_table t = {0};
    if (rc == 0)
        rc = trace_table(&t, tr, 3, names, 1, O_collagen_synthesis_rate, "time", "day", 1, &g->err);
    size_t rows = mn_table_rows(&t);
    double *v = rc == 0 ? malloc((rows ? rows : 1) * sizeof *v) : NULL;
    for (int k = 0; rc == 0 && v && k < 3; k++) {
        char name[32];
        snprintf(name, sizeof name, "base%.0f", ages[k]);
        for (size_t i = 0; i < rows; i++)
            v[i] = base[k];
        if (mn_table_add(&t, name, "1", name, v, &g->err) < 0) rc = -1;
    }
    if (rc == 0 && !v) rc = mn_fail(&g->err, "out of memory");
    free(v);
    if (rc == 0) {
        char vars[4096] = "";
        mn_gp_str(vars, sizeof vars, "x", "time");
        mn_gp_str(vars, sizeof vars, "ycols", "age25 base25 age45 base45 age65 base65");
        mn_gp_str(vars, sizeof vars, "titles",
                  "age 25|baseline 25|age 45|baseline 45|age 65|baseline 65");
        mn_gp_str(vars, sizeof vars, "colors", "1 1 2 2 3 3");
        mn_gp_str(vars, sizeof vars, "dashes", "1 2 1 2 1 2");
        mn_gp_str(vars, sizeof vars, "vlines", "7");
        mn_gp_str(vars, sizeof vars, "title", "Collagen synthesis after one session, by age");
        mn_gp_str(vars, sizeof vars, "xlabel", "time [day] (session on day 7)");
        mn_gp_str(vars, sizeof vars, "ylabel", "synthesis rate [25-year baseline = 1]");
        mn_gp_str(vars, sizeof vars, "yrange", "[0:*]");
        rc = render_lines(g, &t, vars, out);
        snprintf(
            g->extra, sizeof g->extra,
            "Peak synthesis reaches %.2f / %.2f / %.2f times the patient's own baseline at ages "
            "25 / 45 / 65.",
            peak[0], peak[1], peak[2]);
    }
    mn_table_free(&t);
    for (int k = 0; k < 3; k++)
        mn_trace_free(&tr[k]);
    return rc;
}

static int fig_scar_size(gctx *g, const char *out)
{
    static const char *const names[] = {"small", "large"};
    static const double grade[] = {2, 3}, depth[] = {0.3, 1.5}, width[] = {1, 6};
    mn_trace tr[2] = {{0}};
    mn_result res;
    double p[P_COUNT], red[2];
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        course(p, 240, 6, 0);
        p[P_patient_scar_grade] = grade[k];
        p[P_patient_scar_depth_mm] = depth[k];
        p[P_patient_scar_width_mm] = width[k];
        rc = simulate(g, p, 0.25, &tr[k], &res);
        red[k] = res.metrics[M_scar_reduction_percent];
    }
    mn_table t = {0};
    char sessions[4096];
    if (rc == 0) rc = trace_table(&t, tr, 2, names, 0, S_scar_severity, "time", "day", 1, &g->err);
    if (rc == 0) {
        session_list(&tr[0], sessions, sizeof sessions);
        char vars[8192] = "";
        mn_gp_str(vars, sizeof vars, "x", "time");
        mn_gp_str(vars, sizeof vars, "ycols", "small large");
        mn_gp_str(vars, sizeof vars, "titles",
                  "small scar (grade 2, 0.3 mm deep, 1 mm wide)|large scar (grade 3, 1.5 mm deep, "
                  "6 mm wide)");
        mn_gp_str(vars, sizeof vars, "vlines", sessions);
        mn_gp_str(vars, sizeof vars, "title",
                  "Scar severity over six sessions: small vs large scar");
        mn_gp_str(vars, sizeof vars, "xlabel", "time [day]");
        mn_gp_str(vars, sizeof vars, "ylabel", "scar severity grade [0-4]");
        mn_gp_str(vars, sizeof vars, "yrange", "[0:*]");
        mn_gp_str(vars, sizeof vars, "keypos", "inside top right");
        rc = render_lines(g, &t, vars, out);
        snprintf(g->extra, sizeof g->extra,
                 "Severity falls by %.0f %% for the small scar and %.0f %% for the large one.",
                 red[0], red[1]);
    }
    mn_table_free(&t);
    for (int k = 0; k < 2; k++)
        mn_trace_free(&tr[k]);
    return rc;
}

static int fig_collagen_interval(gctx *g, const char *out)
{
    enum { D0 = 7, D1 = 56, N = D1 - D0 + 1, NA = 3 };
    static const double ages[NA] = {25, 35, 65};
    static const char *const cols[NA] = {"age_25", "age_35", "age_65"};
    double d[N], gain[NA][N], p[P_COUNT];
    int best[NA] = {-1, -1, -1};
    for (int a = 0; a < NA; a++)
        for (int i = 0; i < N; i++) {
            course(p, 182, 0, 0);
            d[i] = D0 + i;
            p[P_schedule_interval_days] = d[i];
            p[P_patient_age_years] = ages[a];
            gain[a][i] = metric_of(g, p, M_matured_collagen_gain_percent);
            if (isfinite(gain[a][i]) && (best[a] < 0 || gain[a][i] > gain[a][best[a]])) best[a] = i;
        }
    for (int a = 0; a < NA; a++)
        if (best[a] < 0) return mn_fail(&g->err, "collagen_interval: no course could be simulated");
    mn_table t = {0};
    int rc =
        mn_table_set_axis(&t, 0, "interval_days", "day", "days between sessions", N, d, &g->err);
    for (int a = 0; a < NA && rc == 0; a++)
        if (mn_table_add(&t, cols[a], "%", "matured new collagen of the treated layer", gain[a],
                         &g->err) < 0)
            rc = -1;
    if (rc == 0) {
        char vars[4096] = "", label[128], titles[256];
        int b = best[1]; /* the default patient (35) */
        snprintf(label, sizeof label, "age 35: every %.0f days (%+.0f %%)", d[b], gain[1][b]);
        snprintf(titles, sizeof titles,
                 "age 25 (best %.0f d)|age 35 (best %.0f d)|age 65 (best %.0f d)", d[best[0]],
                 d[best[1]], d[best[2]]);
        mn_gp_str(vars, sizeof vars, "x", "interval_days");
        mn_gp_str(vars, sizeof vars, "ycols", "age_25 age_35 age_65");
        mn_gp_str(vars, sizeof vars, "titles", titles);
        mn_gp_num(vars, sizeof vars, "mark_x", d[b]);
        mn_gp_num(vars, sizeof vars, "mark_y", gain[1][b]);
        mn_gp_str(vars, sizeof vars, "mark_label", label);
        mn_gp_str(vars, sizeof vars, "title",
                  "New collagen after six months vs the interval between sessions");
        mn_gp_str(vars, sizeof vars, "xlabel", "interval between sessions D [day]");
        mn_gp_str(vars, sizeof vars, "ylabel",
                  "matured new collagen of the treated layer at day 182 [% of day 0]");
        mn_gp_str(vars, sizeof vars, "style", "linespoints");
        rc = render_lines(g, &t, vars, out);
        snprintf(g->extra, sizeof g->extra,
                 "As many sessions as fit in 182 days from day 0. The most new collagen comes with "
                 "a session every %.0f days at 25 (%+.0f %%), %.0f days at 35 (%+.0f %%) and %.0f "
                 "days at 65 (%+.0f %%): healing slows with age.",
                 d[best[0]], gain[0][best[0]], d[best[1]], gain[1][best[1]], d[best[2]],
                 gain[2][best[2]]);
    }
    mn_table_free(&t);
    return rc;
}

static int fig_pigment_sunscreen(gctx *g, const char *out)
{
    static const char *const names[] = {"I_sun",    "I_none", "III_sun",
                                        "III_none", "V_sun",  "V_none"};
    static const double type[] = {1, 3, 5};
    mn_trace tr[6] = {{0}};
    mn_result res;
    double p[P_COUNT], peak[6];
    int rc = 0;
    for (int k = 0; k < 6 && rc == 0; k++) {
        course(p, 182, 6, 0);
        p[P_patient_fitzpatrick_type] = type[k / 2];
        p[P_patient_sunscreen] = (k % 2 == 0);
        p[P_patient_sun_exposure] = 0.8;
        rc = simulate(g, p, 0.5, &tr[k], &res);
        peak[k] = res.metrics[M_pigment_peak];
    }
    mn_table t = {0};
    char sessions[4096];
    if (rc == 0) rc = trace_table(&t, tr, 6, names, 0, S_pigment, "time", "day", 1, &g->err);
    if (rc == 0) {
        session_list(&tr[0], sessions, sizeof sessions);
        char vars[8192] = "";
        mn_gp_str(vars, sizeof vars, "x", "time");
        mn_gp_str(vars, sizeof vars, "ycols", "I_sun I_none III_sun III_none V_sun V_none");
        mn_gp_str(vars, sizeof vars, "titles",
                  "type I, sunscreen|type I, none|type III, sunscreen|type III, none|type V, "
                  "sunscreen|type V, none");
        mn_gp_str(vars, sizeof vars, "colors", "5 5 4 4 2 2");
        mn_gp_str(vars, sizeof vars, "dashes", "1 2 1 2 1 2");
        mn_gp_str(vars, sizeof vars, "vlines", sessions);
        mn_gp_num(vars, sizeof vars, "threshold", p[P_pigment_visible_threshold]);
        mn_gp_str(vars, sizeof vars, "threshold_title", "visible above");
        mn_gp_str(vars, sizeof vars, "title",
                  "Pigmentation with and without sunscreen (sun exposure 0.8)");
        mn_gp_str(vars, sizeof vars, "xlabel", "time [day]");
        mn_gp_str(vars, sizeof vars, "ylabel", "PIH index [1]");
        mn_gp_str(vars, sizeof vars, "yrange", "[0:*]");
        rc = render_lines(g, &t, vars, out);
        snprintf(
            g->extra, sizeof g->extra,
            "Peak PIH index with / without sunscreen: type I %.3f / %.3f, type III %.3f / %.3f, "
            "type V %.3f / %.3f.",
            peak[0], peak[1], peak[2], peak[3], peak[4], peak[5]);
    }
    mn_table_free(&t);
    for (int k = 0; k < 6; k++)
        mn_trace_free(&tr[k]);
    return rc;
}

static int fig_topical_dermaplaning(gctx *g, const char *out)
{
    static const char *const names[] = {"microneedling", "with_dermaplaning"};
    mn_trace tr[2] = {{0}};
    mn_result res;
    double p[P_COUNT], ratio[2];
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        course(p, 2, 1, 0);
        p[P_procedure_dermaplaning] = k;
        rc = simulate(g, p, 1.0 / 96, &tr[k], &res);
        ratio[k] = res.metrics[M_topical_uptake_ratio];
    }
    mn_table t = {0};
    if (rc == 0)
        rc = trace_table(&t, tr, 2, names, 1, O_topical_uptake, "hours", "hour", 24, &g->err);
    if (rc == 0) {
        char vars[4096] = "";
        mn_gp_str(vars, sizeof vars, "x", "hours");
        mn_gp_str(vars, sizeof vars, "ycols", "microneedling with_dermaplaning");
        mn_gp_str(vars, sizeof vars, "titles", "microneedling|microneedling + dermaplaning");
        mn_gp_str(vars, sizeof vars, "title",
                  "Topical uptake in the first 48 hours after a session");
        mn_gp_str(vars, sizeof vars, "xlabel", "hours after the session");
        mn_gp_str(vars, sizeof vars, "ylabel", "skin permeability [intact skin = 1]");
        mn_gp_str(vars, sizeof vars, "xrange", "[0:48]");
        mn_gp_num(vars, sizeof vars, "logy", 1);
        mn_gp_str(vars, sizeof vars, "keypos", "inside top right");
        rc = render_lines(g, &t, vars, out);
        if (isfinite(ratio[0]) && isfinite(ratio[1]))
            snprintf(g->extra, sizeof g->extra,
                     "A serum applied %.0f h after the session is absorbed %.1f times (%.1f with "
                     "dermaplaning) as much as on intact skin.",
                     p[P_aftercare_serum_hours], ratio[0], ratio[1]);
    }
    mn_table_free(&t);
    for (int k = 0; k < 2; k++)
        mn_trace_free(&tr[k]);
    return rc;
}

static int fig_full_course(gctx *g, const char *out)
{
    static const struct {
        int is_state, index;
    } cols[] = {{0, O_redness},
                {0, O_collagen_synthesis_rate},
                {0, O_treated_collagen},
                {0, O_treated_collagen_matured},
                {0, O_epidermal_thickness},
                {1, S_scar_severity},
                {1, S_pigment},
                {0, O_barrier},
                {0, O_topical_uptake}};
    mn_trace tr = {0};
    mn_result res;
    double p[P_COUNT];
    mn_params_default(p);
    int rc = simulate(g, p, 0.25, &tr, &res);
    mn_table t = {0};
    if (rc == 0) rc = mn_table_set_axis(&t, 0, "time", "day", "time", tr.n, tr.t, &g->err);
    double *v = rc == 0 ? malloc((tr.n ? tr.n : 1) * sizeof *v) : NULL;
    for (size_t c = 0; v && rc == 0 && c < sizeof cols / sizeof *cols; c++) {
        int is_obs = !cols[c].is_state, idx = cols[c].index;
        for (size_t i = 0; i < tr.n; i++)
            v[i] = is_obs ? tr.obs[i * O_COUNT + (size_t)idx] : tr.y[i * S_COUNT + (size_t)idx];
        const mn_var_info *info = is_obs ? &mn_observables[idx] : &mn_states[idx];
        if (mn_table_add(&t, info->name, info->unit, info->name, v, &g->err) < 0) rc = -1;
    }
    if (rc == 0 && !v) rc = mn_fail(&g->err, "out of memory");
    free(v);
    char data[1200], sessions[8192], vars[16384] = "";
    if (rc == 0) rc = mn_plot_data(g->pl, &t, NULL, data, sizeof data, &g->err);
    if (rc == 0) {
        session_list(&tr, sessions, sizeof sessions);
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "sessions", sessions);
        mn_gp_num(vars, sizeof vars, "threshold", p[P_inflammation_visible_threshold]);
        mn_gp_num(vars, sizeof vars, "pigment_threshold", p[P_pigment_visible_threshold]);
        mn_gp_str(vars, sizeof vars, "title",
                  "One course with the default parameters (params/default.ini)");
        rc = mn_plot_run(g->pl, "run_panels.gp", vars, out, &g->err);
        snprintf(g->extra, sizeof g->extra,
                 "%.0f sessions; treated-layer collagen %+.0f %%, epidermis %+.0f %% at the end "
                 "(whole dermis %+.2f %%); redness visible %.1f days per session.",
                 res.metrics[M_sessions_done], res.metrics[M_treated_collagen_gain_percent],
                 100 * (res.metrics[M_epidermal_thickness_end] - 1),
                 res.metrics[M_collagen_gain_percent], res.metrics[M_redness_days_per_session]);
    }
    mn_table_free(&t);
    mn_trace_free(&tr);
    return rc;
}

static int fig_interval_sessions(gctx *g, const char *out)
{
    enum { NI = 5, NS = 8 };
    double iv[NI], ss[NS], gain[NI * NS], p[P_COUNT];
    int best = -1;
    for (int i = 0; i < NI; i++)
        iv[i] = 14 + 7 * i;
    for (int s = 0; s < NS; s++)
        ss[s] = s + 1;
    for (int i = 0; i < NI; i++)
        for (int s = 0; s < NS; s++) {
            course(p, 182, ss[s], 0);
            p[P_schedule_interval_days] = iv[i];
            double v = metric_of(g, p, M_matured_collagen_gain_percent);
            gain[i * NS + s] = v;
            if (isfinite(v) && (best < 0 || v > gain[best])) best = i * NS + s;
        }
    if (best < 0) return mn_fail(&g->err, "interval_sessions: no course could be simulated");
    mn_table t = {0};
    int rc = mn_table_set_axis(&t, 0, "interval_days", "day", "interval", NI, iv, &g->err);
    if (rc == 0) rc = mn_table_set_axis(&t, 1, "sessions", "1", "sessions", NS, ss, &g->err);
    if (rc == 0 && mn_table_add(&t, "matured_collagen_gain_percent", "%",
                                "matured new collagen of the treated layer", gain, &g->err) < 0)
        rc = -1;
    char data[1200], vars[4096] = "", label[64];
    if (rc == 0) rc = mn_plot_data(g->pl, &t, NULL, data, sizeof data, &g->err);
    if (rc == 0) {
        double bi = iv[best / NS], bs = ss[best % NS];
        snprintf(label, sizeof label, "best");
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "x", "interval_days");
        mn_gp_str(vars, sizeof vars, "y", "sessions");
        mn_gp_str(vars, sizeof vars, "z", "matured_collagen_gain_percent");
        mn_gp_str(vars, sizeof vars, "xlabel", "interval between sessions [day]");
        mn_gp_str(vars, sizeof vars, "ylabel", "number of sessions");
        mn_gp_str(vars, sizeof vars, "zlabel", "matured new collagen at day 182 [%]");
        mn_gp_str(vars, sizeof vars, "fmt", "%.0f");
        mn_gp_str(vars, sizeof vars, "xvalues", "14 21 28 35 42");
        mn_gp_str(vars, sizeof vars, "yvalues", "1 2 3 4 5 6 7 8");
        mn_gp_num(vars, sizeof vars, "dx", mn_half_spacing(&t.axes[0], NI));
        mn_gp_num(vars, sizeof vars, "dy", mn_half_spacing(&t.axes[1], NS));
        mn_gp_num(vars, sizeof vars, "mark_x", bi);
        mn_gp_num(vars, sizeof vars, "mark_y", bs);
        mn_gp_str(vars, sizeof vars, "mark_label", label);
        mn_gp_str(vars, sizeof vars, "title",
                  "Matured new collagen of the treated layer at day 182: interval x sessions");
        rc = mn_plot_run(g->pl, "heatmap.gp", vars, out, &g->err);
        snprintf(g->extra, sizeof g->extra,
                 "Blank cells: the sessions do not fit in 182 days. Best: %.0f sessions every %.0f "
                 "days (%+.0f %% matured new collagen in the treated layer).",
                 bs, bi, gain[best]);
    }
    mn_table_free(&t);
    return rc;
}

/* ---------------------------------------------------------------- the gallery */

static const struct {
    const char *name, *title, *caption;
    fig_fn fn;
} figures[] = {
    {"redness_peels", "Redness: microneedling vs peels",
     "Erythema over 21 days after one microneedling session and after a superficial, medium or "
     "deep chemical peel; the dashed line is the visible-redness threshold.",
     fig_redness_peels},
    {"synthesis_age", "Collagen synthesis by age",
     "Collagen synthesis after one session (day 7) for patients aged 25, 45 and 65, with each "
     "patient's baseline dashed.",
     fig_synthesis_age},
    {"scar_size", "Small vs large scar",
     "Scar severity over six sessions for a small shallow scar and a large deep one; sessions are "
     "the grey dashed lines.",
     fig_scar_size},
    {"collagen_interval", "Collagen gain vs interval",
     "Matured new collagen of the treated layer at day 182 against the interval between "
     "sessions, 7 to 56 days, at ages 25, 35 and 65.",
     fig_collagen_interval},
    {"pigment_sunscreen", "Pigmentation and sunscreen",
     "Post-inflammatory hyperpigmentation over six sessions for Fitzpatrick types I, III and V, "
     "with (solid) and without (dashed) daily sunscreen.",
     fig_pigment_sunscreen},
    {"topical_dermaplaning", "Topical uptake and dermaplaning",
     "Skin permeability to a serum over the first 48 hours after microneedling, with and without "
     "dermaplaning (logarithmic scale).",
     fig_topical_dermaplaning},
    {"full_course", "A full course",
     "Every panel of one course with the default parameters (the treated layer's collagen and "
     "epidermis as the change since day 0); sessions are the grey dashed lines.",
     fig_full_course},
    {"interval_sessions", "Interval x sessions",
     "Matured new collagen of the treated layer at day 182 for every interval (14-42 days) and "
     "number of sessions (1-8).",
     fig_interval_sessions},
};
enum { N_FIGURES = sizeof figures / sizeof *figures };

const char *const mn_gallery_names[] = {
    "redness_peels",     "synthesis_age",     "scar_size",
    "collagen_interval", "pigment_sunscreen", "topical_dermaplaning",
    "full_course",       "interval_sessions", NULL};

static void html_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else
            fputc(*s, f);
    }
}

int mn_gallery(const char *outdir, const char *format, const char *const *only, int n_only,
               int quiet, mn_error *err)
{
    for (int i = 0; i < n_only; i++) {
        int found = 0;
        for (int k = 0; k < N_FIGURES; k++)
            found |= strcmp(only[i], figures[k].name) == 0;
        if (!found) {
            char list[512] = "";
            for (int k = 0; k < N_FIGURES; k++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "",
                         figures[k].name);
            mn_fail(err, "no gallery figure '%s'; figures: %s", only[i], list);
            return MN_EXIT_INPUT;
        }
    }
    mn_plotter pl;
    if (mn_plotter_init(&pl, format, err) != 0) {
        mn_plotter_done(&pl);
        return MN_EXIT_INPUT;
    }
    if (mn_mkdir_p(outdir, err) != 0) {
        mn_plotter_done(&pl);
        return MN_EXIT_RUNTIME;
    }
    gctx g = {.pl = &pl, .w = mn_runner_new()};
    char md_path[4200], html_path[4200];
    snprintf(md_path, sizeof md_path, "%s/index.md", outdir);
    snprintf(html_path, sizeof html_path, "%s/index.html", outdir);
    /* written as index.*.partial, renamed once every figure is rendered */
    mn_outfile omd, ohtml;
    FILE *md = mn_outfile_open(&omd, md_path, "w"), *html = mn_outfile_open(&ohtml, html_path, "w");
    int rc = 0;
    if (!g.w)
        rc = mn_fail(&g.err, "out of memory");
    else if (!md)
        rc = mn_outfile_close(&omd, &g.err);
    else if (!html)
        rc = mn_outfile_close(&ohtml, &g.err);
    if (rc == 0 && md && html) {
        fprintf(md, "# mnsim gallery\n\nExample scenarios simulated by `mnsim gallery` with the "
                    "current model calibration.\n\n");
        fprintf(html,
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>mnsim gallery</title>\n<style>body{font-family:'DejaVu Sans',sans-serif;"
                "max-width:1240px;margin:auto;padding:1em}img{max-width:100%%;border:1px solid "
                "#ddd}figure{margin:2em 0}figcaption{color:#333}</style>\n</head>\n<body>\n"
                "<h1>mnsim gallery</h1>\n<p>Example scenarios simulated by <code>mnsim "
                "gallery</code> with the current model calibration.</p>\n");
    }
    for (int k = 0; rc == 0 && k < N_FIGURES; k++) {
        int wanted = n_only == 0;
        for (int i = 0; i < n_only; i++)
            wanted |= strcmp(only[i], figures[k].name) == 0;
        if (!wanted) continue;
        char out[4200], file[256];
        snprintf(file, sizeof file, "%s.%s", figures[k].name, pl.ext);
        snprintf(out, sizeof out, "%s/%s", outdir, file);
        g.extra[0] = '\0';
        if (figures[k].fn(&g, out) != 0) {
            rc = -1;
            break;
        }
        if (!quiet) printf("wrote %s\n", out);
        fprintf(md, "## %s\n\n![%s](%s)\n\n%s%s%s\n\n", figures[k].title, figures[k].title, file,
                figures[k].caption, g.extra[0] ? " " : "", g.extra);
        fprintf(html, "<figure id=\"%s\">\n<h2>", figures[k].name);
        html_escape(html, figures[k].title);
        fprintf(html, "</h2>\n<img src=\"%s\" alt=\"", file);
        html_escape(html, figures[k].title);
        fprintf(html, "\">\n<figcaption>");
        html_escape(html, figures[k].caption);
        if (g.extra[0]) fputc(' ', html);
        html_escape(html, g.extra);
        fprintf(html, "</figcaption>\n</figure>\n");
    }
    if (html) fprintf(html, "</body>\n</html>\n");
    if (rc == 0 && mn_outfile_close(&omd, &g.err) != 0) rc = -1;
    if (rc == 0 && mn_outfile_close(&ohtml, &g.err) != 0) rc = -1;
    mn_outfile_abort(&omd); /* no-ops after a successful close */
    mn_outfile_abort(&ohtml);
    if (rc == 0 && !quiet) printf("wrote %s and %s\n", md_path, html_path);
    mn_runner_free(g.w);
    mn_plotter_done(&pl);
    if (rc) *err = g.err;
    return rc ? MN_EXIT_RUNTIME : 0;
}
