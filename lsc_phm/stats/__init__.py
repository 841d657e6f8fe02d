"""Statistics core of lsc-phm: pure, typed public-health indicator methods.

May import: nothing of lsc_phm (numpy, scipy, pandas only); every layer may use it.

Independent Python implementations (from published formulas, see
``/work/shared/methods.md``) of the methods used by OHID Fingertips /
PHEindicatormethods. Every function returns a new :class:`pandas.DataFrame`
following the contract ``value, lowercl, uppercl, confidence, statistic,
method`` (level-suffixed limit columns for several levels), or a plain value
where documented. No Streamlit, no I/O.
"""

from .catalogue import METHODS, MethodInfo, method_by_function
from .comparison import compare, compare_many, funnel_limits, trend
from .inequality import core20_gap, gap, sii
from .intervals import byars_ci, exact_poisson_ci, mean_ci, proportion, rate, wilson_ci
from .life_expectancy import LE_AGE_BANDS, life_expectancy, life_expectancy_grouped
from .quantiles import quantiles
from .standardisation import ESP2013, ESP2013_BANDS, dsr, dsr_grouped, isr, smr
from .suppression import suppress

__all__ = [
    "ESP2013",
    "ESP2013_BANDS",
    "LE_AGE_BANDS",
    "METHODS",
    "MethodInfo",
    "byars_ci",
    "compare",
    "compare_many",
    "core20_gap",
    "dsr",
    "dsr_grouped",
    "exact_poisson_ci",
    "funnel_limits",
    "gap",
    "isr",
    "life_expectancy",
    "life_expectancy_grouped",
    "mean_ci",
    "method_by_function",
    "proportion",
    "quantiles",
    "rate",
    "sii",
    "smr",
    "suppress",
    "trend",
    "wilson_ci",
]
