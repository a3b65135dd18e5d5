/* screen.c — contraindication screening (seed document, "Use with Caution"). */
#include "screen.h"
#include "model.h"

static const struct {
    int param;
    const char *condition, *parameter, *reason;
    int refused;
} rules[] = {
    {P_patient_pregnant, "pregnancy", "patient.pregnant",
     "avoid during pregnancy: microneedling switches the body into repair mode and may reduce the "
     "vitamins and minerals available for the baby",
     1},
    {P_patient_psoriasis, "psoriasis", "patient.psoriasis",
     "active psoriasis may flare and worsen after skin injury", 1},
    {P_patient_cold_sores, "cold sores", "patient.cold_sores",
     "active cold sores may worsen and spread across the treated skin", 1},
    {P_patient_severe_acne, "severe acne", "patient.severe_acne",
     "severe active acne may worsen and spread", 1},
    {P_patient_bleeding_disorder, "bleeding disorder", "patient.bleeding_disorder",
     "a bleeding disorder needs a doctor's approval before microneedling", 0},
    {P_patient_severe_illness, "severe illness", "patient.severe_illness",
     "a severe illness needs a doctor's approval before microneedling", 0},
};

mn_screening mn_screen(const double *p, int doctor_approved)
{
    mn_screening s = {MN_SCREEN_OK, 0, {{0}}};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        if (p[rules[i].param] == 0) continue;
        s.findings[s.n_findings].condition = rules[i].condition;
        s.findings[s.n_findings].parameter = rules[i].parameter;
        s.findings[s.n_findings].reason = rules[i].reason;
        s.findings[s.n_findings].refused = rules[i].refused;
        s.n_findings++;
        if (rules[i].refused)
            s.verdict = MN_SCREEN_REFUSED;
        else if (!doctor_approved && s.verdict == MN_SCREEN_OK)
            s.verdict = MN_SCREEN_NEEDS_DOCTOR;
    }
    return s;
}
