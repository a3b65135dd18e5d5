/* plan_text.h — the words of a plan, generated from its computed outcomes: the recommendation
 * (equivalence group as a range plus the best single interval), the reasons (compared with
 * candidates that actually score lower, in the direction the numbers show), the warnings (each
 * with its recommended action and the model's prediction for it), and RFC 5545 content lines. */
#ifndef MN_PLAN_TEXT_H
#define MN_PLAN_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "plan.h"
#include "screen.h"

typedef struct {
    char title[160];
    char text[1536];
} mn_plan_warning;

/* "every 21–28 days (within that range, choose what suits the patient); best single interval:
 * 25 days" or "every 25 days". */
void mn_plan_recommendation(const mn_plan *pl, char *buf, size_t size);

/* Why the best candidate was chosen (see the file comment). */
void mn_plan_reasons(const mn_plan *pl, const double *p, char *buf, size_t size);

/* Warnings: doctor-approved conditions, range edge, PIH, sensitive skin with acids, outcomes beyond
 * the plan.warn_* thresholds. Returns how many were written (at most max). */
int mn_plan_warnings(const mn_plan *pl, const double *p, const mn_plan_request *rq,
                     const mn_screening *scr, mn_plan_warning *w, int max);

/* "low" / "moderate" / "high" for a PIH index. */
const char *mn_plan_pih_label(double index);

/* One iCalendar content line "NAME:VALUE" (name may carry parameters, e.g. "DTSTART;VALUE=DATE"),
 * the value TEXT-escaped if escape (backslash, semicolon, comma, newline), folded at 75 octets
 * (never inside a UTF-8 sequence) and ended with CRLF. */
void mn_ics_line(FILE *out, const char *name, const char *value, int escape);

#endif
