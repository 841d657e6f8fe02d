"""Glossary: the terms a reader meets in lsc-phm, each explained once in plain words.

The Data and methods page shows every entry; the Inequalities page explains its own terms on first use from the
same entries (:func:`first_use`), so a term is worded the same way wherever it appears.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance. https://fingertips.phe.org.uk/profile/guidance
.. [2] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
.. [3] Newcombe RG. Interval estimation for the difference between independent proportions: comparison of eleven
   methods. Stat Med 1998;17:873-890 (MOVER / hybrid Wilson intervals).
.. [4] NHS England. Core20PLUS5: an approach to reducing healthcare inequalities (2021).
"""

from __future__ import annotations

__all__ = ["GLOSSARY", "first_use", "markdown"]

#: Term -> plain explanation, in the order a reader is most likely to need them.
GLOSSARY: dict[str, str] = {
    "LSOA": "Lower layer super output area: a neighbourhood defined by ONS for statistics, usually of 1,000 to "
    "3,000 residents (400 to 1,200 households). 2011 LSOAs go with IMD 2019, 2021 LSOAs with IMD 2025.",
    "IMD": "Index of Multiple Deprivation (MHCLG): a score and rank of relative deprivation for every LSOA in "
    "England, built from income, employment, education, health, crime, housing and living environment.",
    "IMD decile": "One tenth of England's LSOAs ranked by IMD: decile 1 is the most deprived 10% nationally, decile "
    "10 the least deprived. A quintile is one fifth. Local deciles rank areas within the ICB or place "
    "instead, so local decile 1 is the most deprived tenth of that area, not of England.",
    "Core20": "The most deprived 20% of LSOAs in England (national IMD deciles 1 and 2), the population NHS "
    "England's Core20PLUS5 approach targets.",
    "SII": "Slope index of inequality: the difference between the most and least deprived ends of a straight line "
    "fitted through every deprivation group (weighted by population), in the indicator's units. Here it "
    "reads most deprived minus least deprived, like every gap: positive means higher in the most deprived. "
    "(OHID's Fingertips publishes the opposite sign.)",
    "RII": "Relative index of inequality: the same fitted line as a ratio, most deprived end over least deprived "
    "end; above 1 means higher in the most deprived.",
    "Ridit": "The position of a deprivation group on a 0-to-1 scale of the population, from the most deprived (0) to "
    "the least deprived (1): the midpoint of the group's share of the people. The SII line is fitted "
    "against ridits, so groups of different sizes count in proportion to their people.",
    "Gap": "The most deprived group's value minus the least deprived group's (or the Core20's minus the rest's). "
    "A ratio divides them the same way round.",
    "pp (percentage points)": "The difference between two percentages: 9.1% and 3.5% differ by 5.6 percentage "
    "points (not by 5.6%).",
    "MOVER": "Method of variance estimates recovery: a confidence interval for a difference or ratio built from the "
    "two groups' own confidence limits (Newcombe), as OHID does for gaps.",
    "Confidence interval": "The range within which the true value probably lies, given the random variation in "
    "the counts: 95% or 99.8% (OHID's two levels). Two values are called significantly "
    "different only when the test says so, never by colour alone.",
    "Wilson": "Wilson score interval: the confidence interval OHID uses for a proportion (a percentage of a "
    "population), which stays within 0-100% for small counts.",
    "Byars": "Byars' approximation to the exact Poisson interval: the confidence interval OHID uses for a count "
    "or a crude rate of events.",
    "DSR": "Directly standardised rate: a rate re-weighted to the 2013 European Standard Population, so areas with "
    "older or younger people can be compared. Intervals by Dobson's method.",
    "Crude": "Counted over the whole population as it is, with no adjustment for age. A crude gradient by "
    "deprivation can partly reflect age: more deprived areas often have younger people.",
    "Age-standardised": "Adjusted to a standard age structure (see DSR), so differences in age between areas do "
    "not explain the difference in the figure.",
    "QOF prevalence": "Quality and Outcomes Framework register size over list size: people with a condition "
    "recorded by their GP practice. Crude, and it reflects case-finding and coding as well as "
    "illness.",
    "Funnel plot": "Each practice's value against its size, with 95% and 99.8% control limits around a benchmark: "
    "a practice outside the 99.8% limits is very unlikely to differ by chance alone.",
    "PCN": "Primary care network: a group of neighbouring GP practices (typically 30,000 to 50,000 patients) "
    "working together; here values are summed from the practices.",
    "Sub-ICB location": "The former clinical commissioning group areas inside an ICB (ODS codes such as 00Q), used "
    "to group GP practices.",
    "ICB": "Integrated care board: the NHS body that plans health services for an area (here Lancashire and South "
    "Cumbria).",
    "Place": "A local-authority-based footprint within the ICB where health and care partners work together.",
    "Suppressed": "A count below 10, hidden with its value and interval (and a second value where needed) so that "
    "no small count can be worked out. A true zero is shown as zero.",
}


def markdown() -> str:
    """The whole glossary as a markdown list: "- **Term**: explanation"."""
    return "\n".join(f"- **{term}**: {text}" for term, text in GLOSSARY.items())


def first_use(*terms: str) -> str:
    """The given terms explained in one paragraph, for the first place a page uses them.

    Raises
    ------
    ValueError
        For a term that is not in :data:`GLOSSARY`.

    Examples
    --------
    >>> first_use("pp (percentage points)")[:40]
    '**pp (percentage points)**: The differen'
    """
    unknown = [term for term in terms if term not in GLOSSARY]
    if unknown:
        raise ValueError(f"not in the glossary: {', '.join(unknown)}")
    return " ".join(f"**{term}**: {GLOSSARY[term]}" for term in terms)
