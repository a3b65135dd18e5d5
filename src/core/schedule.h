/* schedule.h — a course's visits and aftercare as data: the sorted list of events (sessions,
 * serum and acid applications) built from the schedule and aftercare parameters. */
#ifndef MN_SCHEDULE_H
#define MN_SCHEDULE_H

#include <stddef.h>

#include "error.h"

typedef enum { EV_SESSION, EV_SERUM, EV_ACID } mn_event_kind;

typedef struct {
    double day;
    mn_event_kind kind;
    int session; /* index of the session this event belongs to */
} mn_event;

typedef struct {
    mn_event *events;
    size_t n_events, cap;
    int n_sessions;
    double end_day;
} mn_schedule;

/* Explicit visits instead of the regular schedule.* parameters: n session days (strictly
 * increasing, >= 0, before schedule.course_days) and, optionally, the parameters of each visit's
 * procedure (session_params[k] NULL or the whole list: the session jump of visit k uses it). */
typedef struct {
    int n;
    const double *day;
    const double *const *session_params;
} mn_visit_list;

/* Build the events of the course described by p (reusing s's memory). Checks that the sessions
 * fit in the course. visits: NULL for the regular schedule of p. Returns 0 or -1 with err
 * filled. */
int mn_schedule_build(const double *p, mn_schedule *s, mn_error *err);
int mn_schedule_build_visits(const double *p, const mn_visit_list *visits, mn_schedule *s,
                             mn_error *err);
void mn_schedule_free(mn_schedule *s);
const char *mn_event_kind_name(mn_event_kind k);

/* Cross-parameter checks that single-parameter bounds cannot express (run, check and sweeps). */
int mn_params_validate(const double *p, mn_error *err);

#endif
