/* cli_plan.c — `mnsim plan`: screen a patient, compare candidate intervals, recommend one with
 * its reasons, and write plan.md, plan.html (one-page report with a figure of the recommended
 * course) and plan.h5 (every candidate's results). */
#include <errno.h>
#include <getopt.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "h5util.h"
#include "inifile.h"
#include "params.h"
#include "plan.h"
#include "plot.h"
#include "runfile.h"
#include "runner.h"
#include "screen.h"

typedef struct {
    const char *patient, *procedure, *outdir, *start;
    char outbuf[4096]; /* outdir without trailing slashes, or the default */
    char **sets;
    int n_sets, doctor_approved, quiet;
    mn_plan_request rq;
    time_t start_time;
} plan_args;

static int parse_range(const char *text, double *lo, double *hi)
{
    char *end;
    *lo = strtod(text, &end);
    if (end == text || *end != ':') return -1;
    const char *b = end + 1;
    *hi = strtod(b, &end);
    return end == b || *end != '\0' || !isfinite(*lo) || !isfinite(*hi) ? -1 : 0;
}

static int parse_positive(const char *text, double *v)
{
    char *end;
    *v = strtod(text, &end);
    return end == text || *end != '\0' || !(*v >= 1) || !isfinite(*v) ? -1 : 0;
}

static int parse_date(const char *text, time_t *out)
{
    int y, m, d;
    char tail;
    if (sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
    *out = timegm(&tm);
    struct tm back;
    gmtime_r(out, &back);
    return back.tm_mday == d ? 0 : -1; /* rejects 2026-02-30 */
}

static const char *date_of(const plan_args *a, double day, char *buf, size_t size)
{
    time_t t = a->start_time + (time_t)llround(floor(day) * 86400.0);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%a %Y-%m-%d", &tm);
    return buf;
}

static int parse_plan_args(int argc, char **argv, plan_args *a)
{
    static const struct option opts[] = {
        {"patient", required_argument, NULL, 'p'},   {"set", required_argument, NULL, 's'},
        {"sessions", required_argument, NULL, 'n'},  {"horizon-days", required_argument, NULL, 'H'},
        {"interval", required_argument, NULL, 'i'},  {"search", required_argument, NULL, 'r'},
        {"procedure", required_argument, NULL, 'P'}, {"start", required_argument, NULL, 'd'},
        {"doctor-approved", no_argument, NULL, 'D'}, {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},           {NULL, 0, NULL, 0}};
    a->rq = (mn_plan_request){14, 42, 0, 182, 90};
    a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
    if (!a->sets) return mn_usage_error("plan", "out of memory");
    int have_interval = 0, have_search = 0, have_sessions = 0, have_horizon = 0, c;
    double v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "p:s:o:q", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            a->patient = optarg;
            break;
        case 'P':
            a->procedure = optarg;
            break;
        case 's':
            a->sets[a->n_sets++] = optarg;
            break;
        case 'o':
            a->outdir = optarg;
            break;
        case 'q':
            a->quiet = 1;
            break;
        case 'D':
            a->doctor_approved = 1;
            break;
        case 'd':
            a->start = optarg;
            if (parse_date(optarg, &a->start_time) != 0)
                return mn_usage_error("plan", "--start %s: expected a date YYYY-MM-DD", optarg);
            break;
        case 'n':
            if (parse_positive(optarg, &v) != 0 || v != floor(v) || v > 100)
                return mn_usage_error("plan", "--sessions %s: expected a whole number 1-100",
                                      optarg);
            a->rq.sessions = (int)v, have_sessions = 1;
            break;
        case 'H':
            if (parse_positive(optarg, &v) != 0 || v > 3650)
                return mn_usage_error("plan", "--horizon-days %s: expected days in 1-3650", optarg);
            a->rq.horizon_days = v, have_horizon = 1;
            break;
        case 'i':
            if (parse_positive(optarg, &v) != 0 || v != floor(v) || v > 365)
                return mn_usage_error("plan", "--interval %s: expected whole days 1-365", optarg);
            a->rq.min_interval = a->rq.max_interval = v, have_interval = 1;
            break;
        case 'r':
            if (parse_range(optarg, &a->rq.min_interval, &a->rq.max_interval) != 0 ||
                a->rq.min_interval < 1 || a->rq.max_interval > 365 ||
                a->rq.min_interval > a->rq.max_interval ||
                a->rq.min_interval != floor(a->rq.min_interval) ||
                a->rq.max_interval != floor(a->rq.max_interval))
                return mn_usage_error("plan",
                                      "--search %s: expected MIN:MAX whole days, 1 <= MIN <= "
                                      "MAX <= 365",
                                      optarg);
            have_search = 1;
            break;
        default:
            return mn_usage_error("plan", "unknown option or missing value: '%s'",
                                  argv[optind - 1]);
        }
    }
    if (optind < argc) return mn_usage_error("plan", "unexpected argument '%s'", argv[optind]);
    if (!a->patient) return mn_usage_error("plan", "missing --patient FILE.ini");
    if (a->outdir)
        mn_trim_slashes(a->outdir, a->outbuf, sizeof a->outbuf);
    else /* default: results/<patient>_plan */
        mn_default_output(a->patient, "_plan", a->outbuf, sizeof a->outbuf);
    a->outdir = a->outbuf;
    const char *inputs[] = {a->patient, a->procedure};
    int rc = mn_check_output("plan", a->outdir, 1, inputs, a->procedure ? 2 : 1);
    if (rc) return rc;
    if (have_interval && have_search)
        return mn_usage_error("plan", "use --interval or --search, not both");
    if (have_sessions && have_horizon)
        return mn_usage_error("plan", "use --sessions or --horizon-days, not both");
    if (!a->start) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        tm.tm_hour = 12, tm.tm_min = tm.tm_sec = 0;
        a->start_time = timegm(&tm);
    }
    return 0;
}

/* ---------- reports ---------- */

static const char *pih_label(double risk)
{
    return risk >= 1 ? "high" : risk >= 0.3 ? "moderate" : "low";
}

static void reasons(const mn_plan *pl, const double *p, char *buf, size_t size)
{
    const mn_plan_candidate *b = &pl->candidates[pl->best];
    const mn_plan_candidate *lo = &pl->candidates[0], *hi = &pl->candidates[pl->n_candidates - 1];
    int n = snprintf(
        buf, size,
        "It scores best for this patient: %d sessions give %+.1f %% matured new collagen in "
        "the treated layer (relative to its day-0 collagen)",
        b->sessions, b->metrics[M_matured_collagen_gain_percent]);
    if (isfinite(b->metrics[M_scar_reduction_percent]) && n > 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, " and %.0f %% less scar severity",
                      b->metrics[M_scar_reduction_percent]);
    if (n > 0 && (size_t)n < size && pl->n_candidates > 1)
        n += snprintf(buf + n, size - (size_t)n,
                      ", against %+.1f %% every %g days (immature collagen re-injured, fibroblasts "
                      "not yet recovered) and %+.1f %% every %g days (fewer sessions fit)",
                      lo->metrics[M_matured_collagen_gain_percent], lo->interval_days,
                      hi->metrics[M_matured_collagen_gain_percent], hi->interval_days);
    if (n > 0 && (size_t)n < size)
        snprintf(
            buf + n, size - (size_t)n,
            ". Redness stays visible about %.1f days per session; PIH risk is %s (index %.2f).",
            b->metrics[M_redness_days_per_session], pih_label(mn_plan_pih_risk(b->metrics, p)),
            mn_plan_pih_risk(b->metrics, p));
}

static void print_table(FILE *out, const mn_plan *pl, const double *p, int markdown)
{
    if (markdown)
        fprintf(out,
                "| interval (days) | sessions | matured new collagen (%%) | scar reduction (%%) | "
                "visible redness per session (days) | PIH risk | score |\n"
                "|---:|---:|---:|---:|---:|---|---:|\n");
    else
        fprintf(out, "interval  sessions  new collagen  scar reduction  redness d/session  PIH "
                     "risk     score\n");
    for (int k = 0; k < pl->n_candidates; k++) {
        const mn_plan_candidate *c = &pl->candidates[k];
        if (!c->ok) {
            fprintf(out, markdown ? "| %g | failed | | | | | |\n" : "%5g d    failed\n",
                    c->interval_days);
            continue;
        }
        double risk = mn_plan_pih_risk(c->metrics, p);
        double scar = c->metrics[M_scar_reduction_percent];
        const char *mark = k == pl->best ? (markdown ? " **←**" : "  <- recommended") : "";
        if (markdown)
            fprintf(out, "| %g%s | %d | %.1f | %.0f | %.1f | %s (%.2f) | %.3f |\n",
                    c->interval_days, mark, c->sessions,
                    c->metrics[M_matured_collagen_gain_percent], isfinite(scar) ? scar : 0,
                    c->metrics[M_redness_days_per_session], pih_label(risk), risk, c->score);
        else
            fprintf(out, "%5g d  %8d  %10.1f %%  %12.0f %%  %17.1f  %-8s %.2f %8.3f%s\n",
                    c->interval_days, c->sessions, c->metrics[M_matured_collagen_gain_percent],
                    isfinite(scar) ? scar : 0, c->metrics[M_redness_days_per_session],
                    pih_label(risk), risk, c->score, mark);
    }
}

static void html_escape(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '&')
            fputs("&amp;", out);
        else
            fputc(*s, out);
    }
}

/* "lo–hi unit", or "v unit" when both ends print the same. */
static void range_text(const double *q, const char *fmt, const char *unit, char *buf, size_t size)
{
    char lo[32], hi[32];
    if (size < 80) return;
    snprintf(lo, sizeof lo, fmt, q[0]);
    snprintf(hi, sizeof hi, fmt, q[2]);
    if (strcmp(lo, hi) == 0)
        snprintf(buf, size, "%s%s", lo, unit);
    else
        snprintf(buf, size, "%s–%s%s", lo, hi, unit);
}

static const char *DISCLAIMER =
    "This is an educational model, not medical advice: its parameters are calibrated to published "
    "figures and modelling assumptions (docs/MODEL.md). Decisions about treatment belong to a "
    "qualified clinician who has examined the patient.";

/* The advice lines, derived from the simulated course. */
static int advice(const mn_plan *pl, const double *p, char lines[][512], int max)
{
    int n = 0;
    const mn_plan_session *s0 = &pl->sessions[0];
    double acid_h = 24 * (s0->acid_free_until - s0->day);
    double sun_d = s0->sun_protect_until - s0->day;
    if (n < max)
        snprintf(
            lines[n++], 512,
            "Acids and exfoliants (AHA/BHA, retinoids, scrubs): avoid for %.0f hours after each "
            "session, until the simulated barrier is back to 95 %%%s.",
            ceil(acid_h),
            p[P_patient_sensitivity] > 0
                ? " (longer because sensitive skin repairs its barrier more slowly)"
                : "");
    if (n < max)
        snprintf(lines[n++], 512,
                 "Sun: strict protection (shade, SPF 30+) for %.0f days after each session, while "
                 "inflammation can still drive pigmentation in Fitzpatrick type %d skin%s.",
                 ceil(sun_d), (int)p[P_patient_fitzpatrick_type],
                 p[P_patient_sunscreen] == 0 ? "; daily sunscreen would lower the PIH risk" : "");
    if (n < max)
        snprintf(
            lines[n++], 512,
            "Serums: apply within the first %.1f hours after a session, while the skin takes up "
            "at least twice as much as intact skin; only gentle, non-irritating products.",
            s0->serum_until_hours);
    if (n < max)
        snprintf(lines[n++], 512,
                 "Redness: expect it to be gone by about %.1f days after each session "
                 "(make-up and social plans accordingly).",
                 s0->redness_gone - s0->day);
    return n;
}

static int write_reports(const plan_args *a, const mn_plan *pl, const double *p,
                         const mn_screening *scr, const char *why, const char *figure)
{
    char path[4096], date[32], date2[32], date3[32];
    char adv[6][512];
    int n_adv = advice(pl, p, adv, 6);
    const mn_plan_candidate *b = &pl->candidates[pl->best];
    for (int html = 0; html < 2; html++) {
        snprintf(path, sizeof path, "%s/plan.%s", a->outdir, html ? "html" : "md");
        FILE *f = fopen(path, "w");
        if (!f) return -1;
        if (html)
            fprintf(f,
                    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<title>mnsim plan</title><style>body{font-family:'DejaVu Sans',sans-serif;"
                    "max-width:60em;margin:2em auto;line-height:1.4}table{border-collapse:collapse}"
                    "td,th{border:1px solid #bbb;padding:.2em .5em;text-align:right}"
                    ".note{background:#fff4d6;padding:.6em;border-left:4px solid #E69F00}"
                    ".warn{background:#fde0dc;padding:.6em;border-left:4px solid #D55E00}"
                    "tr.best{background:#e3f1fb;font-weight:bold}img{max-width:100%%}</style>"
                    "</head><body>\n<h1>Microneedling plan</h1>\n");
        else
            fprintf(f, "# Microneedling plan\n\n");
        fprintf(f, html ? "<p class=\"note\">%s</p>\n" : "> %s\n\n", DISCLAIMER);
        fprintf(f,
                html ? "<p>Patient file: <code>%s</code>; age %g, Fitzpatrick type %d, sensitivity "
                       "%g, sun exposure %g, sunscreen %s.</p>\n"
                     : "Patient file: `%s`; age %g, Fitzpatrick type %d, sensitivity %g, sun "
                       "exposure %g, sunscreen %s.\n\n",
                a->patient, p[P_patient_age_years], (int)p[P_patient_fitzpatrick_type],
                p[P_patient_sensitivity], p[P_patient_sun_exposure],
                p[P_patient_sunscreen] ? "yes" : "no");
        for (int k = 0; k < scr->n_findings; k++)
            fprintf(f,
                    html ? "<p class=\"warn\">Warning (%s, approved by a doctor): %s.</p>\n"
                         : "**Warning** (%s, approved by a doctor): %s.\n\n",
                    scr->findings[k].condition, scr->findings[k].reason);
        fprintf(f,
                html ? "<h2>Recommended interval: %g days</h2>\n<p>"
                     : "## Recommended interval: %g days\n\n",
                b->interval_days);
        if (html)
            html_escape(f, why);
        else
            fputs(why, f);
        char gain[96], scar[96], red[96];
        range_text(pl->gain_q, "%.1f", " %", gain, sizeof gain);
        range_text(pl->scar_q, "%.0f", " %", scar, sizeof scar);
        range_text(pl->redness_q, "%.1f", " days", red, sizeof red);
        fprintf(f,
                " Expected range (10th–90th percentile of %d plausible parameter sets): matured "
                "new collagen %s, scar reduction %s, visible redness %s per session.%s",
                pl->ensemble_members, gain, scar, red, html ? "</p>\n" : "\n\n");
        fprintf(
            f, html
                   ? "<h2>Sessions</h2>\n<table><tr><th>session</th><th>date</th><th>redness gone"
                     "</th><th>no acids until</th><th>strict sun protection until</th></tr>\n"
                   : "## Sessions\n\n| session | date | redness gone | no acids until | strict sun "
                     "protection until |\n|---:|---|---|---|---|\n");
        for (int k = 0; k < pl->n_sessions; k++) {
            const mn_plan_session *s = &pl->sessions[k];
            date_of(a, s->day, date, sizeof date);
            date_of(a, ceil(s->redness_gone), date2, sizeof date2);
            date_of(a, ceil(s->acid_free_until), date3, sizeof date3);
            char sun[32];
            date_of(a, ceil(s->sun_protect_until), sun, sizeof sun);
            fprintf(f,
                    html ? "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n"
                         : "| %d | %s | %s | %s | %s |\n",
                    k + 1, date, date2, date3, sun);
        }
        fprintf(f, html ? "</table>\n<h2>Aftercare (from the simulated course)</h2>\n<ul>\n"
                        : "\n## Aftercare (from the simulated course)\n\n");
        for (int k = 0; k < n_adv; k++) {
            if (html) {
                fputs("<li>", f);
                html_escape(f, adv[k]);
                fputs("</li>\n", f);
            } else {
                fprintf(f, "- %s\n", adv[k]);
            }
        }
        fprintf(f, html ? "</ul>\n<h2>Candidate schedules</h2>\n" : "\n## Candidate schedules\n\n");
        if (html) {
            fprintf(f, "<table><tr><th>interval (days)</th><th>sessions</th><th>matured new "
                       "collagen (%%)</th>"
                       "<th>scar reduction (%%)</th><th>visible redness per session (days)</th>"
                       "<th>PIH risk</th><th>score</th></tr>\n");
            for (int k = 0; k < pl->n_candidates; k++) {
                const mn_plan_candidate *c = &pl->candidates[k];
                if (!c->ok) continue;
                double risk = mn_plan_pih_risk(c->metrics, p),
                       scar = c->metrics[M_scar_reduction_percent];
                fprintf(f,
                        "<tr%s><td>%g</td><td>%d</td><td>%.1f</td><td>%.0f</td><td>%.1f</td>"
                        "<td>%s (%.2f)</td><td>%.3f</td></tr>\n",
                        k == pl->best ? " class=\"best\"" : "", c->interval_days, c->sessions,
                        c->metrics[M_matured_collagen_gain_percent], isfinite(scar) ? scar : 0,
                        c->metrics[M_redness_days_per_session], pih_label(risk), risk, c->score);
            }
            fprintf(f, "</table>\n");
        } else {
            print_table(f, pl, p, 1);
        }
        if (figure)
            fprintf(f,
                    html ? "<h2>The recommended course</h2>\n<img src=\"%s\" alt=\"simulated "
                           "course for the recommended interval\">\n"
                         : "\n## The recommended course\n\n![simulated course for the recommended "
                           "interval](%s)\n",
                    figure);
        fprintf(f, html ? "<p><small>Score and weights: docs/PLANNING.md. All candidates: plan.h5."
                          "</small></p>\n</body></html>\n"
                        : "\nScore and weights: docs/PLANNING.md. All candidates: plan.h5.\n");
        if (fclose(f) != 0) return -1;
    }
    return 0;
}

static int write_plan_h5(const plan_args *a, const mn_plan *pl, const double *p, mn_error *err)
{
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/plan.h5", a->outdir);
    mn_partial_name(path, tmp, sizeof tmp);
    hid_t f = H5Fcreate(tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0) return mn_fail(err, "%s: cannot create", tmp);
    int rc = mn_h5_provenance(f, "plan", "mnsim plan: candidate schedules for one patient", mn_argc,
                              mn_argv);
    rc |= mn_h5_write_parameters((long)f, p);
    rc |= mn_h5_attr_double(f, "recommended_interval_days", pl->candidates[pl->best].interval_days);
    size_t n = (size_t)pl->n_candidates;
    double *v = malloc(n * sizeof *v);
    if (!v) rc = -1;
    for (size_t k = 0; v && k < n; k++)
        v[k] = pl->candidates[k].interval_days;
    hid_t scale = v ? mn_h5_dataset_1d(f, "interval_days", n, v) : -1;
    rc |= scale < 0;
    if (scale >= 0) {
        rc |= mn_h5_describe(scale, "day", "interval between sessions",
                             "candidate interval between sessions (schedule.interval_days)");
        rc |= mn_h5_make_scale(scale, "interval_days");
    }
    for (int m = -4; v && scale >= 0 && m < M_COUNT; m++) {
        const char *name, *units, *desc;
        for (size_t k = 0; k < n; k++) {
            const mn_plan_candidate *c = &pl->candidates[k];
            v[k] = m == -4   ? c->score
                   : m == -3 ? c->benefit
                   : m == -2 ? c->cost
                   : m == -1 ? (c->ok ? 1 : 0)
                             : (c->ok ? c->metrics[m] : NAN);
        }
        static const char *extra[][3] = {{"score", "1", "benefit - cost (docs/PLANNING.md)"},
                                         {"benefit", "1", "weighted, normalised benefits"},
                                         {"cost", "1", "weighted, normalised costs"},
                                         {"status", "1", "1 = simulated, 0 = failed"}};
        if (m < 0)
            name = extra[m + 4][0], units = extra[m + 4][1], desc = extra[m + 4][2];
        else
            name = mn_metric_table[m].name, units = mn_metric_table[m].unit,
            desc = mn_metric_table[m].description;
        hid_t d;
        char long_name[256];
        mn_h5_long_name(name, desc, long_name, sizeof long_name);
        if (m == -1) { /* status: an integer flag */
            int *iv = malloc(n * sizeof *iv);
            for (size_t k = 0; iv && k < n; k++)
                iv[k] = (int)v[k];
            d = iv ? mn_h5_dataset_1d_int(f, name, n, iv) : -1;
            free(iv);
            static const int status_values[] = {0, 1};
            if (d >= 0) {
                rc |= mn_h5_attr_ints(d, "flag_values", status_values, 2);
                rc |= mn_h5_attr_str(d, "flag_meanings", "failed simulated");
                snprintf(long_name, sizeof long_name, "status of the candidate");
            }
        } else {
            d = mn_h5_dataset_1d(f, name, n, v);
        }
        rc |= d < 0;
        if (d >= 0) {
            rc |= mn_h5_describe(d, units, long_name, desc);
            rc |= mn_h5_attach(d, scale, 0);
            H5Dclose(d);
        }
    }
    if (scale >= 0) H5Dclose(scale);
    free(v);
    if (H5Fclose(f) < 0) rc = -1;
    if (rc != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return mn_fail(err, "%s: writing failed", path);
    }
    return 0;
}

/* Render the recommended course through the plot layer (the code of `mnsim plot`). Returns the
 * figure's path relative to DIR, or NULL (the plot layer has printed why). */
static const char *render_figure(const plan_args *a, const char *course_h5, char *name, size_t size)
{
    char dir[4200], panel[4300];
    snprintf(dir, sizeof dir, "%s/figures", a->outdir);
    mn_error err = {{0}};
    if (mn_plot_file(course_h5, dir, "png", NULL, 0, 1, &err) != 0) {
        fprintf(stderr, "mnsim: error: %s\n", err.msg);
        return NULL;
    }
    snprintf(panel, sizeof panel, "%s/panels.png", dir);
    if (access(panel, R_OK) != 0) return NULL;
    snprintf(name, size, "figures/panels.png");
    return name;
}

int mn_cmd_plan(int argc, char **argv)
{
    plan_args a = {0};
    int rc = parse_plan_args(argc, argv, &a);
    if (rc) {
        free(a.sets);
        return rc;
    }
    mn_error err = {{0}};
    double p[P_COUNT];
    const char *files[2] = {a.patient, a.procedure};
    if (mn_load_run_params(p, files, a.procedure ? 2 : 1, a.sets, a.n_sets, &err) != 0) {
        free(a.sets);
        return mn_input_error(&err);
    }
    free(a.sets);
    mn_screening scr = mn_screen(p, a.doctor_approved);
    if (scr.verdict != MN_SCREEN_OK) {
        for (int k = 0; k < scr.n_findings; k++)
            if (scr.findings[k].refused || scr.verdict == MN_SCREEN_NEEDS_DOCTOR)
                fprintf(stderr, "mnsim plan: %s: %s — %s (%s = 1)%s\n",
                        scr.findings[k].refused ? "refused" : "needs a doctor's approval",
                        scr.findings[k].condition, scr.findings[k].reason,
                        scr.findings[k].parameter,
                        scr.findings[k].refused
                            ? ""
                            : "; rerun with --doctor-approved once a doctor agrees");
        return MN_EXIT_REFUSED;
    }
    for (int k = 0; k < scr.n_findings; k++)
        fprintf(stderr,
                "mnsim plan: warning: %s — %s; proceeding because --doctor-approved was given\n",
                scr.findings[k].condition, scr.findings[k].reason);
    if (mn_make_parent_dir(a.outdir, &err) != 0) return mn_runtime_error(&err);
    if (mkdir(a.outdir, 0777) != 0 && errno != EEXIST) {
        mn_fail(&err, "%s: cannot create the directory: %s", a.outdir, strerror(errno));
        return mn_runtime_error(&err);
    }
    mn_plan pl;
    if (mn_plan_run(p, &a.rq, &pl, &err) != 0) {
        mn_plan_free(&pl);
        return mn_runtime_error(&err);
    }
    char why[2048], course[4200], fig[512];
    reasons(&pl, p, why, sizeof why);
    /* the recommended course as a run file, plotted through the plot layer */
    double pc[P_COUNT];
    mn_plan_course_params(p, &a.rq, pl.candidates[pl.best].interval_days, pc);
    snprintf(course, sizeof course, "%s/recommended_course.h5", a.outdir);
    mn_runner *w = mn_runner_new();
    mn_trace tr = {0};
    mn_observer ob = mn_trace_observer(&tr, pc[P_output_step_days]);
    mn_result res;
    const char *figure = NULL;
    rc = 0;
    if (!w || mn_run_course(w, pc, &ob, &res) != 0 ||
        mn_write_run_file(course, pc, &tr, &res, a.patient, mn_argc, mn_argv, &err) != 0)
        rc = mn_runtime_error(err.msg[0] ? &err
                                         : &(mn_error){"simulating the recommended course failed"});
    else if (!(figure = render_figure(&a, course, fig, sizeof fig)))
        fprintf(stderr, "mnsim plan: warning: the course figure could not be rendered; the reports "
                        "are written without it\n");
    mn_trace_free(&tr);
    mn_runner_free(w);
    if (rc == 0 && write_plan_h5(&a, &pl, p, &err) != 0) rc = mn_runtime_error(&err);
    if (rc == 0 && write_reports(&a, &pl, p, &scr, why, figure) != 0) {
        mn_fail(&err, "%s: cannot write plan.md / plan.html", a.outdir);
        rc = mn_runtime_error(&err);
    }
    if (rc == 0 && !a.quiet) {
        print_table(stdout, &pl, p, 0);
        printf("\nRecommended interval: %g days\n%s\n", pl.candidates[pl.best].interval_days, why);
        printf("\nwrote %s/plan.md, %s/plan.html, %s/plan.h5%s\n", a.outdir, a.outdir, a.outdir,
               figure ? " and the course figure" : " (no figure: `mnsim plot` unavailable)");
    }
    mn_plan_free(&pl);
    return rc;
}
