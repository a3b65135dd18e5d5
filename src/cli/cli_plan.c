/* cli_plan.c — `mnsim plan`: screen a patient, compare candidate intervals (and the clinician's
 * own schedules, --compare) with uncertainty bands, recommend a range and the best interval with
 * its reasons and warnings, book the sessions on clinic days, and write plan.md, plan.html
 * (printable report with figures), plan.h5 (every candidate), sessions.csv and sessions.ics.
 * A refused patient gets plan.md/plan.html stating the condition, the reason and what to do. */
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
#include "outfile.h"
#include "inifile.h"
#include "params.h"
#include "plan.h"
#include "plan_text.h"
#include "plot.h"
#include "runfile.h"
#include "runner.h"
#include "screen.h"

#define MAX_COMPARE 8
#define MAX_WARN 8

typedef struct {
    const char *patient, *procedure, *outdir, *start;
    char outbuf[4096]; /* outdir without trailing slashes, or the default */
    char **sets;
    int n_sets, doctor_approved, quiet;
    const char *compare_text[MAX_COMPARE];
    int n_compare;
    unsigned closed_days;
    const char *clinic_days;
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

static const char *DAY_NAMES[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int day_index(const char *s, size_t len)
{
    for (int d = 0; d < 7; d++)
        if (len == 3 && strncasecmp(s, DAY_NAMES[d], 3) == 0) return d;
    return -1;
}

/* "Mon-Fri", "Mon,Wed,Fri", "Tue-Sat" ... -> mask of CLOSED days (bit 0 = Monday). */
static int parse_clinic_days(const char *text, unsigned *closed)
{
    unsigned open = 0;
    const char *s = text;
    while (*s) {
        const char *e = s + strcspn(s, ",");
        const char *dash = memchr(s, '-', (size_t)(e - s));
        int a = day_index(s, (size_t)((dash ? dash : e) - s));
        int b = dash ? day_index(dash + 1, (size_t)(e - dash - 1)) : a;
        if (a < 0 || b < 0) return -1;
        for (int d = a;; d = (d + 1) % 7) {
            open |= 1u << d;
            if (d == b) break;
        }
        s = *e ? e + 1 : e;
    }
    if (!open) return -1;
    *closed = ~open & 0x7fu;
    return 0;
}

static int weekday_of(time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    return (tm.tm_wday + 6) % 7; /* 0 = Monday */
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
    static const struct option opts[] = {{"patient", required_argument, NULL, 'p'},
                                         {"set", required_argument, NULL, 's'},
                                         {"sessions", required_argument, NULL, 'n'},
                                         {"horizon-days", required_argument, NULL, 'H'},
                                         {"interval", required_argument, NULL, 'i'},
                                         {"search", required_argument, NULL, 'r'},
                                         {"procedure", required_argument, NULL, 'P'},
                                         {"start", required_argument, NULL, 'd'},
                                         {"doctor-approved", no_argument, NULL, 'D'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"compare", required_argument, NULL, 'c'},
                                         {"clinic-days", required_argument, NULL, 'C'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"threads", required_argument, NULL, 't'},
                                         {NULL, 0, NULL, 0}};
    a->rq = (mn_plan_request){14, 42, 0, 182, 90, NULL, 0, 0, 0, 0};
    a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
    if (!a->sets) return mn_usage_error("plan", "out of memory");
    int have_interval = 0, have_search = 0, have_sessions = 0, have_horizon = 0, c;
    double v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "p:s:o:qt:", opts, NULL)) != -1) {
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
        case 't':
            if (parse_positive(optarg, &v) != 0 || v != floor(v) || v > 4096)
                return mn_usage_error("plan", "--threads: '%s' is not a whole number in [1, 4096]",
                                      optarg);
            a->rq.threads = (int)v;
            break;
        case 'c':
            if (a->n_compare == MAX_COMPARE)
                return mn_usage_error("plan", "--compare: at most %d schedules", MAX_COMPARE);
            a->compare_text[a->n_compare++] = optarg;
            break;
        case 'C':
            if (parse_clinic_days(optarg, &a->closed_days) != 0)
                return mn_usage_error("plan",
                                      "--clinic-days %s: expected open weekdays such as Mon-Fri "
                                      "or Mon,Wed,Fri",
                                      optarg);
            a->clinic_days = optarg;
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
    int out_rc = mn_check_output("plan", a->outdir, 1, inputs, a->procedure ? 2 : 1);
    if (out_rc) return out_rc;
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
    a->rq.closed_days = a->closed_days;
    a->rq.start_weekday = weekday_of(a->start_time);
    return 0;
}

/* ---------- --compare schedules ---------- */

typedef struct {
    mn_plan_schedule s[MAX_COMPARE];
    double *param_lists[MAX_COMPARE * 100];
    int n_lists;
} compare_set;

static void compare_free(compare_set *cs)
{
    for (int k = 0; k < MAX_COMPARE; k++)
        free(cs->s[k].days), free(cs->s[k].visit_params);
    for (int k = 0; k < cs->n_lists; k++)
        free(cs->param_lists[k]);
}

/* One --compare value: "DxN" (every D days, N sessions) or a comma-separated list of visits, each
 * a date YYYY-MM-DD or a day number from the start, optionally "@PROCEDURE.ini". */
static int parse_compare(const plan_args *a, const char *text, mn_plan_schedule *s, compare_set *cs,
                         mn_error *err)
{
    char *end;
    double d = strtod(text, &end);
    if (end != text && (*end == 'x' || *end == 'X')) {
        char *e2;
        long n = strtol(end + 1, &e2, 10);
        if (*e2 || d < 1 || d > 365 || d != floor(d) || n < 1 || n > 100)
            return mn_fail(err, "--compare %s: expected DxN (whole days 1-365 x sessions 1-100)",
                           text);
        if (a->rq.sessions == 0 && (n - 1) * d >= a->rq.horizon_days)
            return mn_fail(err,
                           "--compare %s: %ld sessions every %g days do not fit in the %g-day "
                           "horizon (--horizon-days)",
                           text, n, d, a->rq.horizon_days);
        s->interval_days = d, s->sessions = (int)n;
        snprintf(s->label, sizeof s->label, "%g days x %ld", d, n);
        return 0;
    }
    int cap = 1;
    for (const char *c = text; *c; c++)
        cap += *c == ',';
    if (cap > 100) return mn_fail(err, "--compare %s: at most 100 visits", text);
    s->days = calloc((size_t)cap, sizeof *s->days);
    s->visit_params = calloc((size_t)cap, sizeof *s->visit_params);
    if (!s->days || !s->visit_params) return mn_fail(err, "out of memory");
    char item[1200];
    const char *c = text;
    int any_proc = 0;
    while (*c) {
        size_t len = strcspn(c, ",");
        if (len >= sizeof item) return mn_fail(err, "--compare: visit too long");
        memcpy(item, c, len), item[len] = '\0';
        c += len + (c[len] == ',');
        char *at = strchr(item, '@');
        if (at) *at++ = '\0';
        time_t t;
        double day;
        if (parse_date(item, &t) == 0)
            day = floor((double)(t - a->start_time) / 86400.0 + 0.5);
        else if ((day = strtod(item, &end)), end == item || *end || day != floor(day))
            return mn_fail(err,
                           "--compare %s: visit '%s': expected a date YYYY-MM-DD or a whole day "
                           "number from the start",
                           text, item);
        int k = s->n_days;
        if (day < 0 || (k > 0 && day <= s->days[k - 1]))
            return mn_fail(err,
                           "--compare %s: visit '%s' is before the start (--start) or not after "
                           "the previous visit",
                           text, item);
        if (a->rq.sessions == 0 && day >= a->rq.horizon_days)
            return mn_fail(err, "--compare %s: visit '%s' is beyond the %g-day horizon", text, item,
                           a->rq.horizon_days);
        s->days[k] = day;
        if (at) {
            double *q = malloc(P_COUNT * sizeof *q);
            if (!q) return mn_fail(err, "out of memory");
            cs->param_lists[cs->n_lists++] = q;
            const char *files[2] = {a->patient, at};
            if (mn_load_run_params(q, files, 2, a->sets, a->n_sets, err) != 0) return -1;
            s->visit_params[k] = q;
            any_proc = 1;
        }
        s->n_days++;
    }
    if (!any_proc) free(s->visit_params), s->visit_params = NULL;
    snprintf(s->label, sizeof s->label, "%d visit%s on given dates%s", s->n_days,
             s->n_days == 1 ? "" : "s", any_proc ? " (own procedures)" : "");
    return 0;
}

/* ---------- reports ---------- */

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

/* "v [lo–hi]" of an outcome ("v [lo..hi]" on a terminal). */
static const char *band(const mn_plan_candidate *c, int o, double nominal, const char *fmt,
                        const char *dash, char *buf, size_t size)
{
    char a[24], b[24], m[24];
    snprintf(m, sizeof m, fmt, nominal);
    snprintf(a, sizeof a, fmt, c->q[o][0]);
    snprintf(b, sizeof b, fmt, c->q[o][2]);
    snprintf(buf, size, "%s [%s%s%s]", m, a, dash, b);
    return buf;
}

enum { FMT_TERM, FMT_MD, FMT_HTML };

/* One table row of a schedule. */
static void table_row(FILE *f, int fmt, const mn_plan_candidate *c, const double *p,
                      const char *name, const char *mark, int best, int width)
{
    char g[80], s[80], r[80], pi[80], sc[80], pb[32];
    if (!c->ok) {
        if (fmt == FMT_HTML)
            fprintf(f, "<tr><td>%s</td><td colspan=\"8\">failed</td></tr>\n", name);
        else if (fmt == FMT_MD)
            fprintf(f, "| %s | failed | | | | | | | |\n", name);
        else
            fprintf(f, "%-*s failed\n", width, name);
        return;
    }
    double risk = mn_plan_pih_risk(c->metrics, p);
    const char *dash = fmt == FMT_TERM ? ".." : "–"; /* ASCII; "-" would run into a minus sign */
    band(c, MN_PO_GAIN, c->metrics[M_matured_collagen_gain_percent], "%.1f", dash, g, sizeof g);
    band(c, MN_PO_SCAR,
         isfinite(c->metrics[M_scar_reduction_percent]) ? c->metrics[M_scar_reduction_percent] : 0,
         "%.0f", dash, s, sizeof s);
    band(c, MN_PO_REDNESS, c->metrics[M_redness_days_per_session], "%.1f", dash, r, sizeof r);
    band(c, MN_PO_PIH, risk, "%.2f", dash, pi, sizeof pi);
    band(c, MN_PO_SCORE, c->score, "%.3f", dash, sc, sizeof sc);
    if (isfinite(c->p_beats_best))
        snprintf(pb, sizeof pb, "%.0f %%", 100 * c->p_beats_best);
    else
        snprintf(pb, sizeof pb, "%s", best ? "best" : "–");
    if (fmt == FMT_HTML)
        fprintf(f,
                "<tr%s><td>%s%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s %s</td>"
                "<td>%s</td><td>%s</td></tr>\n",
                best            ? " class=\"best\""
                : c->equivalent ? " class=\"equiv\""
                                : "",
                name, mark, c->sessions, g, s, r, mn_plan_pih_label(risk), pi, sc, pb);
    else if (fmt == FMT_MD)
        fprintf(f, "| %s%s | %d | %s | %s | %s | %s %s | %s | %s |\n", name, mark, c->sessions, g,
                s, r, mn_plan_pih_label(risk), pi, sc, pb);
    else
        fprintf(f, "%-*s %3d  %-23s %-13s %-16s %-8s %-18s %-23s %5s%s\n", width, name, c->sessions,
                g, s, r, mn_plan_pih_label(risk), pi, sc, pb, mark);
}

static void table_head(FILE *f, int fmt, const char *first, int width)
{
    if (fmt == FMT_HTML)
        fprintf(f,
                "<table><tr><th>%s</th><th>sessions</th><th>matured new collagen (%%)</th><th>scar "
                "reduction (%%)</th><th>redness per session (days)</th><th>PIH risk "
                "(× visible level)</th><th>score</th><th>beats the best</th></tr>\n",
                first);
    else if (fmt == FMT_MD)
        fprintf(f,
                "| %s | sessions | matured new collagen (%%) | scar reduction (%%) | redness per "
                "session "
                "(days) | PIH risk (× visible level) | score | beats the best |\n"
                "|---|---:|---:|---:|---:|---|---:|---:|\n",
                first);
    else
        fprintf(f, "%-*s %3s  %-23s %-13s %-16s %-27s %-23s %5s\n", width, first, "n",
                "new collagen %", "scar red. %", "redness d/sess.", "PIH risk (x vis)", "score",
                "beats");
}

static void candidate_table(FILE *f, int fmt, const mn_plan *pl, const double *p)
{
    table_head(f, fmt, "interval (days)", 16);
    for (int k = 0; k < pl->n_candidates; k++) {
        const mn_plan_candidate *c = &pl->candidates[k];
        char name[32];
        snprintf(name, sizeof name, "%g", c->spec.interval_days);
        const char *mark = k == pl->best   ? (fmt == FMT_TERM ? "  <- best" : " ← best")
                           : c->equivalent ? (fmt == FMT_TERM ? "  ~ equivalent" : " ≈")
                                           : "";
        table_row(f, fmt, c, p, name, mark, k == pl->best, 16);
    }
    if (fmt == FMT_HTML) fputs("</table>\n", f);
    fprintf(f,
            fmt == FMT_HTML ? "<p><small>Each cell: nominal value [10th–90th percentile of %d "
                              "plausible parameter sets, the same sets for every row]. “Beats the "
                              "best”: share of those sets in which the row scores above the best "
                              "interval; ≈ marks the equivalence group (at least %.0f %%).</small>"
                              "</p>\n"
            : fmt == FMT_MD ? "\nEach cell: nominal value [10th–90th percentile of %d plausible "
                              "parameter sets, the same sets for every row]. *Beats the best*: "
                              "share of those sets in which the row scores above the best "
                              "interval; ≈ marks the equivalence group (at least %.0f %%).\n\n"
                            : "(nominal [10th-90th percentile of %d parameter sets]; beats: share "
                              "of sets scoring above the best; equivalence from %.0f %%)\n",
            pl->ensemble_members, 100 * p[P_plan_equivalence_probability]);
}

static void compare_table(FILE *f, int fmt, const mn_plan *pl, const double *p)
{
    char name[128];
    snprintf(name, sizeof name, "recommended: every %g days",
             pl->candidates[pl->best].spec.interval_days);
    int width = (int)strlen(name); /* the terminal's first column fits the longest label */
    for (int k = 0; k < pl->n_compare; k++)
        if ((int)strlen(pl->compare[k].spec.label) > width)
            width = (int)strlen(pl->compare[k].spec.label);
    table_head(f, fmt, "schedule", width);
    table_row(f, fmt, &pl->candidates[pl->best], p, name, "", 1, width);
    if (pl->booking_moved)
        table_row(f, fmt, &pl->booked, p, "recommended, as booked", "", 0, width);
    for (int k = 0; k < pl->n_compare; k++)
        table_row(f, fmt, &pl->compare[k], p, pl->compare[k].spec.label, "", 0, width);
    if (fmt == FMT_HTML) fputs("</table>\n", f);
    for (int k = 0; k < pl->n_compare; k++) {
        const mn_plan_candidate *c = &pl->compare[k];
        if (!c->ok) continue;
        double risk = mn_plan_pih_risk(c->metrics, p);
        char booking[160] = "";
        if (pl->clinic_booking)
            snprintf(booking, sizeof booking,
                     pl->compare_moved[k]
                         ? "; booked on clinic days like the recommendation: %d session%s moved "
                           "to the next open day, simulated as booked"
                         : "; booked on clinic days like the recommendation: no session on a "
                           "closed day",
                     pl->compare_moved[k], pl->compare_moved[k] == 1 ? "" : "s");
        fprintf(f,
                fmt == FMT_HTML ? "<p>%s: downtime %.0f days of visible redness over the course; "
                                  "PIH risk %s%s%s.</p>\n"
                : fmt == FMT_MD ? "- %s: downtime %.0f days of visible redness over the course; "
                                  "PIH risk %s%s%s.\n"
                                : "  %s: downtime %.0f days of visible redness; PIH risk %s%s%s.\n",
                c->spec.label, c->metrics[M_redness_visible_days], mn_plan_pih_label(risk),
                risk >= p[P_plan_warn_pih_index] ? " (above the warning threshold)" : "", booking);
    }
    if (fmt == FMT_MD) fputs("\n", f);
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
    /* the model divides the barrier repair rate by (1 + slowdown x sensitivity)
     * (mn_barrier_rate): say so with that number, and call the skin sensitive only from the
     * warning level on */
    double slower = 100.0 * p[P_epidermis_sensitivity_slowdown] * p[P_patient_sensitivity];
    char why[160] = "";
    if (p[P_patient_sensitivity] >= p[P_plan_warn_sensitivity])
        snprintf(why, sizeof why,
                 " (longer than for normal skin: at sensitivity %.2f barrier repair takes %.0f %% "
                 "longer)",
                 p[P_patient_sensitivity], slower);
    else if (slower >= 5)
        snprintf(why, sizeof why,
                 " (sensitivity %.2f, below the warning level %.2f, makes barrier repair take %.0f "
                 "%% longer)",
                 p[P_patient_sensitivity], p[P_plan_warn_sensitivity], slower);
    if (n < max)
        snprintf(lines[n++], 512,
                 "Acids and exfoliants (AHA/BHA, retinoids, scrubs): avoid for %.0f hours after "
                 "each session, until the simulated barrier is back to 95 %%%s.",
                 ceil(acid_h), why);
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

static const char *CSS =
    "body{font-family:'DejaVu Sans',sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;"
    "text-align:right}td:first-child,th:first-child{text-align:left}"
    ".note{background:#fff4d6;padding:.6em;border-left:4px solid #E69F00}"
    ".warn{background:#fde0dc;padding:.6em;border-left:6px solid #D55E00;margin:.6em 0}"
    ".warn strong{color:#8a2c00}.rec{background:#e3f1fb;padding:.6em;border-left:6px solid "
    "#0072B2}tr.best{background:#e3f1fb;font-weight:bold}tr.equiv{background:#f1f8fd}"
    "img{max-width:100%}"
    "@media print{@page{size:A4;margin:14mm}body{max-width:none;margin:0;font-size:9.5pt}"
    "h1{font-size:16pt}h2{font-size:12pt;break-after:avoid}table{font-size:7.5pt;width:100%}"
    "td{white-space:nowrap;padding:.1em .3em}"
    "tr,.warn,.rec,.note,figure,img{break-inside:avoid}"
    ".warn,.note,.rec,tr.best,tr.equiv{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "img{max-height:120mm}a{color:inherit;text-decoration:none}}";

static void html_head(FILE *f, const char *title)
{
    fprintf(f,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>"
            "<style>%s</style></head><body>\n<h1>%s</h1>\n",
            title, CSS, title);
}

typedef struct {
    const plan_args *a;
    const mn_plan *pl;
    const double *p;
    const mn_screening *scr;
    const char *why, *rec, *course_fig, *bands_fig;
    const mn_plan_warning *warn;
    int n_warn;
} report;

static void write_text(FILE *f, int html, const char *s)
{
    if (html)
        html_escape(f, s);
    else
        fputs(s, f);
}

static int write_reports(const report *r, mn_error *err)
{
    const plan_args *a = r->a;
    const mn_plan *pl = r->pl;
    const double *p = r->p;
    char path[4096], date[32], date2[32], date3[32], sun[32];
    char adv[6][512];
    int n_adv = advice(pl, p, adv, 6);
    const mn_plan_candidate *b = &pl->candidates[pl->best];
    for (int html = 0; html < 2; html++) {
        int fmt = html ? FMT_HTML : FMT_MD;
        snprintf(path, sizeof path, "%s/plan.%s", a->outdir, html ? "html" : "md");
        mn_outfile o; /* plan.EXT.partial, renamed when complete */
        FILE *f = mn_outfile_open(&o, path, "w");
        if (!f) return mn_outfile_close(&o, err);
        if (html)
            html_head(f, "Microneedling plan");
        else
            fprintf(f, "# Microneedling plan\n\n");
        fprintf(f, html ? "<p class=\"note\">%s</p>\n" : "> %s\n\n", DISCLAIMER);
        fprintf(f,
                html ? "<p>Patient file: <code>%s</code>; age %g, Fitzpatrick type %d, sensitivity "
                       "%g, sun exposure %g, sunscreen %s. First session: %s.</p>\n"
                     : "Patient file: `%s`; age %g, Fitzpatrick type %d, sensitivity %g, sun "
                       "exposure %g, sunscreen %s. First session: %s.\n\n",
                a->patient, p[P_patient_age_years], (int)p[P_patient_fitzpatrick_type],
                p[P_patient_sensitivity], p[P_patient_sun_exposure],
                p[P_patient_sunscreen] ? "yes" : "no",
                date_of(a, pl->n_sessions ? pl->sessions[0].day : 0, date, sizeof date));
        fprintf(f,
                html ? "<h2>Recommended interval: %g days</h2>\n<p class=\"rec\"><strong>"
                       "Recommendation: "
                     : "## Recommended interval: %g days\n\n**Recommendation: ",
                b->spec.interval_days);
        write_text(f, html, r->rec);
        fputs(html ? ".</strong></p>\n" : ".**\n\n", f);
        for (int k = 0; k < r->n_warn; k++) {
            if (html) {
                fputs("<div class=\"warn\"><strong>Warning: ", f);
                html_escape(f, r->warn[k].title);
                fputs(".</strong> ", f);
                html_escape(f, r->warn[k].text);
                fputs("</div>\n", f);
            } else {
                fprintf(f, "> **Warning: %s.** %s\n\n", r->warn[k].title, r->warn[k].text);
            }
        }
        fputs(html ? "<p>" : "", f);
        write_text(f, html, r->why);
        fputs(html ? "</p>\n" : "\n\n", f);
        if (pl->booking_moved)
            fprintf(
                f,
                html ? "<p>Booked on clinic days (%s): %d session%s moved; the booked "
                       "schedule was simulated again: matured new collagen %+.1f %% (recommended "
                       "interval unmoved: %.3f %%).</p>\n"
                     : "Booked on clinic days (%s): %d session%s moved; the booked schedule "
                       "was simulated again: matured new collagen %+.1f %% (recommended interval "
                       "unmoved: %.3f %%).\n\n",
                a->clinic_days, pl->booking_moved, pl->booking_moved == 1 ? "" : "s",
                pl->booked.metrics[M_matured_collagen_gain_percent],
                b->metrics[M_matured_collagen_gain_percent]);
        fprintf(f, html
                       ? "<h2>Sessions</h2>\n<table><tr><th>session</th><th>date</th><th>redness "
                         "gone</th><th>no acids until</th><th>strict sun protection until</th>"
                         "</tr>\n"
                       : "## Sessions\n\n| session | date | redness gone | no acids until | strict "
                         "sun protection until |\n|---:|---|---|---|---|\n");
        for (int k = 0; k < pl->n_sessions; k++) {
            const mn_plan_session *s = &pl->sessions[k];
            date_of(a, s->day, date, sizeof date);
            date_of(a, ceil(s->redness_gone), date2, sizeof date2);
            date_of(a, ceil(s->acid_free_until), date3, sizeof date3);
            date_of(a, ceil(s->sun_protect_until), sun, sizeof sun);
            fprintf(f,
                    html ? "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n"
                         : "| %d | %s | %s | %s | %s |\n",
                    k + 1, date, date2, date3, sun);
        }
        fprintf(f, html ? "</table>\n<p>Calendar: <a href=\"sessions.ics\">sessions.ics</a>, "
                          "<a href=\"sessions.csv\">sessions.csv</a>.</p>\n"
                          "<h2>Aftercare (from the simulated course)</h2>\n<ul>\n"
                        : "\nCalendar: sessions.ics, sessions.csv.\n\n"
                          "## Aftercare (from the simulated course)\n\n");
        for (int k = 0; k < n_adv; k++) {
            fputs(html ? "<li>" : "- ", f);
            write_text(f, html, adv[k]);
            fputs(html ? "</li>\n" : "\n", f);
        }
        fprintf(f, html ? "</ul>\n<h2>Candidate schedules</h2>\n" : "\n## Candidate schedules\n\n");
        candidate_table(f, fmt, pl, p);
        if (r->bands_fig)
            fprintf(f,
                    html ? "<figure><img src=\"%s\" alt=\"outcomes of every candidate interval "
                           "with their 10-90 %% bands\"></figure>\n"
                         : "![outcomes of every candidate interval with their 10-90 %% "
                           "bands](%s)\n\n",
                    r->bands_fig);
        if (pl->n_compare > 0 || pl->booking_moved) {
            fprintf(f,
                    html ? "<h2>Your schedules compared</h2>\n" : "## Your schedules compared\n\n");
            compare_table(f, fmt, pl, p);
        }
        if (r->course_fig)
            fprintf(f,
                    html ? "<h2>The recommended course</h2>\n<figure><img src=\"%s\" "
                           "alt=\"simulated course for the recommended interval\"></figure>\n"
                         : "## The recommended course\n\n![simulated course for the recommended "
                           "interval](%s)\n",
                    r->course_fig);
        fprintf(f, html ? "<p><small>Score and weights: docs/PLANNING.md. All candidates: plan.h5."
                          "</small></p>\n</body></html>\n"
                        : "\nScore and weights: docs/PLANNING.md. All candidates: plan.h5.\n");
        if (mn_outfile_close(&o, err) != 0) return -1;
    }
    return 0;
}

/* What to do for a refused / not yet approved condition. */
static const char *what_to_do(const char *parameter, int refused)
{
    if (!refused)
        return "Ask the patient's doctor; if they approve the treatment, run the plan again with "
               "--doctor-approved (the report will carry a warning).";
    if (strstr(parameter, "pregnant"))
        return "Do not microneedle during pregnancy. Postpone the course until after the "
               "pregnancy and plan it again then; gentle, non-invasive skin care in the meantime.";
    return "Do not microneedle while the condition is present. Treat it first (refer to a "
           "dermatologist or the patient's doctor) and plan again once it is under control.";
}

static int write_refusal(const plan_args *a, const double *p, const mn_screening *scr,
                         mn_error *err)
{
    char path[4096];
    for (int html = 0; html < 2; html++) {
        snprintf(path, sizeof path, "%s/plan.%s", a->outdir, html ? "html" : "md");
        mn_outfile o; /* plan.EXT.partial, renamed when complete */
        FILE *f = mn_outfile_open(&o, path, "w");
        if (!f) return mn_outfile_close(&o, err);
        if (html)
            html_head(f, "Microneedling plan: not advised");
        else
            fputs("# Microneedling plan: not advised\n\n", f);
        fprintf(f, html ? "<p class=\"note\">%s</p>\n" : "> %s\n\n", DISCLAIMER);
        fprintf(f,
                html ? "<p>Patient file: <code>%s</code>; age %g, Fitzpatrick type %d. No schedule "
                       "was simulated.</p>\n"
                     : "Patient file: `%s`; age %g, Fitzpatrick type %d. No schedule was "
                       "simulated.\n\n",
                a->patient, p[P_patient_age_years], (int)p[P_patient_fitzpatrick_type]);
        for (int k = 0; k < scr->n_findings; k++) {
            int refused = scr->findings[k].refused;
            if (!refused && scr->verdict != MN_SCREEN_NEEDS_DOCTOR) continue;
            const char *verdict = refused ? "Refused" : "Needs a doctor's approval";
            if (html)
                fprintf(f,
                        "<div class=\"warn\"><strong>%s: %s</strong> (<code>%s</code>).<br>"
                        "Reason: %s.<br>What to do: %s</div>\n",
                        verdict, scr->findings[k].condition, scr->findings[k].parameter,
                        scr->findings[k].reason, what_to_do(scr->findings[k].parameter, refused));
            else
                fprintf(f, "> **%s: %s** (`%s`).\n>\n> Reason: %s.\n>\n> What to do: %s\n\n",
                        verdict, scr->findings[k].condition, scr->findings[k].parameter,
                        scr->findings[k].reason, what_to_do(scr->findings[k].parameter, refused));
        }
        fputs(html ? "</body></html>\n" : "", f);
        if (mn_outfile_close(&o, err) != 0) return -1;
    }
    return 0;
}

/* sessions.csv and sessions.ics of the booked course. */
static int write_calendar(const plan_args *a, const mn_plan *pl, const double *p, mn_error *err)
{
    char path[4096], d1[32], d2[32], d3[32], d4[32];
    snprintf(path, sizeof path, "%s/sessions.csv", a->outdir);
    mn_outfile o; /* sessions.csv.partial, renamed when complete */
    FILE *f = mn_outfile_open(&o, path, "w");
    if (!f) return mn_outfile_close(&o, err);
    fputs("session,date,weekday,day,redness_gone,no_acids_until,sun_protection_until,"
          "serum_window_hours\n",
          f);
    for (int k = 0; k < pl->n_sessions; k++) {
        const mn_plan_session *s = &pl->sessions[k];
        date_of(a, s->day, d1, sizeof d1);
        date_of(a, ceil(s->redness_gone), d2, sizeof d2);
        date_of(a, ceil(s->acid_free_until), d3, sizeof d3);
        date_of(a, ceil(s->sun_protect_until), d4, sizeof d4);
        fprintf(f, "%d,%s,%.3s,%g,%s,%s,%s,%.1f\n", k + 1, d1 + 4, d1, s->day, d2 + 4, d3 + 4,
                d4 + 4, s->serum_until_hours);
    }
    if (mn_outfile_close(&o, err) != 0) return -1;

    snprintf(path, sizeof path, "%s/sessions.ics", a->outdir);
    f = mn_outfile_open(&o, path, "wb");
    if (!f) return mn_outfile_close(&o, err);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    char stamp[32], v[2048], uid[128];
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    mn_ics_line(f, "BEGIN", "VCALENDAR", 0);
    mn_ics_line(f, "VERSION", "2.0", 0);
    mn_ics_line(f, "PRODID", "-//mnsim//mnsim plan//EN", 0);
    mn_ics_line(f, "CALSCALE", "GREGORIAN", 0);
    mn_ics_line(f, "METHOD", "PUBLISH", 0);
    for (int k = 0; k < pl->n_sessions; k++) {
        const mn_plan_session *s = &pl->sessions[k];
        time_t t = a->start_time + (time_t)llround(floor(s->day) * 86400.0);
        char day[16], next[16];
        gmtime_r(&t, &tm);
        strftime(day, sizeof day, "%Y%m%d", &tm);
        t += 86400;
        gmtime_r(&t, &tm);
        strftime(next, sizeof next, "%Y%m%d", &tm);
        mn_ics_line(f, "BEGIN", "VEVENT", 0);
        snprintf(uid, sizeof uid, "mnsim-plan-%s-session-%d-of-%d@mnsim.invalid", day, k + 1,
                 pl->n_sessions);
        mn_ics_line(f, "UID", uid, 0);
        mn_ics_line(f, "DTSTAMP", stamp, 0);
        mn_ics_line(f, "DTSTART;VALUE=DATE", day, 0);
        mn_ics_line(f, "DTEND;VALUE=DATE", next, 0);
        snprintf(v, sizeof v, "Microneedling session %d of %d", k + 1, pl->n_sessions);
        mn_ics_line(f, "SUMMARY", v, 1);
        date_of(a, ceil(s->redness_gone), d2, sizeof d2);
        date_of(a, ceil(s->acid_free_until), d3, sizeof d3);
        date_of(a, ceil(s->sun_protect_until), d4, sizeof d4);
        snprintf(v, sizeof v,
                 "Aftercare (simulated, mnsim plan; educational model, not medical advice):\n"
                 "- serums: within %.1f hours, gentle products only;\n"
                 "- no acids or exfoliants (AHA/BHA, retinoids, scrubs) until %s;\n"
                 "- strict sun protection (shade, SPF 30+) until %s;\n"
                 "- redness expected to be gone by %s.%s",
                 s->serum_until_hours, d3, d4, d2,
                 p[P_patient_sunscreen] ? "" : "\nDaily sunscreen would lower the PIH risk.");
        mn_ics_line(f, "DESCRIPTION", v, 1);
        mn_ics_line(f, "TRANSP", "OPAQUE", 0);
        mn_ics_line(f, "END", "VEVENT", 0);
    }
    mn_ics_line(f, "END", "VCALENDAR", 0);
    return mn_outfile_close(&o, err);
}

/* One column of outcomes on the schedule dimension; "status" is an integer flag. */
static hid_t write_column(hid_t loc, const char *name, const double *v, size_t n, hid_t scale,
                          const char *units, const char *desc, int *rc)
{
    char long_name[256];
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    mn_h5_long_name(base, desc, long_name, sizeof long_name);
    hid_t d;
    if (strcmp(name, "status") == 0) {
        int *iv = malloc(n * sizeof *iv);
        for (size_t k = 0; iv && k < n; k++)
            iv[k] = (int)v[k];
        d = iv ? mn_h5_dataset_1d_int(loc, name, n, iv) : -1;
        free(iv);
        static const int status_values[] = {0, 1};
        if (d >= 0) {
            *rc |= mn_h5_attr_ints(d, "flag_values", status_values, 2);
            *rc |= mn_h5_attr_str(d, "flag_meanings", "failed simulated");
            snprintf(long_name, sizeof long_name, "status of the candidate");
        }
    } else {
        d = mn_h5_dataset_1d(loc, name, n, v);
    }
    *rc |= d < 0;
    if (d >= 0) {
        *rc |= mn_h5_describe(d, units, long_name, desc);
        if (scale >= 0) *rc |= mn_h5_attach(d, scale, 0);
        H5Dclose(d);
    }
    return d;
}

/* Every schedule's outcomes and bands on one dimension (candidates or compare schedules). */
static int write_group(hid_t g, const mn_plan_candidate *cs, int nc, int with_metrics,
                       const double *p, hid_t scale)
{
    int rc = 0;
    size_t n = (size_t)nc;
    double *v = malloc((n + 1) * sizeof *v);
    if (!v) return -1;
    static const char *extra[][3] = {{"score", "1", "benefit - cost (docs/PLANNING.md)"},
                                     {"benefit", "1", "weighted, normalised benefits"},
                                     {"cost", "1", "weighted, normalised costs"},
                                     {"status", "1", "1 = simulated, 0 = failed"},
                                     {"p_beats_best", "1",
                                      "paired share of the ensemble scoring above the best "
                                      "(NaN for the best)"},
                                     {"equivalent", "1", "1 = in the equivalence group"}};
    for (int m = 0; m < 6; m++) {
        for (size_t k = 0; k < n; k++) {
            const mn_plan_candidate *c = &cs[k];
            v[k] = m == 0   ? c->score
                   : m == 1 ? c->benefit
                   : m == 2 ? c->cost
                   : m == 3 ? c->ok
                   : m == 4 ? c->p_beats_best
                            : c->equivalent;
        }
        write_column(g, extra[m][0], v, n, scale, extra[m][1], extra[m][2], &rc);
    }
    for (int m = 0; with_metrics && m < M_COUNT; m++) {
        for (size_t k = 0; k < n; k++)
            v[k] = cs[k].ok ? cs[k].metrics[m] : NAN;
        write_column(g, mn_metric_table[m].name, v, n, scale, mn_metric_table[m].unit,
                     mn_metric_table[m].description, &rc);
    }
    for (size_t k = 0; k < n && !with_metrics; k++)
        v[k] = cs[k].ok ? cs[k].metrics[M_matured_collagen_gain_percent] : NAN;
    if (!with_metrics)
        write_column(g, "matured_collagen_gain_percent", v, n, scale, "%",
                     "nominal matured new collagen in the treated layer", &rc);
    static const char *qn[3] = {"p10", "p50", "p90"};
    char name[128], desc[256];
    for (int o = 0; o < MN_PO_COUNT; o++)
        for (int q = 0; q < 3; q++) {
            for (size_t k = 0; k < n; k++)
                v[k] = cs[k].q[o][q];
            snprintf(name, sizeof name, "ensemble/%s_%s", mn_plan_outcomes[o].name, qn[q]);
            snprintf(desc, sizeof desc, "%s: %s percentile of the ensemble",
                     mn_plan_outcomes[o].description, qn[q] + 1);
            write_column(g, name, v, n, scale, mn_plan_outcomes[o].unit, desc, &rc);
        }
    (void)p;
    free(v);
    return rc;
}

static int write_plan_h5(const plan_args *a, const mn_plan *pl, const double *p, mn_error *err)
{
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/plan.h5", a->outdir);
    mn_partial_name(path, tmp, sizeof tmp);
    hid_t f = H5Fcreate(tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0) {
        unlink(tmp); /* H5Fcreate may leave an empty file behind (no space for its header) */
        return mn_fail(err, "%s: cannot create the file: %s", tmp,
                       mn_io_reason(tmp, 0, "HDF5 error"));
    }
    int rc = mn_h5_provenance(f, "plan", "mnsim plan: candidate schedules for one patient", mn_argc,
                              mn_argv);
    rc |= mn_h5_write_parameters((long)f, p);
    rc |= mn_h5_attr_double(f, "recommended_interval_days",
                            pl->candidates[pl->best].spec.interval_days);
    rc |= mn_h5_attr_double(f, "recommended_range_min_days",
                            pl->candidates[pl->group_lo].spec.interval_days);
    rc |= mn_h5_attr_double(f, "recommended_range_max_days",
                            pl->candidates[pl->group_hi].spec.interval_days);
    rc |= mn_h5_attr_long(f, "ensemble_members", pl->ensemble_members);
    rc |= mn_h5_attr_long(f, "range_edge", pl->edge);
    rc |= mn_h5_attr_long(f, "booked_sessions_moved", pl->booking_moved);
    size_t n = (size_t)pl->n_candidates;
    double *v = malloc((n + 1) * sizeof *v);
    hid_t ens = H5Gcreate2(f, "ensemble", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (ens >= 0) H5Gclose(ens);
    if (!v) rc = -1;
    for (size_t k = 0; v && k < n; k++)
        v[k] = pl->candidates[k].spec.interval_days;
    hid_t scale = v ? mn_h5_dataset_1d(f, "interval_days", n, v) : -1;
    rc |= scale < 0;
    if (scale >= 0) {
        rc |= mn_h5_describe(scale, "day", "interval between sessions",
                             "candidate interval between sessions (schedule.interval_days)");
        rc |= mn_h5_make_scale(scale, "interval_days");
        rc |= write_group(f, pl->candidates, pl->n_candidates, 1, p, scale);
        H5Dclose(scale);
    }
    if (pl->n_compare > 0) {
        hid_t g = H5Gcreate2(f, "compare", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        hid_t e = g >= 0 ? H5Gcreate2(g, "ensemble", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT) : -1;
        rc |= g < 0 || e < 0;
        if (e >= 0) H5Gclose(e);
        if (g >= 0) {
            for (int k = 0; k < pl->n_compare; k++) {
                char name[32];
                snprintf(name, sizeof name, "label_%d", k);
                rc |= mn_h5_attr_str(g, name, pl->compare[k].spec.label);
            }
            double idx[MAX_COMPARE];
            for (int k = 0; k < pl->n_compare; k++)
                idx[k] = k;
            hid_t sc = mn_h5_dataset_1d(g, "schedule", (size_t)pl->n_compare, idx);
            rc |= sc < 0;
            if (sc >= 0) {
                rc |= mn_h5_describe(sc, "1", "schedule",
                                     "index of the --compare schedule (label_<index> attribute)");
                rc |= mn_h5_make_scale(sc, "schedule");
                rc |= write_group(g, pl->compare, pl->n_compare, 0, p, sc);
                if (pl->clinic_booking) {
                    double moved[MAX_COMPARE];
                    for (int k = 0; k < pl->n_compare; k++)
                        moved[k] = pl->compare_moved[k];
                    write_column(g, "sessions_moved", moved, (size_t)pl->n_compare, sc, "1",
                                 "sessions moved off closed clinic days (--clinic-days); the "
                                 "schedule was simulated as booked",
                                 &rc);
                }
                H5Dclose(sc);
            }
            H5Gclose(g);
        }
    }
    free(v);
    if (mn_h5_close_file(f) != 0) rc = -1; /* a failed close must not crash HDF5's shutdown */
    if (rc != 0) {
        int e = errno;
        unlink(tmp);
        return mn_fail(err, "%s: writing the HDF5 file failed: %s", path,
                       mn_io_reason(path, e, "HDF5 error"));
    }
    return mn_outfile_commit(tmp, path, err); /* fsync, then rename into place */
}

/* 1 if gnuplot can be run: without it the figures are left out of the plan with a warning; with
 * it, a figure that cannot be rendered (a full disk...) fails the plan. */
static int gnuplot_available(void)
{
    mn_plotter plr;
    mn_error err = {{0}};
    if (mn_plotter_init(&plr, "png", &err) != 0) return 0;
    int ok = access(plr.gnuplot, X_OK) == 0;
    mn_plotter_done(&plr);
    return ok;
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

/* Outcomes of every candidate with their 10-90 % bands (scripts/plan_bands.gp). */
static const char *render_bands(const plan_args *a, const mn_plan *pl, const double *p, char *name,
                                size_t size)
{
    mn_plotter plr;
    mn_error err = {{0}};
    char data[4200], out[4200], vars[8192] = "";
    const char *result = NULL;
    if (mn_plotter_init(&plr, "png", &err) != 0) goto done;
    snprintf(data, sizeof data, "%s/bands.tsv", plr.tmpdir);
    FILE *f = fopen(data, "w");
    if (!f) {
        mn_fail(&err, "%s: cannot write the data of the figure: %s", data,
                mn_io_reason(data, errno, strerror(errno)));
        goto done;
    }
    fputs("interval\tgain\tgain_lo\tgain_hi\tpih\tpih_lo\tpih_hi\tscore\tscore_lo\tscore_hi\t"
          "red\tred_lo\tred_hi\n",
          f);
    for (int k = 0; k < pl->n_candidates; k++) {
        const mn_plan_candidate *c = &pl->candidates[k];
        if (!c->ok) continue;
        fprintf(f, "%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\n", c->spec.interval_days,
                c->metrics[M_matured_collagen_gain_percent], c->q[MN_PO_GAIN][0],
                c->q[MN_PO_GAIN][2], mn_plan_pih_risk(c->metrics, p), c->q[MN_PO_PIH][0],
                c->q[MN_PO_PIH][2], c->score, c->q[MN_PO_SCORE][0], c->q[MN_PO_SCORE][2],
                c->metrics[M_redness_days_per_session], c->q[MN_PO_REDNESS][0],
                c->q[MN_PO_REDNESS][2]);
    }
    int werr = ferror(f) ? (errno ? errno : EIO) : 0;
    if (fclose(f) != 0 && !werr) werr = errno ? errno : EIO;
    if (werr) {
        mn_fail(&err, "%s: cannot write the data of the figure: %s", data,
                mn_io_reason(data, werr, strerror(werr)));
        goto done;
    }
    snprintf(out, sizeof out, "%s/figures", a->outdir);
    if (mn_mkdir_p(out, &err) != 0) goto done;
    snprintf(out, sizeof out, "%s/figures/candidates.png", a->outdir);
    mn_gp_str(vars, sizeof vars, "data", data);
    mn_gp_num(vars, sizeof vars, "best", pl->candidates[pl->best].spec.interval_days);
    char equiv[2048] = "";
    for (int k = 0; k < pl->n_candidates; k++)
        if (pl->candidates[k].equivalent)
            snprintf(equiv + strlen(equiv), sizeof equiv - strlen(equiv), "%g ",
                     pl->candidates[k].spec.interval_days);
    mn_gp_str(vars, sizeof vars, "equiv", equiv);
    mn_gp_num(vars, sizeof vars, "pih_warn", p[P_plan_warn_pih_index]);
    if (mn_plot_run(&plr, "plan_bands.gp", vars, out, &err) == 0) {
        snprintf(name, size, "figures/candidates.png");
        result = name;
    }
done:
    if (!result && err.msg[0])
        fprintf(stderr, "%s: %s\n", gnuplot_available() ? "mnsim: error" : "mnsim plan: warning",
                err.msg);
    mn_plotter_done(&plr);
    return result;
}

int mn_cmd_plan(int argc, char **argv)
{
    plan_args a = {0};
    compare_set cs;
    memset(&cs, 0, sizeof cs);
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
    for (int k = 0; k < a.n_compare; k++)
        if (parse_compare(&a, a.compare_text[k], &cs.s[k], &cs, &err) != 0) {
            compare_free(&cs);
            free(a.sets);
            return mn_input_error(&err);
        }
    free(a.sets);
    a.sets = NULL;
    a.rq.compare = cs.s;
    a.rq.n_compare = a.n_compare;
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
        /* the refusal is only told in full by the reports: failing to write them is a failure */
        mn_dir_snapshot snap;
        mn_dir_snapshot_take(&snap, a.outdir);
        compare_free(&cs);
        if (mn_make_parent_dir(a.outdir, &err) != 0) {
            mn_dir_snapshot_free(&snap);
            return mn_runtime_error(&err);
        }
        if (mkdir(a.outdir, 0777) != 0 && errno != EEXIST) {
            mn_fail(&err, "%s: cannot create the directory: %s", a.outdir,
                    mn_io_reason(a.outdir, errno, strerror(errno)));
            mn_dir_take_back(&snap, a.outdir);
            return mn_runtime_error(&err);
        }
        if (write_refusal(&a, p, &scr, &err) != 0) {
            mn_dir_take_back(&snap, a.outdir); /* no plan.md without its plan.html */
            return mn_runtime_error(&err);
        }
        mn_dir_snapshot_free(&snap);
        fprintf(stderr, "mnsim plan: wrote %s/plan.md and %s/plan.html (what to do)\n", a.outdir,
                a.outdir);
        return MN_EXIT_REFUSED;
    }
    for (int k = 0; k < scr.n_findings; k++)
        fprintf(stderr,
                "mnsim plan: warning: %s — %s; proceeding because --doctor-approved was given\n",
                scr.findings[k].condition, scr.findings[k].reason);
    /* a failed plan takes back every file it wrote (DIR holds a whole plan or none of this
     * run's files) */
    mn_dir_snapshot snap;
    mn_dir_snapshot_take(&snap, a.outdir);
    if (mn_make_parent_dir(a.outdir, &err) != 0 ||
        (mkdir(a.outdir, 0777) != 0 && errno != EEXIST)) {
        compare_free(&cs);
        if (!err.msg[0])
            mn_fail(&err, "%s: cannot create the directory: %s", a.outdir,
                    mn_io_reason(a.outdir, errno, strerror(errno)));
        mn_dir_take_back(&snap, a.outdir);
        return mn_runtime_error(&err);
    }
    mn_plan pl;
    if (mn_plan_run(p, &a.rq, &pl, &err) != 0) {
        mn_plan_free(&pl);
        compare_free(&cs);
        mn_dir_take_back(&snap, a.outdir);
        return mn_runtime_error(&err);
    }
    char why[8192], rec[512], course[4200], fig[512], bfig[512];
    mn_plan_warning warn[MAX_WARN];
    mn_plan_reasons(&pl, p, why, sizeof why);
    mn_plan_recommendation(&pl, rec, sizeof rec);
    int n_warn = mn_plan_warnings(&pl, p, &a.rq, &scr, warn, MAX_WARN);
    /* the recommended course as booked, as a run file, plotted through the plot layer */
    double pc[P_COUNT];
    mn_plan_schedule_params(p, &a.rq, &pl.booked.spec, pc); /* as simulated (booked days) */
    snprintf(course, sizeof course, "%s/recommended_course.h5", a.outdir);
    mn_runner *w = mn_runner_new();
    mn_trace tr = {0};
    mn_observer ob = mn_trace_observer(&tr, pc[P_output_step_days]);
    mn_result res;
    const char *figure = NULL, *bands = NULL;
    rc = 0;
    if (!w || mn_plan_simulate(w, p, &a.rq, &pl.booked.spec, &ob, &res) != 0 ||
        mn_write_run_file(course, pc, &tr, &res, a.patient, mn_argc, mn_argv, &err) != 0)
        rc = mn_runtime_error(err.msg[0] ? &err
                                         : &(mn_error){"simulating the recommended course failed"});
    else if (!(figure = render_figure(&a, course, fig, sizeof fig))) {
        if (gnuplot_available())
            rc = MN_EXIT_RUNTIME; /* gnuplot failed (a full disk...): the plan is incomplete */
        else
            fprintf(stderr, "mnsim plan: warning: the course figure could not be rendered; the "
                            "reports are written without it\n");
    }
    mn_trace_free(&tr);
    mn_runner_free(w);
    if (rc == 0 && !(bands = render_bands(&a, &pl, p, bfig, sizeof bfig)) && gnuplot_available())
        rc = MN_EXIT_RUNTIME;
    if (rc == 0 && write_plan_h5(&a, &pl, p, &err) != 0) rc = mn_runtime_error(&err);
    report r = {&a, &pl, p, &scr, why, rec, figure, bands, warn, n_warn};
    if (rc == 0 && (write_reports(&r, &err) != 0 || write_calendar(&a, &pl, p, &err) != 0))
        rc = mn_runtime_error(&err);
    if (rc == 0 && !a.quiet) {
        candidate_table(stdout, FMT_TERM, &pl, p);
        if (pl.n_compare > 0 || pl.booking_moved) {
            printf("\n");
            compare_table(stdout, FMT_TERM, &pl, p);
        }
        printf("\nRecommended interval: %g days\nRecommendation: %s.\n%s\n",
               pl.candidates[pl.best].spec.interval_days, rec, why);
        for (int k = 0; k < n_warn; k++)
            printf("\nWARNING: %s. %s\n", warn[k].title, warn[k].text);
        if (pl.booking_moved)
            printf("\nBooked on clinic days (%s): %d session%s moved, re-simulated.\n",
                   a.clinic_days, pl.booking_moved, pl.booking_moved == 1 ? "" : "s");
        printf("\nwrote %s/plan.md, plan.html, plan.h5, recommended_course.h5, sessions.csv, "
               "sessions.ics%s\n",
               a.outdir,
               figure ? " and the figures" : " (no course figure: `mnsim plot` unavailable)");
    }
    if (rc != 0) {
        /* and an older plan's files, which this one was replacing (a partly replaced plan would
         * mix two runs) */
        static const char *const names[] = {"plan.md",
                                            "plan.html",
                                            "plan.h5",
                                            "sessions.csv",
                                            "sessions.ics",
                                            "recommended_course.h5",
                                            "figures/panels.png",
                                            "figures/redness.png",
                                            "figures/candidates.png"};
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            char old[4300];
            snprintf(old, sizeof old, "%s/%s", a.outdir, names[k]);
            unlink(old);
        }
        mn_dir_take_back(&snap, a.outdir);
    } else
        mn_dir_snapshot_free(&snap);
    mn_plan_free(&pl);
    compare_free(&cs);
    return rc;
}
