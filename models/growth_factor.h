/* growth_factor.h — the growth-factor signal (PDGF, TGF-beta from platelets and macrophages) that
 * follows inflammation with a delay of days and recruits fibroblasts; and the age factor that
 * lengthens every healing time scale (proliferation, barrier repair, maturation). */
#ifndef MN_GROWTH_FACTOR_H
#define MN_GROWTH_FACTOR_H

#define growth_factor_STATES(S)                                                                    \
    S(growth_factor, "1", "growth-factor signal (PDGF/TGF-beta) following inflammation")
#define growth_factor_OBSERVABLES(O)
#define growth_factor_PARAMS(P)                                                                    \
    P(growth_factor, tau_days, "day", MN_REAL, 2.5, 0.05, 30, NULL,                                \
      "time constant with which the growth-factor signal follows inflammation (age 25)",           \
      "fibroblasts enter a wound from day 2-3 driven by PDGF/TGF-beta of macrophages "             \
      "(wound-healing texts); macrophage removal ~0.6/day (Jin et al. 2011); Segal et al. 2012")   \
    P(growth_factor, age_slowing_per_year, "1/year", MN_REAL, 0.01, 0, 0.05, NULL,                 \
      "healing time scales are multiplied by 1 + slowing * (age - 25)+",                           \
      "re-epithelialisation, proliferation, angiogenesis and collagen deposition delayed in aged " \
      "skin (Gerstein et al. 1993 Dermatol Clin 11:749; Sgonc & Gruber 2013 Gerontology "          \
      "59:159); ~1 %/year is a modelling assumption within their qualitative findings")

#endif
