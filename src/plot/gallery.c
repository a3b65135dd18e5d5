/* gallery.c — `mnsim gallery`: example scenarios simulated directly with the runner (no files)
 * and rendered with the gnuplot scripts, plus DIR/index.md and DIR/index.html with a title and a
 * caption per figure. Every figure is one entry of the table `figures`: what to run (a course and
 * the parameter values of each curve, or the axes of a scan), the table it gives, the gnuplot
 * script and its labels; one loop runs them all. Captions quote numbers computed from the runs,
 * never fixed values, so the gallery follows the model's calibration. */
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

/* ---------------------------------------------------------------- figure specifications */

enum { MAX_CURVES = 6, MAX_SETS = 3, MAX_VARS = 16 };

typedef enum {
    FIG_TRACES, /* one course per curve; one state or observable over time (lines.gp) */
    FIG_PANELS, /* one course; several variables over time (run_panels.gp) */
    FIG_SCAN,   /* one metric against a swept parameter, one curve per curve spec (lines.gp) */
    FIG_GRID    /* one metric over two swept parameters (heatmap.gp) */
} fig_kind;

typedef struct {
    int id;
    double value;
} fig_set; /* parameter `id` takes `value` */

typedef struct {
    const char *column;   /* table column of the curve */
    const char *baseline; /* traces: a column with the patient's baseline synthesis, or NULL */
    int n_set;
    fig_set set[MAX_SETS]; /* the curve's parameter values, on top of the course */
} fig_curve;

typedef struct {
    int is_state, index; /* a state (S_...) or an observable (O_...) */
} fig_col;

typedef struct {
    int param;                           /* swept parameter */
    double from, step;                   /* values from, from + step, ... */
    int n;                               /* number of values */
    const char *name, *unit, *long_name; /* table axis */
} fig_axis;

/* A gnuplot variable: a fixed string or number, or computed from the runs. */
typedef enum {
    V_STR,        /* text */
    V_NUM,        /* num */
    V_PARAM,      /* parameter `index` of the (last) course */
    V_SESSIONS,   /* session days of the first course, space-separated */
    V_BEST_X,     /* scan: x of the best point of curve `index`; grid: x of the best cell */
    V_BEST_Y,     /* grid: y of the best cell */
    V_BEST_VALUE, /* scan: metric at the best point of curve `index` */
    V_HALF_X,     /* grid: half the spacing of the x values (cell width) */
    V_HALF_Y,     /* grid: half the spacing of the y values */
    V_TEXT        /* the figure's text function, asked for `name` */
} fig_var_kind;

typedef struct {
    const char *name;
    fig_var_kind kind;
    const char *text;
    double num;
    int index;
} fig_var;

/* clang-format off */
#define STR(n, t) {n, V_STR, t, 0, 0}
#define NUM(n, x) {n, V_NUM, NULL, x, 0}
#define PARAM(n, id) {n, V_PARAM, NULL, 0, id}
#define SESSIONS(n) {n, V_SESSIONS, NULL, 0, 0}
#define BEST_X(n, c) {n, V_BEST_X, NULL, 0, c}
#define BEST_Y(n) {n, V_BEST_Y, NULL, 0, 0}
#define BEST_VALUE(n, c) {n, V_BEST_VALUE, NULL, 0, c}
#define HALF_X(n) {n, V_HALF_X, NULL, 0, 0}
#define HALF_Y(n) {n, V_HALF_Y, NULL, 0, 0}
#define TEXT(n) {n, V_TEXT, NULL, 0, 0}
/* clang-format on */

/* What the runs of one figure gave. */
typedef struct {
    double p[P_COUNT];         /* parameters of the last course */
    mn_trace tr[MAX_CURVES];   /* traces, panels: the sampled courses */
    double metric[MAX_CURVES]; /* traces: the figure's metric of each course */
    double base[MAX_CURVES];   /* traces: baseline synthesis of each course */
    mn_result res;             /* panels: the course */
    double *xv, *yv;           /* scan, grid: axis values */
    double *v;                 /* scan: [curve][x]; grid: [x][y] metric values */
    int best[MAX_CURVES];      /* scan: best x index per curve; grid: best cell (best[0]) */
} fig_run;

typedef struct fig_spec fig_spec;
/* Computed text of a figure: the caption's numbers ("caption") or a V_TEXT variable. */
typedef void (*fig_text_fn)(const fig_spec *f, const fig_run *r, const char *what, char *buf,
                            size_t size);

struct fig_spec {
    const char *name, *title, *caption; /* the index entry */
    fig_kind kind;
    const char *script; /* gnuplot script in scripts/ */
    struct {
        double days, sessions, first_day; /* days < 0: the default parameters */
    } course;
    int n_curves;
    fig_curve curves[MAX_CURVES];
    double step;    /* traces, panels: sampling step [day] */
    fig_col traced; /* traces: the variable drawn */
    struct {
        const char *name, *unit; /* traces: the time column */
        double scale;            /* its unit per day (24: hours) */
    } time;
    const fig_col *panels; /* panels: the variables */
    int n_panels;
    int metric; /* traces: per course, for the caption; scan/grid: drawn */
    const char *metric_unit, *metric_long; /* scan: unit and long name of the curves' columns */
    fig_axis x, y;                         /* scan: x; grid: x and y */
    fig_var vars[MAX_VARS]; /* gnuplot variables after `data`, in order (name NULL: end) */
    fig_text_fn text;
};

/* ---------------------------------------------------------------- computed texts */

static void text_redness_peels(const fig_spec *f, const fig_run *r, const char *what, char *buf,
                               size_t size)
{
    (void)f;
    (void)what;
    /* a peel still red at the end of the 21-day window is reported as "more than 21" */
    char d[4][32];
    for (int k = 0; k < 4; k++)
        snprintf(d[k], sizeof d[k], r->metric[k] >= 21.0 - 1e-6 ? "more than %.0f" : "%.1f",
                 r->metric[k] >= 21.0 - 1e-6 ? 21.0 : r->metric[k]);
    snprintf(buf, size,
             "Redness is visible for %s days after microneedling and %s / %s / %s days "
             "after a superficial / medium / deep peel.",
             d[0], d[1], d[2], d[3]);
}

static void text_synthesis_age(const fig_spec *f, const fig_run *r, const char *what, char *buf,
                               size_t size)
{
    (void)f;
    (void)what;
    snprintf(buf, size,
             "Peak synthesis reaches %.2f / %.2f / %.2f times the patient's own baseline at ages "
             "25 / 45 / 65.",
             r->metric[0], r->metric[1], r->metric[2]);
}

static void text_scar_size(const fig_spec *f, const fig_run *r, const char *what, char *buf,
                           size_t size)
{
    (void)f;
    (void)what;
    snprintf(buf, size,
             "Severity falls by %.0f %% for the small scar and %.0f %% for the large one.",
             r->metric[0], r->metric[1]);
}

static void text_collagen_interval(const fig_spec *f, const fig_run *r, const char *what, char *buf,
                                   size_t size)
{
    const int n = f->x.n, *b = r->best;
    const double *d = r->xv, *g0 = r->v, *g1 = r->v + n, *g2 = r->v + 2 * n;
    if (strcmp(what, "titles") == 0)
        snprintf(buf, size, "age 25 (best %.0f d)|age 35 (best %.0f d)|age 65 (best %.0f d)",
                 d[b[0]], d[b[1]], d[b[2]]);
    else if (strcmp(what, "mark_label") == 0) /* the default patient (35) */
        snprintf(buf, size, "age 35: every %.0f days (%+.0f %%)", d[b[1]], g1[b[1]]);
    else
        snprintf(buf, size,
                 "As many sessions as fit in 182 days from day 0. The most new collagen comes with "
                 "a session every %.0f days at 25 (%+.0f %%), %.0f days at 35 (%+.0f %%) and %.0f "
                 "days at 65 (%+.0f %%): healing slows with age.",
                 d[b[0]], g0[b[0]], d[b[1]], g1[b[1]], d[b[2]], g2[b[2]]);
}

static void text_pigment_sunscreen(const fig_spec *f, const fig_run *r, const char *what, char *buf,
                                   size_t size)
{
    (void)f;
    (void)what;
    const double *m = r->metric;
    snprintf(buf, size,
             "Peak PIH index with / without sunscreen: type I %.3f / %.3f, type III %.3f / %.3f, "
             "type V %.3f / %.3f.",
             m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void text_topical_dermaplaning(const fig_spec *f, const fig_run *r, const char *what,
                                      char *buf, size_t size)
{
    (void)f;
    (void)what;
    if (isfinite(r->metric[0]) && isfinite(r->metric[1]))
        snprintf(buf, size,
                 "A serum applied %.0f h after the session is absorbed %.1f times (%.1f with "
                 "dermaplaning) as much as on intact skin.",
                 r->p[P_aftercare_serum_hours], r->metric[0], r->metric[1]);
}

static void text_full_course(const fig_spec *f, const fig_run *r, const char *what, char *buf,
                             size_t size)
{
    (void)f;
    (void)what;
    const double *m = r->res.metrics;
    snprintf(buf, size,
             "%.0f sessions; treated-layer collagen %+.0f %%, epidermis %+.0f %% at the end "
             "(whole dermis %+.2f %%); redness visible %.1f days per session.",
             m[M_sessions_done], m[M_treated_collagen_gain_percent],
             100 * (m[M_epidermal_thickness_end] - 1), m[M_collagen_gain_percent],
             m[M_redness_days_per_session]);
}

static void text_interval_sessions(const fig_spec *f, const fig_run *r, const char *what, char *buf,
                                   size_t size)
{
    (void)what;
    int best = r->best[0], ny = f->y.n;
    snprintf(buf, size,
             "Blank cells: the sessions do not fit in 182 days. Best: %.0f sessions every %.0f "
             "days (%+.0f %% matured new collagen in the treated layer).",
             r->yv[best % ny], r->xv[best / ny], r->v[best]);
}

/* ---------------------------------------------------------------- the figures */

/* clang-format off */
#define SET(id, v) {id, v}
/* clang-format on */
static const fig_col full_course_panels[] = {{0, O_redness},
                                             {0, O_collagen_synthesis_rate},
                                             {0, O_treated_collagen},
                                             {0, O_treated_collagen_matured},
                                             {0, O_epidermal_thickness},
                                             {1, S_scar_severity},
                                             {1, S_pigment},
                                             {0, O_barrier},
                                             {0, O_topical_uptake}};

static const fig_spec figures[] = {
    {.name = "redness_peels",
     .title = "Redness: microneedling vs peels",
     .caption = "Erythema over 21 days after one microneedling session and after a superficial, "
                "medium or deep chemical peel; the dashed line is the visible-redness threshold.",
     .kind = FIG_TRACES,
     .script = "lines.gp",
     .course = {21, 1, 0},
     .n_curves = 4,
     .curves = {{"microneedling", NULL, 0, {{0}}},
                {"superficial",
                 NULL,
                 2,
                 {SET(P_procedure_microneedling, 0),
                  SET(P_procedure_peel, 1)}}, /* PEEL_SUPERFICIAL */
                {"medium", NULL, 2, {SET(P_procedure_microneedling, 0), SET(P_procedure_peel, 2)}},
                {"deep", NULL, 2, {SET(P_procedure_microneedling, 0), SET(P_procedure_peel, 3)}}},
     .step = 0.05,
     .traced = {0, O_redness},
     .time = {"time", "day", 1},
     .metric = M_redness_gone_day,
     .vars = {STR("x", "time"), STR("ycols", "microneedling superficial medium deep"),
              STR("titles", "microneedling|superficial peel|medium peel|deep peel"),
              PARAM("threshold", P_inflammation_visible_threshold),
              STR("threshold_title", "visible above"),
              STR("title", "Redness after one microneedling session vs chemical peels"),
              STR("xlabel", "days after the procedure"), STR("ylabel", "erythema index [1]"),
              STR("xrange", "[0:21]"), STR("yrange", "[0:*]")},
     .text = text_redness_peels},
    {.name = "synthesis_age",
     .title = "Collagen synthesis by age",
     .caption = "Collagen synthesis after one session (day 7) for patients aged 25, 45 and 65, "
                "with each patient's baseline dashed.",
     .kind = FIG_TRACES,
     .script = "lines.gp",
     .course = {60, 1, 7},
     .n_curves = 3,
     .curves = {{"age25", "base25", 1, {SET(P_patient_age_years, 25)}},
                {"age45", "base45", 1, {SET(P_patient_age_years, 45)}},
                {"age65", "base65", 1, {SET(P_patient_age_years, 65)}}},
     .step = 0.1,
     .traced = {0, O_collagen_synthesis_rate},
     .time = {"time", "day", 1},
     .metric = M_peak_synthesis_ratio,
     .vars = {STR("x", "time"), STR("ycols", "age25 base25 age45 base45 age65 base65"),
              STR("titles", "age 25|baseline 25|age 45|baseline 45|age 65|baseline 65"),
              STR("colors", "1 1 2 2 3 3"), STR("dashes", "1 2 1 2 1 2"), STR("vlines", "7"),
              STR("title", "Collagen synthesis after one session, by age"),
              STR("xlabel", "time [day] (session on day 7)"),
              STR("ylabel", "synthesis rate [25-year baseline = 1]"), STR("yrange", "[0:*]")},
     .text = text_synthesis_age},
    {.name = "scar_size",
     .title = "Small vs large scar",
     .caption = "Scar severity over six sessions for a small shallow scar and a large deep one; "
                "sessions are the grey dashed lines.",
     .kind = FIG_TRACES,
     .script = "lines.gp",
     .course = {240, 6, 0},
     .n_curves = 2,
     .curves = {{"small",
                 NULL,
                 3,
                 {SET(P_patient_scar_grade, 2), SET(P_patient_scar_depth_mm, 0.3),
                  SET(P_patient_scar_width_mm, 1)}},
                {"large",
                 NULL,
                 3,
                 {SET(P_patient_scar_grade, 3), SET(P_patient_scar_depth_mm, 1.5),
                  SET(P_patient_scar_width_mm, 6)}}},
     .step = 0.25,
     .traced = {1, S_scar_severity},
     .time = {"time", "day", 1},
     .metric = M_scar_reduction_percent,
     .vars = {STR("x", "time"), STR("ycols", "small large"),
              STR("titles", "small scar (grade 2, 0.3 mm deep, 1 mm wide)|large scar (grade 3, "
                            "1.5 mm deep, 6 mm wide)"),
              SESSIONS("vlines"),
              STR("title", "Scar severity over six sessions: small vs large scar"),
              STR("xlabel", "time [day]"), STR("ylabel", "scar severity grade [0-4]"),
              STR("yrange", "[0:*]"), STR("keypos", "inside top right")},
     .text = text_scar_size},
    {.name = "collagen_interval",
     .title = "Collagen gain vs interval",
     .caption = "Matured new collagen of the treated layer at day 182 against the interval "
                "between sessions, 7 to 56 days, at ages 25, 35 and 65.",
     .kind = FIG_SCAN,
     .script = "lines.gp",
     .course = {182, 0, 0},
     .n_curves = 3,
     .curves = {{"age_25", NULL, 1, {SET(P_patient_age_years, 25)}},
                {"age_35", NULL, 1, {SET(P_patient_age_years, 35)}},
                {"age_65", NULL, 1, {SET(P_patient_age_years, 65)}}},
     .metric = M_matured_collagen_gain_percent,
     .metric_unit = "%",
     .metric_long = "matured new collagen of the treated layer",
     .x = {P_schedule_interval_days, 7, 1, 50, "interval_days", "day", "days between sessions"},
     .vars = {STR("x", "interval_days"), STR("ycols", "age_25 age_35 age_65"), TEXT("titles"),
              BEST_X("mark_x", 1), BEST_VALUE("mark_y", 1), TEXT("mark_label"),
              STR("title", "New collagen after six months vs the interval between sessions"),
              STR("xlabel", "interval between sessions D [day]"),
              STR("ylabel", "matured new collagen of the treated layer at day 182 [% of day 0]"),
              STR("style", "linespoints")},
     .text = text_collagen_interval},
    {.name = "pigment_sunscreen",
     .title = "Pigmentation and sunscreen",
     .caption = "Post-inflammatory hyperpigmentation over six sessions for Fitzpatrick types I, "
                "III and V, with (solid) and without (dashed) daily sunscreen.",
     .kind = FIG_TRACES,
     .script = "lines.gp",
     .course = {182, 6, 0},
     .n_curves = 6,
     .curves = {{"I_sun",
                 NULL,
                 3,
                 {SET(P_patient_fitzpatrick_type, 1), SET(P_patient_sunscreen, 1),
                  SET(P_patient_sun_exposure, 0.8)}},
                {"I_none",
                 NULL,
                 3,
                 {SET(P_patient_fitzpatrick_type, 1), SET(P_patient_sunscreen, 0),
                  SET(P_patient_sun_exposure, 0.8)}},
                {"III_sun",
                 NULL,
                 3,
                 {SET(P_patient_fitzpatrick_type, 3), SET(P_patient_sunscreen, 1),
                  SET(P_patient_sun_exposure, 0.8)}},
                {"III_none",
                 NULL,
                 3,
                 {SET(P_patient_fitzpatrick_type, 3), SET(P_patient_sunscreen, 0),
                  SET(P_patient_sun_exposure, 0.8)}},
                {"V_sun",
                 NULL,
                 3,
                 {SET(P_patient_fitzpatrick_type, 5), SET(P_patient_sunscreen, 1),
                  SET(P_patient_sun_exposure, 0.8)}},
                {"V_none",
                 NULL,
                 3,
                 {SET(P_patient_fitzpatrick_type, 5), SET(P_patient_sunscreen, 0),
                  SET(P_patient_sun_exposure, 0.8)}}},
     .step = 0.5,
     .traced = {1, S_pigment},
     .time = {"time", "day", 1},
     .metric = M_pigment_peak,
     .vars = {STR("x", "time"), STR("ycols", "I_sun I_none III_sun III_none V_sun V_none"),
              STR("titles", "type I, sunscreen|type I, none|type III, sunscreen|type III, "
                            "none|type V, sunscreen|type V, none"),
              STR("colors", "5 5 4 4 2 2"), STR("dashes", "1 2 1 2 1 2"), SESSIONS("vlines"),
              PARAM("threshold", P_pigment_visible_threshold),
              STR("threshold_title", "visible above"),
              STR("title", "Pigmentation with and without sunscreen (sun exposure 0.8)"),
              STR("xlabel", "time [day]"), STR("ylabel", "PIH index [1]"), STR("yrange", "[0:*]")},
     .text = text_pigment_sunscreen},
    {.name = "topical_dermaplaning",
     .title = "Topical uptake and dermaplaning",
     .caption = "Skin permeability to a serum over the first 48 hours after microneedling, with "
                "and without dermaplaning (logarithmic scale).",
     .kind = FIG_TRACES,
     .script = "lines.gp",
     .course = {2, 1, 0},
     .n_curves = 2,
     .curves = {{"microneedling", NULL, 1, {SET(P_procedure_dermaplaning, 0)}},
                {"with_dermaplaning", NULL, 1, {SET(P_procedure_dermaplaning, 1)}}},
     .step = 1.0 / 96,
     .traced = {0, O_topical_uptake},
     .time = {"hours", "hour", 24},
     .metric = M_topical_uptake_ratio,
     .vars = {STR("x", "hours"), STR("ycols", "microneedling with_dermaplaning"),
              STR("titles", "microneedling|microneedling + dermaplaning"),
              STR("title", "Topical uptake in the first 48 hours after a session"),
              STR("xlabel", "hours after the session"),
              STR("ylabel", "skin permeability [intact skin = 1]"), STR("xrange", "[0:48]"),
              NUM("logy", 1), STR("keypos", "inside top right")},
     .text = text_topical_dermaplaning},
    {.name = "full_course",
     .title = "A full course",
     .caption = "Every panel of one course with the default parameters (the treated layer's "
                "collagen and epidermis as the change since day 0); sessions are the grey dashed "
                "lines.",
     .kind = FIG_PANELS,
     .script = "run_panels.gp",
     .course = {-1, 0, 0},
     .n_curves = 1,
     .step = 0.25,
     .panels = full_course_panels,
     .n_panels = sizeof full_course_panels / sizeof *full_course_panels,
     .vars = {SESSIONS("sessions"), PARAM("threshold", P_inflammation_visible_threshold),
              PARAM("pigment_threshold", P_pigment_visible_threshold),
              STR("title", "One course with the default parameters (params/default.ini)")},
     .text = text_full_course},
    {.name = "interval_sessions",
     .title = "Interval x sessions",
     .caption = "Matured new collagen of the treated layer at day 182 for every interval (14-42 "
                "days) and number of sessions (1-8).",
     .kind = FIG_GRID,
     .script = "heatmap.gp",
     .course = {182, 0, 0},
     .n_curves = 1,
     .metric = M_matured_collagen_gain_percent,
     .metric_unit = "%",
     .metric_long = "matured new collagen of the treated layer",
     .x = {P_schedule_interval_days, 14, 7, 5, "interval_days", "day", "interval"},
     .y = {P_schedule_sessions, 1, 1, 8, "sessions", "1", "sessions"},
     .vars = {STR("x", "interval_days"), STR("y", "sessions"),
              STR("z", "matured_collagen_gain_percent"),
              STR("xlabel", "interval between sessions [day]"), STR("ylabel", "number of sessions"),
              STR("zlabel", "matured new collagen at day 182 [%]"), STR("fmt", "%.0f"),
              STR("xvalues", "14 21 28 35 42"), STR("yvalues", "1 2 3 4 5 6 7 8"), HALF_X("dx"),
              HALF_Y("dy"), BEST_X("mark_x", 0), BEST_Y("mark_y"), STR("mark_label", "best"),
              STR("title",
                  "Matured new collagen of the treated layer at day 182: interval x sessions")},
     .text = text_interval_sessions},
};
enum { N_FIGURES = sizeof figures / sizeof *figures };

/* ---------------------------------------------------------------- running a figure */

/* The parameters of curve c: the figure's course, then the curve's values. */
static void scenario(const fig_spec *f, int c, double *p)
{
    if (f->course.days >= 0)
        course(p, f->course.days, f->course.sessions, f->course.first_day);
    else
        mn_params_default(p);
    for (int k = 0; k < f->curves[c].n_set; k++)
        p[f->curves[c].set[k].id] = f->curves[c].set[k].value;
}

static void axis_values(const fig_axis *a, double *v)
{
    for (int i = 0; i < a->n; i++)
        v[i] = a->from + a->step * i;
}

/* Simulate what the figure shows into r. */
static int run_courses(gctx *g, const fig_spec *f, fig_run *r)
{
    int rc = 0;
    mn_result res;
    if (f->kind == FIG_TRACES || f->kind == FIG_PANELS) {
        for (int k = 0; k < f->n_curves && rc == 0; k++) {
            scenario(f, k, r->p);
            /* the patient's own baseline on the observable's scale (25-year-old baseline = 1) */
            r->base[k] = mn_baseline_synthesis(r->p) / mn_collagen_turnover_per_day(r->p);
            rc = simulate(g, r->p, f->step, &r->tr[k], &res);
            r->metric[k] = res.metrics[f->metric];
        }
        r->res = res;
        return rc;
    }
    int nx = f->x.n, ny = f->kind == FIG_GRID ? f->y.n : 1;
    int nc = f->kind == FIG_GRID ? 1 : f->n_curves;
    r->xv = malloc((size_t)nx * sizeof *r->xv);
    r->yv = malloc((size_t)ny * sizeof *r->yv);
    r->v = malloc((size_t)(nc * nx * ny) * sizeof *r->v);
    if (!r->xv || !r->yv || !r->v) return mn_fail(&g->err, "out of memory");
    axis_values(&f->x, r->xv);
    if (f->kind == FIG_GRID) axis_values(&f->y, r->yv);
    for (int c = 0; c < nc; c++) {
        r->best[c] = -1;
        for (int i = 0; i < nx * ny; i++) { /* i = x index * ny + y index */
            scenario(f, c, r->p);
            r->p[f->x.param] = r->xv[i / ny];
            if (f->kind == FIG_GRID) r->p[f->y.param] = r->yv[i % ny];
            double v = metric_of(g, r->p, f->metric), *vc = r->v + (size_t)c * nx * ny;
            vc[i] = v;
            if (isfinite(v) && (r->best[c] < 0 || v > vc[r->best[c]])) r->best[c] = i;
        }
    }
    for (int c = 0; c < nc; c++)
        if (r->best[c] < 0) return mn_fail(&g->err, "%s: no course could be simulated", f->name);
    return 0;
}

/* The table of what the figure draws. */
static int tabulate(gctx *g, const fig_spec *f, fig_run *r, mn_table *t)
{
    int rc = 0;
    if (f->kind == FIG_TRACES) {
        const char *names[MAX_CURVES];
        for (int k = 0; k < f->n_curves; k++)
            names[k] = f->curves[k].column;
        rc = trace_table(t, r->tr, f->n_curves, names, !f->traced.is_state, f->traced.index,
                         f->time.name, f->time.unit, f->time.scale, &g->err);
        size_t rows = mn_table_rows(t);
        double *v = rc == 0 ? malloc((rows ? rows : 1) * sizeof *v) : NULL;
        if (rc == 0 && !v) rc = mn_fail(&g->err, "out of memory");
        for (int k = 0; rc == 0 && k < f->n_curves; k++) {
            const char *name = f->curves[k].baseline;
            if (!name) continue;
            for (size_t i = 0; i < rows; i++)
                v[i] = r->base[k];
            if (mn_table_add(t, name, "1", name, v, &g->err) < 0) rc = -1;
        }
        free(v);
    } else if (f->kind == FIG_PANELS) {
        const mn_trace *tr = &r->tr[0];
        rc = mn_table_set_axis(t, 0, "time", "day", "time", tr->n, tr->t, &g->err);
        double *v = rc == 0 ? malloc((tr->n ? tr->n : 1) * sizeof *v) : NULL;
        for (int c = 0; v && rc == 0 && c < f->n_panels; c++) {
            int is_obs = !f->panels[c].is_state, idx = f->panels[c].index;
            for (size_t i = 0; i < tr->n; i++)
                v[i] =
                    is_obs ? tr->obs[i * O_COUNT + (size_t)idx] : tr->y[i * S_COUNT + (size_t)idx];
            const mn_var_info *info = is_obs ? &mn_observables[idx] : &mn_states[idx];
            if (mn_table_add(t, info->name, info->unit, info->name, v, &g->err) < 0) rc = -1;
        }
        if (rc == 0 && !v) rc = mn_fail(&g->err, "out of memory");
        free(v);
    } else {
        rc = mn_table_set_axis(t, 0, f->x.name, f->x.unit, f->x.long_name, (size_t)f->x.n, r->xv,
                               &g->err);
        if (f->kind == FIG_GRID) {
            if (rc == 0)
                rc = mn_table_set_axis(t, 1, f->y.name, f->y.unit, f->y.long_name, (size_t)f->y.n,
                                       r->yv, &g->err);
            if (rc == 0 && mn_table_add(t, mn_metric_table[f->metric].name, f->metric_unit,
                                        f->metric_long, r->v, &g->err) < 0)
                rc = -1;
        }
        for (int c = 0; f->kind == FIG_SCAN && c < f->n_curves && rc == 0; c++)
            if (mn_table_add(t, f->curves[c].column, f->metric_unit, f->metric_long,
                             r->v + (size_t)c * f->x.n, &g->err) < 0)
                rc = -1;
    }
    return rc;
}

/* `data` (the table written for gnuplot), then the figure's variables in order. */
static int gnuplot_vars(gctx *g, const fig_spec *f, const fig_run *r, const mn_table *t, char *vars,
                        size_t size)
{
    char data[1200], text[8192];
    if (mn_plot_data(g->pl, t, NULL, data, sizeof data, &g->err) != 0) return -1;
    vars[0] = '\0';
    mn_gp_str(vars, size, "data", data);
    int ny = f->kind == FIG_GRID ? f->y.n : 1;
    for (int k = 0; k < MAX_VARS && f->vars[k].name; k++) {
        const fig_var *v = &f->vars[k];
        int c = v->index;
        switch (v->kind) {
        case V_STR:
            mn_gp_str(vars, size, v->name, v->text);
            break;
        case V_NUM:
            mn_gp_num(vars, size, v->name, v->num);
            break;
        case V_PARAM:
            mn_gp_num(vars, size, v->name, r->p[v->index]);
            break;
        case V_SESSIONS:
            session_list(&r->tr[0], text, sizeof text);
            mn_gp_str(vars, size, v->name, text);
            break;
        case V_BEST_X:
            mn_gp_num(vars, size, v->name, r->xv[r->best[c] / ny]);
            break;
        case V_BEST_Y:
            mn_gp_num(vars, size, v->name, r->yv[r->best[0] % ny]);
            break;
        case V_BEST_VALUE:
            mn_gp_num(vars, size, v->name, r->v[(size_t)c * f->x.n + (size_t)r->best[c]]);
            break;
        case V_HALF_X:
            mn_gp_num(vars, size, v->name, mn_half_spacing(&t->axes[0], f->x.n));
            break;
        case V_HALF_Y:
            mn_gp_num(vars, size, v->name, mn_half_spacing(&t->axes[1], f->y.n));
            break;
        case V_TEXT:
            text[0] = '\0';
            f->text(f, r, v->name, text, sizeof text);
            mn_gp_str(vars, size, v->name, text);
            break;
        }
    }
    return 0;
}

/* Run, tabulate and render figure f into `out`; g->extra gets the computed caption. */
static int run_figure(gctx *g, const fig_spec *f, const char *out)
{
    fig_run r;
    memset(&r, 0, sizeof r);
    mn_table t = {0};
    char vars[16384];
    int rc = run_courses(g, f, &r);
    if (rc == 0) rc = tabulate(g, f, &r, &t);
    if (rc == 0) rc = gnuplot_vars(g, f, &r, &t, vars, sizeof vars);
    if (rc == 0) rc = mn_plot_run(g->pl, f->script, vars, out, &g->err);
    if (rc == 0 && f->text) f->text(f, &r, "caption", g->extra, sizeof g->extra);
    mn_table_free(&t);
    for (int k = 0; k < MAX_CURVES; k++)
        mn_trace_free(&r.tr[k]);
    free(r.xv);
    free(r.yv);
    free(r.v);
    return rc;
}

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
        if (run_figure(&g, &figures[k], out) != 0) {
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
