/* plan_text.c — recommendation, reasons and warnings of a plan as text, generated only from the
 * computed outcomes (docs/PLANNING.md), and RFC 5545 content lines for the calendar export. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plan_text.h"

const char *mn_plan_pih_label(double index)
{
    return index >= 1 ? "high" : index >= 0.3 ? "moderate" : "low";
}

/* Append to buf (bounded, always terminated). */
static void cat(char *buf, size_t size, const char *fmt, ...)
{
    size_t n = strlen(buf);
    if (n + 1 >= size) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}

void mn_plan_recommendation(const mn_plan *pl, char *buf, size_t size)
{
    const mn_plan_candidate *lo = &pl->candidates[pl->group_lo],
                            *hi = &pl->candidates[pl->group_hi];
    double best = pl->candidates[pl->best].spec.interval_days;
    if (pl->group_lo == pl->group_hi) {
        snprintf(buf, size, "every %g days", best);
        return;
    }
    if (pl->group_contiguous) {
        snprintf(buf, size, "every %g–%g days (within that range, choose what suits the patient)",
                 lo->spec.interval_days, hi->spec.interval_days);
    } else { /* the model's outcomes are not monotonic: name the equivalent intervals */
        int n = 0, total = 0;
        for (int k = pl->group_lo; k <= pl->group_hi; k++)
            total += pl->candidates[k].equivalent;
        snprintf(buf, size, "every ");
        for (int k = pl->group_lo; k <= pl->group_hi; k++)
            if (pl->candidates[k].equivalent)
                cat(buf, size, "%s%g",
                    n++ == 0     ? ""
                    : n == total ? " or "
                                 : ", ",
                    pl->candidates[k].spec.interval_days);
        cat(buf, size, " days (these cannot be told apart; choose what suits the patient)");
    }
    cat(buf, size, "; best single interval: %g days", best);
}

/* One term of the score difference between the best b and candidate k, as words. */
typedef struct {
    double weight; /* > 0: k is worse in this term (it lowers k's score) */
    char text[160];
} term;

static int by_weight(const void *pa, const void *pb)
{
    const term *a = pa, *b = pb;
    return fabs(a->weight) < fabs(b->weight) ? 1 : fabs(a->weight) > fabs(b->weight) ? -1 : 0;
}

static double nrm(double ref)
{
    return isfinite(ref) && fabs(ref) > 1e-9 ? fabs(ref) : 1.0;
}

static void compare_with(const mn_plan *pl, const double *p, const mn_plan_candidate *k, char *buf,
                         size_t size)
{
    const mn_plan_candidate *b = &pl->candidates[pl->best];
    const double *mb = b->metrics, *mk = k->metrics, *ref = pl->reference_metrics;
    term t[5];
    int n = 0;
    double gb = mb[M_matured_collagen_gain_percent], gk = mk[M_matured_collagen_gain_percent];
    t[n].weight = p[P_plan_weight_collagen] * (gb - gk) / nrm(ref[M_matured_collagen_gain_percent]);
    snprintf(t[n++].text, sizeof t[0].text, "%s new collagen (%.1f %% vs %.1f %%)",
             gk < gb ? "less" : "more", gk, gb);
    double sb = isfinite(mb[M_scar_reduction_percent]) ? mb[M_scar_reduction_percent] : 0;
    double sk = isfinite(mk[M_scar_reduction_percent]) ? mk[M_scar_reduction_percent] : 0;
    double sref = isfinite(ref[M_scar_reduction_percent]) ? ref[M_scar_reduction_percent] : 0;
    t[n].weight = sref > 1e-9 ? p[P_plan_weight_scar] * (sb - sk) / sref : 0;
    snprintf(t[n++].text, sizeof t[0].text, "%s scar reduction (%.0f %% vs %.0f %%)",
             sk < sb ? "less" : "more", sk, sb);
    double rb = mb[M_redness_visible_days], rk = mk[M_redness_visible_days];
    t[n].weight = p[P_plan_weight_redness] * (rk - rb) / nrm(ref[M_redness_visible_days]);
    snprintf(t[n++].text, sizeof t[0].text,
             "%s visible redness (%.0f vs %.0f days over the course)", rk > rb ? "more" : "less",
             rk, rb);
    double ib = mb[M_peak_irritation], ik = mk[M_peak_irritation];
    t[n].weight = p[P_plan_weight_irritation] * (ik - ib) / nrm(ref[M_peak_irritation]);
    snprintf(t[n++].text, sizeof t[0].text, "%s irritation (peak %.2f vs %.2f per day)",
             ik > ib ? "more" : "less", ik, ib);
    double pb = mn_plan_pih_risk(mb, p), pk = mn_plan_pih_risk(mk, p);
    t[n].weight = p[P_plan_weight_pigment] * (pk - pb);
    snprintf(t[n++].text, sizeof t[0].text,
             "a %s PIH risk (pigment peak %.2f vs %.2f of the visible level)",
             pk > pb ? "higher" : "lower", pk, pb);
    qsort(t, (size_t)n, sizeof t[0], by_weight);
    cat(buf, size, " Every %g days scores lower (%.3f vs %.3f", k->spec.interval_days, k->score,
        b->score);
    if (isfinite(k->p_beats_best))
        cat(buf, size, "; it beats the recommendation in %.0f %% of the ensemble",
            100 * k->p_beats_best);
    cat(buf, size, ")");
    if (k->sessions != b->sessions)
        cat(buf, size, " with %d sessions instead of %d", k->sessions, b->sessions);
    const double tiny = 1e-3; /* score units: below this a term is not worth naming */
    int worse = 0, better = 0;
    for (int i = 0; i < n; i++)
        if (t[i].weight > tiny) cat(buf, size, "%s%s", worse++ ? " and " : ": ", t[i].text);
    for (int i = 0; i < n; i++)
        if (t[i].weight < -tiny)
            cat(buf, size, "%s%s",
                better++ ? " and "
                : worse  ? ", which outweighs "
                         : ": ",
                t[i].text);
    if (!worse && !better) cat(buf, size, ": the outcomes are practically the same");
    cat(buf, size, ".");
}

void mn_plan_reasons(const mn_plan *pl, const double *p, char *buf, size_t size)
{
    const mn_plan_candidate *b = &pl->candidates[pl->best];
    buf[0] = '\0';
    if (pl->n_candidates == 1)
        cat(buf, size,
            "Only the requested interval was simulated (--interval); its score %.3f is on the "
            "same scale as a full search (docs/PLANNING.md), so it can be compared with one. ",
            b->score);
    cat(buf, size,
        "Every %g days: %d sessions give %+.1f %% matured new collagen in the treated layer (10–90 "
        "%%: %+.1f to %+.1f; "
        "relative to the layer's day-0 collagen)",
        b->spec.interval_days, b->sessions, b->metrics[M_matured_collagen_gain_percent],
        b->q[MN_PO_GAIN][0], b->q[MN_PO_GAIN][2]);
    if (isfinite(b->metrics[M_scar_reduction_percent]))
        cat(buf, size, " and %.0f %% less scar severity", b->metrics[M_scar_reduction_percent]);
    cat(buf, size,
        "; redness stays visible about %.1f days per session; PIH risk is %s (pigment peak %.2f of "
        "the visible level).",
        b->metrics[M_redness_days_per_session], mn_plan_pih_label(mn_plan_pih_risk(b->metrics, p)),
        mn_plan_pih_risk(b->metrics, p));
    if (pl->n_candidates > 1) {
        int eq = 0;
        for (int k = 0; k < pl->n_candidates; k++)
            eq += pl->candidates[k].equivalent && k != pl->best;
        if (eq)
            cat(buf, size,
                " %d other interval%s cannot be told apart from it: each beats it in at least "
                "%.0f %% of the ensemble.",
                eq, eq > 1 ? "s" : "", 100 * p[P_plan_equivalence_probability]);
        else
            cat(buf, size, " It beats every other interval in most of the ensemble.");
        if (pl->best > 0) compare_with(pl, p, &pl->candidates[0], buf, size);
        if (pl->best < pl->n_candidates - 1)
            compare_with(pl, p, &pl->candidates[pl->n_candidates - 1], buf, size);
    }
}

/* The wider search to suggest when the best lies on an edge. */
static void wider(const mn_plan *pl, double *lo, double *hi)
{
    double a = pl->candidates[0].spec.interval_days,
           b = pl->candidates[pl->n_candidates - 1].spec.interval_days, w = fmax(b - a, 7);
    if (pl->edge > 0)
        *lo = fmax(1, b - floor(w / 2)), *hi = fmin(365, b + w);
    else
        *lo = fmax(1, a - w), *hi = fmin(365, a + floor(w / 2));
}

int mn_plan_warnings(const mn_plan *pl, const double *p, const mn_plan_request *rq,
                     const mn_screening *scr, mn_plan_warning *w, int max)
{
    int n = 0;
    const mn_plan_candidate *b = &pl->candidates[pl->best];
    for (int k = 0; k < scr->n_findings && n < max; k++, n++) {
        snprintf(w[n].title, sizeof w[n].title, "Doctor-approved condition: %s",
                 scr->findings[k].condition);
        snprintf(w[n].text, sizeof w[n].text,
                 "%s. Action: keep the doctor's approval with this plan, follow their "
                 "instructions for each session, and stop and refer back at any unusual bleeding, "
                 "infection or delayed healing. The model does not simulate this condition.",
                 scr->findings[k].reason);
    }
    if (pl->edge && n < max) {
        double lo, hi;
        wider(pl, &lo, &hi);
        snprintf(w[n].title, sizeof w[n].title,
                 "Best interval at the %s edge of the searched range",
                 pl->edge > 0 ? "upper" : "lower");
        snprintf(w[n].text, sizeof w[n].text,
                 "The best interval, %g days, is the %s interval searched (%g–%g days): the "
                 "optimum may lie beyond it. Action: search a wider range, e.g. --search %g:%g.",
                 b->spec.interval_days, pl->edge > 0 ? "longest" : "shortest",
                 pl->candidates[0].spec.interval_days,
                 pl->candidates[pl->n_candidates - 1].spec.interval_days, lo, hi);
        n++;
    }
    double pih = mn_plan_pih_risk(b->metrics, p);
    if (pih >= p[P_plan_warn_pih_index] && n < max) {
        double lo = INFINITY, hi = -INFINITY;
        for (int k = 0; k < pl->n_candidates; k++)
            if (pl->candidates[k].ok) {
                double v = mn_plan_pih_risk(pl->candidates[k].metrics, p);
                lo = fmin(lo, v), hi = fmax(hi, v);
            }
        snprintf(w[n].title, sizeof w[n].title,
                 "High risk of post-inflammatory hyperpigmentation (PIH)");
        snprintf(
            w[n].text, sizeof w[n].text,
            "PIH risk %.2f for the recommended course (pigment peak / visible level; 10–90 %%: "
            "%.2f–%.2f; %g or more: visible PIH expected); the searched intervals range from %.2f "
            "to %.2f. Action: "
            "strict sun protection (daily broad-spectrum SPF 30+, shade, no tanning) and a "
            "longer interval.",
            pih, b->q[MN_PO_PIH][0], b->q[MN_PO_PIH][2], p[P_plan_warn_pih_index], lo, hi);
        if (isfinite(pl->pih_alt_metrics[M_pigment_peak]))
            cat(w[n].text, sizeof w[n].text,
                " The model predicts for daily sunscreen and every %g days: PIH risk %.2f (%s) "
                "and %+.1f %% matured new collagen (against %+.1f %%).",
                pl->pih_alt_interval, mn_plan_pih_risk(pl->pih_alt_metrics, p),
                mn_plan_pih_label(mn_plan_pih_risk(pl->pih_alt_metrics, p)),
                pl->pih_alt_metrics[M_matured_collagen_gain_percent],
                b->metrics[M_matured_collagen_gain_percent]);
        n++;
    }
    if (p[P_patient_sensitivity] >= p[P_plan_warn_sensitivity] && n < max) {
        double h =
            pl->n_sessions > 0 ? 24 * (pl->sessions[0].acid_free_until - pl->sessions[0].day) : NAN;
        snprintf(w[n].title, sizeof w[n].title, "Sensitive skin: no acids while it heals");
        snprintf(w[n].text, sizeof w[n].text,
                 "Sensitivity %.2f (warning from %.2f). Action: no acids or exfoliants (AHA/BHA, "
                 "retinoids, scrubs) for %.0f hours after each session, until the barrier is back.",
                 p[P_patient_sensitivity], p[P_plan_warn_sensitivity], ceil(h));
        if (isfinite(pl->acid_alt_metrics[M_peak_irritation])) {
            if (pl->acid_alt_day >= 0)
                cat(w[n].text, sizeof w[n].text,
                    " The model predicts a peak irritation of %.2f per day with an acid product "
                    "%g day after each session, against %.2f without.",
                    pl->acid_alt_metrics[M_peak_irritation], pl->acid_alt_day,
                    pl->booked.metrics[M_peak_irritation]);
            else
                cat(w[n].text, sizeof w[n].text,
                    " The model predicts a peak irritation of %.2f per day with the planned acid "
                    "product (aftercare.acid_days = %g), against %.2f without.",
                    pl->booked.metrics[M_peak_irritation], p[P_aftercare_acid_days],
                    pl->acid_alt_metrics[M_peak_irritation]);
        }
        n++;
    }
    const mn_plan_candidate *c = &pl->booked;
    if (c->metrics[M_redness_days_per_session] > p[P_plan_warn_redness_days] && n < max) {
        snprintf(w[n].title, sizeof w[n].title, "Long downtime");
        snprintf(w[n].text, sizeof w[n].text,
                 "Visible redness about %.1f days per session (10–90 %%: %.1f–%.1f), more than "
                 "the stated threshold of %g days. Action: book sessions before free days and "
                 "consider a milder procedure (shorter needles or a lighter peel).",
                 c->metrics[M_redness_days_per_session], c->q[MN_PO_REDNESS][0],
                 c->q[MN_PO_REDNESS][2], p[P_plan_warn_redness_days]);
        n++;
    }
    if (!(c->q[MN_PO_GAIN][1] > 0) && n < max) {
        snprintf(w[n].title, sizeof w[n].title, "No new collagen expected");
        snprintf(
            w[n].text, sizeof w[n].text,
            "The median matured new collagen of the ensemble is %+.1f %% (stated threshold: more "
            "than 0). Action: reconsider the treatment or its schedule with the patient.",
            c->q[MN_PO_GAIN][1]);
        n++;
    }
    (void)rq;
    return n;
}

/* Is byte c a UTF-8 continuation byte? */
static int continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

void mn_ics_line(FILE *out, const char *name, const char *value, int escape)
{
    char line[8192];
    size_t n = (size_t)snprintf(line, sizeof line, "%s:", name);
    for (const char *s = value; *s && n + 3 < sizeof line; s++) {
        if (escape && (*s == '\\' || *s == ';' || *s == ',')) {
            line[n++] = '\\', line[n++] = *s;
        } else if (escape && *s == '\n') {
            line[n++] = '\\', line[n++] = 'n';
        } else if (*s != '\r') {
            line[n++] = *s;
        }
    }
    line[n] = '\0';
    /* fold: at most 75 octets per physical line (the leading space of a continuation counts) */
    size_t pos = 0, limit = 75;
    while (n - pos > limit) {
        size_t cut = pos + limit;
        while (cut > pos && continuation((unsigned char)line[cut]))
            cut--;
        fwrite(line + pos, 1, cut - pos, out);
        fputs("\r\n ", out);
        pos = cut;
        limit = 74;
    }
    fwrite(line + pos, 1, n - pos, out);
    fputs("\r\n", out);
}
