/* schedule.c — building the event list of a course from its parameters. */
#include <math.h>
#include <stdlib.h>

#include "model.h"
#include "schedule.h"

const char *mn_event_kind_name(mn_event_kind k)
{
    static const char *names[] = {"session", "serum", "acid"};
    return names[k];
}

static int push(mn_schedule *s, double day, mn_event_kind kind, int session)
{
    if (s->n_events == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 32;
        mn_event *e = realloc(s->events, cap * sizeof *e);
        if (!e) return -1;
        s->events = e;
        s->cap = cap;
    }
    s->events[s->n_events++] = (mn_event){day, kind, session};
    return 0;
}

static int by_day(const void *a, const void *b)
{
    const mn_event *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    if (x->kind != y->kind) return (int)x->kind - (int)y->kind; /* session first */
    return x->session - y->session;
}

int mn_params_validate(const double *p, mn_error *err)
{
    double first = p[P_schedule_first_day], interval = p[P_schedule_interval_days];
    double end = p[P_schedule_course_days];
    int sessions = (int)p[P_schedule_sessions];
    if (first >= end)
        return mn_fail(err,
                       "schedule.first_day = %g is not before the end of the course "
                       "(schedule.course_days = %g)",
                       first, end);
    if (sessions > 0 && first + (sessions - 1) * interval >= end)
        return mn_fail(err,
                       "schedule: %d sessions every %g days from day %g need "
                       "schedule.course_days > %g (it is %g); lower schedule.sessions or set it "
                       "to 0 for as many as fit",
                       sessions, interval, first, first + (sessions - 1) * interval, end);
    if (end / p[P_output_step_days] > 5e6)
        return mn_fail(err, "output.step_days = %g gives more than 5 million samples over %g days",
                       p[P_output_step_days], end);
    return 0;
}

int mn_schedule_build(const double *p, mn_schedule *s, mn_error *err)
{
    return mn_schedule_build_visits(p, NULL, s, err);
}

int mn_schedule_build_visits(const double *p, const mn_visit_list *visits, mn_schedule *s,
                             mn_error *err)
{
    if (visits) {
        for (int k = 0; k < visits->n; k++)
            if (!(visits->day[k] >= 0) || visits->day[k] >= p[P_schedule_course_days] ||
                (k > 0 && visits->day[k] <= visits->day[k - 1]))
                return mn_fail(err,
                               "visit %d on day %g: expected days >= 0, increasing and before "
                               "schedule.course_days = %g",
                               k + 1, visits->day[k], p[P_schedule_course_days]);
    } else if (mn_params_validate(p, err) != 0) {
        return -1;
    }
    s->n_events = 0;
    s->n_sessions = 0;
    s->end_day = p[P_schedule_course_days];
    double first = p[P_schedule_first_day], interval = p[P_schedule_interval_days];
    int wanted = (int)p[P_schedule_sessions];
    double serum_days = p[P_aftercare_serum_hours] / 24.0, acid_days = p[P_aftercare_acid_days];
    /* sessions = 0 means "as many as fit" for a regular schedule only: an empty visit list has
     * none */
    for (int k = 0; visits ? k < visits->n : wanted == 0 || k < wanted; k++) {
        double day = visits ? visits->day[k] : first + k * interval;
        if (day >= s->end_day) break;
        if (push(s, day, EV_SESSION, k) != 0) goto oom;
        if (serum_days >= 0 && day + serum_days < s->end_day &&
            push(s, day + serum_days, EV_SERUM, k))
            goto oom;
        if (acid_days >= 0 && day + acid_days < s->end_day && push(s, day + acid_days, EV_ACID, k))
            goto oom;
        s->n_sessions++;
    }
    if (s->n_events > 1) qsort(s->events, s->n_events, sizeof *s->events, by_day);
    return 0;
oom:
    return mn_fail(err, "out of memory building the schedule");
}

void mn_schedule_free(mn_schedule *s)
{
    free(s->events);
    *s = (mn_schedule){0};
}
