/* patient.h — the patient profile: age, skin type, sensitivity, sun, scar and the conditions that
 * the source names as contraindications (screened by `mnsim plan`). No states of its own. */
#ifndef MN_PATIENT_H
#define MN_PATIENT_H

#define patient_STATES(S)
#define patient_OBSERVABLES(O)
#define patient_PARAMS(P)                                                                          \
    P(patient, age_years, "year", MN_REAL, 35, 18, 95, NULL, "age of the patient", "user input")   \
    P(patient, fitzpatrick_type, "1", MN_INT, 3, 1, 6, NULL, "Fitzpatrick skin type I-VI (1-6)",   \
      "Fitzpatrick 1988")                                                                          \
    P(patient, sensitivity, "1", MN_REAL, 0, 0, 1, NULL,                                           \
      "skin sensitivity: 0 = normal, 1 = very sensitive (slower barrier repair, more irritation)", \
      "user input")                                                                                \
    P(patient, sun_exposure, "1", MN_REAL, 0.3, 0, 1, NULL,                                        \
      "daily UV exposure: 0 = indoors, 1 = several hours outdoors in strong sun", "user input")    \
    P(patient, sunscreen, "1", MN_BOOL, 1, 0, 1, NULL, "uses broad-spectrum sunscreen daily",      \
      "user input")                                                                                \
    P(patient, scar_grade, "1", MN_REAL, 2, 0, 4, NULL,                                            \
      "initial scar severity on a Goodman-Baron-like 0-4 grade (0 = no scar; default: mild "       \
      "rolling acne scars)",                                                                       \
      "Goodman & Baron 2006 (qualitative acne-scar grading)")                                      \
    P(patient, scar_depth_mm, "mm", MN_REAL, 0.5, 0.05, 4, NULL, "depth of the scar",              \
      "user input")                                                                                \
    P(patient, scar_width_mm, "mm", MN_REAL, 1.5, 0.1, 30, NULL, "width of the scar",              \
      "user input")                                                                                \
    P(patient, wrinkle_grade, "1", MN_REAL, 2, 0, 5, NULL,                                         \
      "wrinkle grade on day 0 (Lemperle 0-5: 0 none, 1 just perceptible, 2 shallow, 3 moderate, "  \
      "4 deep, 5 very deep)",                                                                      \
      "Lemperle et al. 2001 Plast Reconstr Surg 108:1735 (wrinkle assessment scale)")              \
    P(patient, pregnant, "1", MN_BOOL, 0, 0, 1, NULL, "pregnant (contraindication)",               \
      "seed: pregnant women should avoid microneedling")                                           \
    P(patient, psoriasis, "1", MN_BOOL, 0, 0, 1, NULL, "active psoriasis (contraindication)",      \
      "seed: may worsen")                                                                          \
    P(patient, cold_sores, "1", MN_BOOL, 0, 0, 1, NULL, "active cold sores (contraindication)",    \
      "seed: may worsen / spread")                                                                 \
    P(patient, severe_acne, "1", MN_BOOL, 0, 0, 1, NULL, "severe active acne (contraindication)",  \
      "seed: may worsen")                                                                          \
    P(patient, bleeding_disorder, "1", MN_BOOL, 0, 0, 1, NULL,                                     \
      "bleeding disorder (doctor's approval needed)", "seed: talk to a doctor")                    \
    P(patient, severe_illness, "1", MN_BOOL, 0, 0, 1, NULL,                                        \
      "severe illness (doctor's approval needed)", "seed: talk to a doctor")

#endif
