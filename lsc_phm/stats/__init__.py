"""Statistics core of lsc-phm: pure, typed public-health indicator methods.

May import: nothing of lsc_phm (numpy, scipy, pandas only); every layer may use it.

Independent Python implementations (from published formulas, documented with
their references and limits in ``docs/methods.md``) of the methods used by
OHID Fingertips / PHEindicatormethods. Every function returns a new :class:`pandas.DataFrame`
following the contract ``value, lowercl, uppercl, confidence, statistic,
method`` (level-suffixed limit columns for several levels), or a plain value
where documented. No Streamlit, no I/O.
"""

from .catalogue import METHODS, MethodInfo, method_by_function
from .comparison import compare, compare_many, trend
from .funnels import funnel_limits, funnel_points, funnel_significance
from .gaps import RII_DIRECTION, SII_MOST_MINUS_LEAST, core20_gap, gap, sii_most_minus_least
from .inequality import SiiOptions, sii, sii_grouped
from .intervals import byars_ci, exact_poisson_ci, mean_ci, proportion, rate, wilson_ci
from .life_expectancy import LE_AGE_BANDS, healthy_life_expectancy, life_expectancy, life_expectancy_grouped
from .progress import gap_in_people, gap_trend, trajectory
from .quantiles import quantiles
from .standardisation import ESP2013, ESP2013_BANDS, dsr, dsr_grouped, dsr_non_independent, isr, smr
from .suppression import suppress

__all__ = [
    "ESP2013",
    "ESP2013_BANDS",
    "LE_AGE_BANDS",
    "METHODS",
    "RII_DIRECTION",
    "SII_MOST_MINUS_LEAST",
    "MethodInfo",
    "SiiOptions",
    "byars_ci",
    "compare",
    "compare_many",
    "core20_gap",
    "dsr",
    "dsr_grouped",
    "dsr_non_independent",
    "exact_poisson_ci",
    "funnel_limits",
    "funnel_points",
    "funnel_significance",
    "gap",
    "gap_in_people",
    "gap_trend",
    "healthy_life_expectancy",
    "isr",
    "life_expectancy",
    "life_expectancy_grouped",
    "mean_ci",
    "method_by_function",
    "proportion",
    "quantiles",
    "rate",
    "sii",
    "sii_grouped",
    "sii_most_minus_least",
    "smr",
    "suppress",
    "trajectory",
    "trend",
    "wilson_ci",
]
