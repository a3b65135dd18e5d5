/* screen.h — screening a patient profile against the contraindications of the source document:
 * refused conditions (pregnancy, psoriasis, cold sores, severe acne) and conditions that need a
 * doctor's approval (bleeding disorder, severe illness). */
#ifndef MN_SCREEN_H
#define MN_SCREEN_H

#include <stddef.h>

typedef enum { MN_SCREEN_OK, MN_SCREEN_NEEDS_DOCTOR, MN_SCREEN_REFUSED } mn_screen_verdict;

typedef struct {
    mn_screen_verdict verdict;
    int n_findings;
    struct {
        const char *condition; /* e.g. "pregnancy" */
        const char *parameter; /* e.g. "patient.pregnant" */
        const char *reason;    /* why, from the source */
        int refused;           /* 1 = refused, 0 = doctor's approval needed */
    } findings[8];
} mn_screening;

/* Screen the patient parameters of p. With doctor_approved, conditions that need a doctor become
 * warnings (verdict OK, findings kept); refused conditions stay refused. */
mn_screening mn_screen(const double *p, int doctor_approved);

#endif
