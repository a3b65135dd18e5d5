/* scar.h — an existing atrophic scar (Goodman-Baron-like visual grade) filled by the maturing new
 * matrix of the treated layer where the needles reach it, seen with a visual lag of weeks, with a
 * floor for large/deep scars; and scar formation when inflammation is intense and prolonged (deep
 * peels), which microneedling does not reach. */
#ifndef MN_SCAR_H
#define MN_SCAR_H

#define scar_STATES(S)                                                                             \
    S(scar_fill, "1", "fraction of the scar's reducible volume filled by matured new matrix")      \
    S(scar_formed, "1", "grade of new scar tissue formed by intense inflammation")                 \
    S(scar_severity, "1", "visible scar severity grade (0 = none, 4 = severe)")
#define scar_OBSERVABLES(O)
#define scar_PARAMS(P)                                                                             \
    P(scar, fill_per_matrix, "1", MN_REAL, 2.0, 0, 1000, NULL,                                     \
      "scar fill per unit of new layer matrix matured, for a deep, narrow scar fully reached",     \
      "calibrated: about one Goodman-Baron grade over 3 monthly sessions (Tirmizi et al. 2021; "   \
      "Majid 2009; claims C8, L3)")                                                                \
    P(scar, visual_lag_days, "day", MN_REAL, 21, 0.1, 365, NULL,                                   \
      "time constant with which the visible grade follows the fill",                               \
      "modelling assumption: surface contour follows dermal remodelling over weeks (scars keep "   \
      "improving for months, Aust et al. 2008)")                                                   \
    P(scar, width_scale_mm, "mm", MN_REAL, 6, 0.01, 100, NULL,                                     \
      "scars wider than this fill proportionally slower (more matrix to replace)",                 \
      "calibrated: large scars need repeated visits (seed; Majid 2009)")                           \
    P(scar, superficial_depth_mm, "mm", MN_REAL, 0.42, 0.01, 4, NULL,                              \
      "scars shallower than this lie inside the remodelled papillary zone and fill much faster",   \
      "modelling assumption: papillary dermis ~0.3-0.5 mm; small scars may disappear after one "   \
      "treatment (seed)")                                                                          \
    P(scar, superficial_exponent, "1", MN_REAL, 6, 0, 20, NULL,                                    \
      "steepness of the superficial-scar speed-up: 1 + (superficial_depth / depth)^exponent",      \
      "modelling assumption: sharp transition at the papillary/reticular border")                  \
    P(scar, floor_depth_mm, "mm", MN_REAL, 1.0, 0.01, 10, NULL,                                    \
      "scar depth at which half of the maximal irreducible fraction remains",                      \
      "modelling assumption: deep tethered scars keep a residue (seed: may not disappear)")        \
    P(scar, floor_max, "1", MN_REAL, 0.4, 0, 1, NULL,                                              \
      "largest irreducible fraction of a scar's initial grade",                                    \
      "calibrated: large scars fade dramatically but not fully (claims C8)")                       \
    P(scar, formation_threshold, "1", MN_REAL, 4.0, 0, 100, NULL,                                  \
      "inflammation above which new scar tissue forms",                                            \
      "modelling assumption: scarring needs intense, prolonged dermal inflammation")               \
    P(scar, formation_per_day, "1/day", MN_REAL, 0.02, 0, 10, NULL,                                \
      "scar formation per (inflammation above threshold)^2 per day", "modelling assumption")

#endif
