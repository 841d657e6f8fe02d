"""Plain-English catalogue of the statistical methods, for the Data & methods page.

Each :class:`MethodInfo` names the public function that implements the method,
explains it in two to four sentences for a public-health analyst, says when the
dashboard uses it, and lists its references. The app renders :data:`METHODS`
directly; no numbers live here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["METHODS", "MethodInfo", "method_by_function"]


@dataclass(frozen=True)
class MethodInfo:
    """One statistical method, described for readers of the dashboard.

    Attributes
    ----------
    name : str
        Display name.
    function : str
        Name of the public function in :mod:`lsc_phm.stats`.
    explanation : str
        How the method works, in 2–4 plain sentences.
    when_used : str
        Where and why the dashboard uses it.
    references : tuple of str
        Citations.
    """

    name: str
    function: str
    explanation: str
    when_used: str
    references: tuple[str, ...]


_WILSON = (
    "Wilson EB. Probable inference, the law of succession, and statistical inference. J Am Stat Assoc 1927;22:209–212."
)
_NEWCOMBE_ALTMAN = (
    "Newcombe RG, Altman DG. Proportions and their differences. In: Statistics with Confidence, 2nd ed. "
    "BMJ Books; 2000, pp. 46–48."
)
_BRESLOW_DAY = "Breslow NE, Day NE. Statistical Methods in Cancer Research, Vol. II. IARC; 1987."
_ARMITAGE = "Armitage P, Berry G, Matthews JNS. Statistical Methods in Medical Research, 4th ed. Blackwell; 2002."
_DOBSON = (
    "Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence intervals for weighted sums of Poisson "
    "parameters. Stat Med 1991;10:457–462."
)
_EUROSTAT = "Eurostat. Revision of the European Standard Population — report of Eurostat's task-force. 2013."
_CHIANG = "Chiang CL. Introduction to Stochastic Processes in Biostatistics. Wiley; 1968."
_SILCOCKS = (
    "Silcocks PBS, Jenner DA, Reza R. Life expectancy as a summary of mortality in a population. J "
    "Epidemiol Community Health 2001;55:38–43."
)
_EAYRES = (
    "Eayres DP, Williams ES. Evaluation of methodologies for small area life expectancy estimation. J "
    "Epidemiol Community Health 2004;58:243–249."
)
_LOW = (
    "Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public "
    "Health 2004;26:388–395."
)
_FINGERTIPS = "OHID. Fingertips Public Health Technical Guidance."
_ZOU = (
    "Zou GY, Donner A. Construction of confidence limits about effect measures: a general approach. Stat "
    "Med 2008;27:1693–1702."
)
_SPIEGELHALTER = "Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med 2005;24:1185–1202."
_SULLIVAN = "Sullivan DF. A single index of mortality and morbidity. HSMHA Health Reports 1971;86:347–354."
_JAGGER = (
    "Jagger C, Van Oyen H, Robine JM. Health Expectancy Calculation by the Sullivan Method: A Practical Guide, "
    "4th ed. Newcastle University; 2014."
)
_ARMITAGE_TREND = "Armitage P. Tests for linear trends in proportions and frequencies. Biometrics 1955;11:375–386."

METHODS: list[MethodInfo] = [
    MethodInfo(
        name="Proportions with Wilson score intervals",
        function="proportion",
        explanation=(
            "A proportion is the number of people with a characteristic divided by the number who could have it. "
            "Its 95% confidence interval uses Wilson's score method, which stays between 0% and 100% and behaves well "
            "for small numbers and for proportions near 0% or 100%, unlike the simple 'plus or minus 1.96 standard "
            "errors' interval."
        ),
        when_used="All percentage indicators (e.g. screening coverage, prevalence) and their comparisons with England.",
        references=(_WILSON, _NEWCOMBE_ALTMAN),
    ),
    MethodInfo(
        name="Wilson score interval",
        function="wilson_ci",
        explanation=(
            "The same Wilson interval on the 0–1 scale, returned on its own. It is the range of true proportions "
            "that are consistent with what was observed."
        ),
        when_used="Building block for proportions, Core20 gaps and funnel plots.",
        references=(_WILSON, _NEWCOMBE_ALTMAN),
    ),
    MethodInfo(
        name="Confidence intervals for counts (Byars and exact Poisson)",
        function="byars_ci",
        explanation=(
            "Counts of events such as deaths or admissions vary by chance from year to year, as a Poisson "
            "count does. For 10 or more events we use Byars' close approximation to the exact Poisson interval; for "
            "fewer than 10 we use the exact interval from the chi-square distribution, and zero events give a "
            "lower limit of zero."
        ),
        when_used="Intervals for event counts, crude rates and standardised ratios.",
        references=(_BRESLOW_DAY, _ARMITAGE),
    ),
    MethodInfo(
        name="Exact Poisson interval",
        function="exact_poisson_ci",
        explanation=(
            "The exact interval for a count, read from the chi-square distribution. It is used where counts are "
            "small and approximations are unreliable."
        ),
        when_used="Counts below 10 in rates and standardised ratios.",
        references=(_ARMITAGE,),
    ),
    MethodInfo(
        name="Crude rates",
        function="rate",
        explanation=(
            "A crude rate is the number of events divided by the population, usually per 100,000 people. The "
            "interval is the count's Byars or exact interval divided by the population. Crude rates do not allow "
            "for differences in age structure between areas."
        ),
        when_used="Rates where age is not a major factor or age-specific data are unavailable.",
        references=(_BRESLOW_DAY, _ARMITAGE),
    ),
    MethodInfo(
        name="Means with Student's t intervals",
        function="mean_ci",
        explanation=(
            "The mean is the average of a set of values. Its interval is based on Student's t distribution, which "
            "allows for the extra uncertainty of estimating the spread of the values from a small sample."
        ),
        when_used="Average scores and other continuous measures.",
        references=(_ARMITAGE,),
    ),
    MethodInfo(
        name="Directly standardised rates (Dobson method)",
        function="dsr",
        explanation=(
            "A directly standardised rate is the rate an area would have if its population had the same age "
            "structure as the 2013 European Standard Population, so areas with older or younger populations can be "
            "compared fairly. The interval uses Dobson's method, which scales Byars' interval for the total number "
            "of events. Rates based on fewer than 10 events in total are not published because they are too "
            "unstable."
        ),
        when_used="Age-standardised mortality and admission rates.",
        references=(_DOBSON, _BRESLOW_DAY, _EUROSTAT),
    ),
    MethodInfo(
        name="Directly standardised rates for repeat events",
        function="dsr_non_independent",
        explanation=(
            "When one person can have several events (for example repeat emergency admissions), the events are not "
            "independent and the usual interval is too narrow. Following the Fingertips guidance, the variance is "
            "built from how many people had one, two, three or more events in each age band, which widens the "
            "Dobson interval accordingly."
        ),
        when_used="Admission rates where people can be admitted more than once.",
        references=(_FINGERTIPS, _DOBSON),
    ),
    MethodInfo(
        name="Indirectly standardised ratio (SMR)",
        function="smr",
        explanation=(
            "The standardised ratio compares the number of events observed in an area with the number expected if "
            "the area had England's age-specific rates. A ratio above 1 (or 100) means more events than expected. "
            "The interval is the observed count's exact (under 10 events) or Byars interval divided by the expected "
            "count."
        ),
        when_used="Small areas, where age-specific counts are too small for direct standardisation.",
        references=(_BRESLOW_DAY, _ARMITAGE),
    ),
    MethodInfo(
        name="Indirectly standardised rate",
        function="isr",
        explanation=(
            "The standardised ratio multiplied by the reference (e.g. England) crude rate, so it reads as a rate per "
            "100,000 that allows for the area's age structure. The reference rate used is reported beside it."
        ),
        when_used="Small-area rates shown on the rate scale.",
        references=(_BRESLOW_DAY, _ARMITAGE),
    ),
    MethodInfo(
        name="Life expectancy (Chiang II life table)",
        function="life_expectancy",
        explanation=(
            "Life expectancy is the average number of years a person would live if they experienced the area's "
            "current death rates at every age throughout their life. It is built from deaths and populations in 20 "
            "age bands with Chiang's abridged life table, and its interval uses Chiang's variance with Silcocks' "
            "adjustment for the 90+ band. It is not calculated for populations of 5,000 or fewer, nor when the "
            "age bands do not run without a gap from 0 to an open-ended 90+ band (the reason is given instead), and "
            "it is suppressed when the 95% interval is wider than 20 years."
        ),
        when_used="Life expectancy at birth (and at older ages) for areas and deprivation groups.",
        references=(_CHIANG, _SILCOCKS, _EAYRES),
    ),
    MethodInfo(
        name="Healthy life expectancy (Sullivan method)",
        function="healthy_life_expectancy",
        explanation=(
            "Healthy life expectancy is the part of life expectancy expected to be lived in good health. The "
            "Sullivan method weights the years lived in each age band of the life table by the share of people in "
            "that band who report good health. Its interval allows for the sampling error of those survey shares."
        ),
        when_used="Healthy life expectancy for areas where deaths, populations and survey prevalence are available.",
        references=(_SULLIVAN, _JAGGER, _CHIANG),
    ),
    MethodInfo(
        name="Assigning deprivation quantiles",
        function="quantiles",
        explanation=(
            "Areas are ranked (for example by IMD score) and split into equal-sized groups such as deciles, with "
            "decile 1 the most deprived. Tied values always go in the same group, using the Fingertips formula, so "
            "groups can differ slightly in size."
        ),
        when_used="Local deprivation deciles or quintiles for inequality charts.",
        references=(_FINGERTIPS,),
    ),
    MethodInfo(
        name="Slope and relative index of inequality (SII, RII)",
        function="sii",
        explanation=(
            "The SII is the gap in an indicator between the most and least deprived ends of the population, "
            "estimated from a straight line fitted across all deprivation groups, each placed at the midpoint of "
            "its share of the population and weighted by its size. The RII expresses the same line as a ratio, always "
            "the most deprived end over the least deprived end (above 1 means higher where people are more "
            "deprived), the same direction as every gap ratio in the dashboard. Its interval is found by simulating "
            "each group's value 100,000 times from its standard error (taken from its own confidence limits at "
            "their stated level, or from the counts) and refitting the line; repeating the simulation shows how "
            "steady those limits are. The R² shows how well a straight line fits: a low value means the SII should "
            "be read with care."
        ),
        when_used="Summarising the deprivation gradient of an indicator within an area or for England.",
        references=(_LOW, _FINGERTIPS),
    ),
    MethodInfo(
        name="SII and RII for several areas at once",
        function="sii_grouped",
        explanation=(
            "The same slope and relative index calculated for each area (or period) of a table in one call. An "
            "area missing one of the deprivation groups, or with unusable values, gets a row saying why instead "
            "of stopping the others."
        ),
        when_used="Comparing the deprivation gradient across places or over time.",
        references=(_LOW, _FINGERTIPS),
    ),
    MethodInfo(
        name="SII read most deprived minus least deprived",
        function="sii_most_minus_least",
        explanation=(
            "The SII as OHID's Fingertips publishes it is the least deprived end minus the most deprived end, the "
            "opposite of every gap shown here. The dashboard shows it the other way round (most deprived minus least "
            "deprived), with its limits turned the same way, so a positive SII and a positive gap both mean higher "
            "where people are more deprived. The size, interval and significance are unchanged."
        ),
        when_used="Every SII shown on the Inequalities page and in the place profiles.",
        references=(_LOW, _FINGERTIPS),
    ),
    MethodInfo(
        name="Gap between most and least deprived",
        function="gap",
        explanation=(
            "The absolute gap is the most deprived group minus the least deprived group and the relative gap is "
            "their ratio (most over least deprived). The interval for the difference combines the two groups' "
            "intervals (the MOVER method); the ratio's interval is built on the log scale. A gap is called "
            "significant only when its own interval excludes no difference (0 for the gap, 1 for the ratio), so "
            "the verdict always agrees with the interval shown."
        ),
        when_used="Headline inequality gaps alongside the SII.",
        references=(_ZOU,),
    ),
    MethodInfo(
        name="Core20 gap",
        function="core20_gap",
        explanation=(
            "Core20 is the most deprived 20% of the national population (IMD deciles 1 and 2), a focus of NHS "
            "England's Core20PLUS5 approach. Counts are pooled for Core20 and for everyone else, and the gap "
            "between the two is reported as for the decile gap."
        ),
        when_used="Core20PLUS5 reporting.",
        references=(_ZOU, "NHS England. Core20PLUS5: an approach to reducing healthcare inequalities."),
    ),
    MethodInfo(
        name="Comparison with a benchmark",
        function="compare",
        explanation=(
            "An area is significantly better or worse than the benchmark (usually England) when the benchmark "
            "lies outside the area's confidence interval; otherwise it is similar. Whether higher is better depends "
            "on the indicator; where it is neither, areas are labelled higher or lower."
        ),
        when_used="Colouring of tables and maps (Better / Similar / Worse).",
        references=(_FINGERTIPS,),
    ),
    MethodInfo(
        name="Recent trend",
        function="trend",
        explanation=(
            "For proportions, the last five data points are tested for a steady increase or decrease with the "
            "chi-square test for linear trend, at the strict 99.8% level so that chance fluctuations are rarely "
            "flagged. The result is described as increasing or decreasing and, where polarity is known, getting "
            "better or worse."
        ),
        when_used="Trend arrows beside the latest value.",
        references=(_ARMITAGE_TREND, _FINGERTIPS),
    ),
    MethodInfo(
        name="Funnel plot control limits",
        function="funnel_limits",
        explanation=(
            "A funnel plot shows each area's value against its population, with control limits around the overall "
            "average that narrow as populations grow. Points outside the 95% limits are unusual and points outside "
            "the 99.8% limits very unusual, once the play of chance is allowed for. The centre line is the overall "
            "value or a benchmark such as the ICB or England. Proportion limits use the normal approximation; rate "
            "and ratio (observed over expected, centred on 1) limits use the exact Poisson distribution."
        ),
        when_used="Funnel charts comparing many areas or practices at once (e.g. QOF prevalence by GP practice).",
        references=(_SPIEGELHALTER, _FINGERTIPS),
    ),
    MethodInfo(
        name="Funnel plot points from rates",
        function="funnel_points",
        explanation=(
            "A rate is plotted at the population it implies: events times the multiplier divided by the rate, per "
            "year. Directly standardised rates based on fewer than 10 events are not plotted."
        ),
        when_used="Funnel charts of standardised or crude rates.",
        references=(_FINGERTIPS,),
    ),
    MethodInfo(
        name="Funnel plot significance",
        function="funnel_significance",
        explanation=(
            "Each unit is labelled by where it falls: above or below the 99.8% limit, above or below the 95% limit "
            "only, or within the limits. For ratios and rates the test uses the exact (under 10 events) or Byars "
            "Poisson limits of the unit's events; a directly standardised rate with fewer than 10 events is marked "
            "not applicable."
        ),
        when_used="Colours and shapes of the practices on the funnel plot, and its table.",
        references=(_SPIEGELHALTER, _FINGERTIPS),
    ),
    MethodInfo(
        name="Suppression of small numbers",
        function="suppress",
        explanation=(
            "Counts below 10, and the rates and intervals built on them, are hidden so that individuals cannot be "
            "identified. Where a total is published and only one cell in it is hidden, the next-smallest cell is "
            "hidden too, so the small number cannot be worked out by subtraction."
        ),
        when_used="Every table, map and download before it is shown.",
        references=("Office for National Statistics / NHS Digital disclosure control guidance.",),
    ),
    MethodInfo(
        name="Trend of the gap to England (widening or narrowing)",
        function="gap_trend",
        explanation=(
            "The difference between the area and England is fitted against time by weighted least squares over the "
            "five most recent comparable periods, each point weighted by the inverse of the difference's variance "
            "(from both confidence intervals). The slope is tested two-sided at 95% with Student's t on n - 2 "
            "degrees of freedom, its standard error never smaller than sampling error alone implies. A significant "
            "slope away from zero is a widening gap, towards zero a narrowing one; otherwise no clear change."
        ),
        when_used=(
            "The gap-trend column of What needs attention and its CSV (docs/methods.md#trend-of-the-gap-to-england)."
        ),
        references=("Draper NR, Smith H. Applied Regression Analysis, 3rd ed. Wiley; 1998.", _FINGERTIPS),
    ),
    MethodInfo(
        name="Gap in people",
        function="gap_in_people",
        explanation=(
            "A gap between the area's crude rate and England's is turned into people: (area rate - England rate) x "
            "the area's denominator. The interval uses the area's own 95% limits with England's value held fixed. "
            "Age-standardised rates, life expectancy and values without a denominator are not converted, because "
            "they do not describe a count of the area's residents."
        ),
        when_used="What needs attention, the CLI and the briefing's key messages (docs/methods.md#gap-in-people).",
        references=(_WILSON, _FINGERTIPS),
    ),
    MethodInfo(
        name="Trajectory towards a target",
        function="trajectory",
        explanation=(
            "A straight line is fitted by ordinary least squares to the recent points (up to five) and projected to "
            "the target year, with a 95% prediction interval for a new value. The annual change needed (target "
            "minus latest, over the years left) is set against the recent annual change (the slope). The verdict "
            "is on track when the projection meets the target, not on track at the recent rate otherwise, and too "
            "few points to say below three points. Targets: England's latest value; the best quartile of similar "
            "areas (the 25th percentile of the 15 nearest neighbours' values when low is good, the 75th when high is "
            "good, in the area's latest period); a number; or a national ambition with its cited source."
        ),
        when_used="Targets and trajectories on What needs attention (docs/methods.md#trajectory-towards-a-target).",
        references=("Draper NR, Smith H. Applied Regression Analysis, 3rd ed. Wiley; 1998.",),
    ),
]


def method_by_function(function: str) -> MethodInfo:
    """Return the catalogue entry for a public function name.

    Parameters
    ----------
    function : str
        e.g. ``"dsr"``.

    Returns
    -------
    MethodInfo
        The matching entry.

    Raises
    ------
    ValueError
        ``"no method documented for function 'x'"``.

    Examples
    --------
    >>> method_by_function("dsr").name
    'Directly standardised rates (Dobson method)'
    """
    for info in METHODS:
        if info.function == function:
            return info
    raise ValueError(f"no method documented for function '{function}'")
