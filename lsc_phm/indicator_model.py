"""The indicator record: what an analyst needs to read a number correctly (definition, unit, value type, polarity,
sources, confidence-interval method, standardisation, population, period, coverage).

The registry itself is :mod:`lsc_phm.indicators`; this module holds only the record and its vocabularies, so the
registry's entries can live in more than one module without importing each other.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: indicator metadata fields (definition, polarity, value
   type, confidence interval method). https://fingertips.phe.org.uk/profile/guidance
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

ValueType = Literal["proportion", "rate", "dsr", "mean", "years", "score", "decile", "count", "index"]
Polarity = Literal["high_is_good", "low_is_good", "no_judgement"]
CiMethod = Literal["wilson", "published", "none"]
Standardisation = Literal["crude", "age-standardised", "indirectly standardised", "life table", "not applicable"]

#: Published-interval indicators whose rows without published limits (but with counts) get Wilson limits computed
#: here, labelled "computed here" (e.g. OHID's 2023/24 practice values of 91547 came without limits).
WILSON_WHERE_NOT_PUBLISHED: frozenset[str] = frozenset({"smoking_qof_15plus"})

THEMES: tuple[str, ...] = (
    "Health outcomes (Census 2021)",
    "Health outcomes and services (OHID Fingertips)",
    "Modelled small-area prevalence",
    "Deprivation",
    "Population and PLUS groups",
    "Life expectancy",
    "Smoking",
    "Core20PLUS5 clinical areas (QOF)",
    "Other outcomes",
    "Health Index",
    "Core20PLUS5 delivery (NHS England)",
    "Vaccination",
)


@dataclass(frozen=True)
class Indicator:
    """One indicator's definition and metadata.

    Attributes
    ----------
    id : str
        Stable identifier used in the database, URLs and the CLI.
    name : str
        Short name for menus and charts.
    theme : str
        One of :data:`THEMES`.
    definition : str
        What is counted, over what population, as published.
    unit : str
        Unit shown after values (e.g. "%", "years", "per 100,000").
    value_type : str
        proportion, rate, dsr, mean, years, score, decile, count or index.
    polarity : str
        ``high_is_good``, ``low_is_good`` or ``no_judgement`` (Fingertips polarity).
    sources : tuple of str
        Keys of ``data/datasets.toml`` the values come from.
    ci_method : str
        ``wilson`` (computed here from counts), ``published`` (95% limits as published) or ``none``.
    notes : str
        Caveats an analyst must know (coverage gaps, comparability).
    core20plus5 : str
        The Core20PLUS5 area this indicator speaks to, if any.
    standardisation : str
        ``crude``, ``age-standardised`` (directly), ``indirectly standardised``, ``life table`` (life expectancy: not
        affected by age structure) or ``not applicable`` (scores, deciles, counts). Default: from ``value_type``.
    age, sex : str
        The population the value describes (e.g. "18+", "persons").
    period : str
        The periods held and their kind (single year, financial year, pooled).
    coverage : str
        The geography levels the source publishes (or we aggregate to).
    licence : str
        Licence of the data (default OGL v3.0).
    publisher_comparison : bool
        Whether the source carries its publisher's own verdict against England (e.g. OHID's ``compared_to_England``),
        used where no interval is held.
    no_ci_reason : str
        Why no interval exists, when ``ci_method`` is ``none`` (the true reason, shown instead of a comparison).
    topic : str
        The question the series answers (e.g. "adult smoking"), shared by every series that answers it, so that two of
        them in one view are explained (:mod:`lsc_phm.domain.topics`). Empty: the only series of its question.
    headline : bool
        Whether this is the topic's headline series: the one measure quoted first for the question (one per topic).
    differs : str
        For the headline, what it is (publication, definition, age band, years); for every other series of the topic,
        how it differs from the headline, in the same terms.
    structural_zero : str
        Why a count of zero is a structural zero, not a small count to hide (e.g. a Core20 population is a sum of
        whole LSOAs, so it is 0 or at least one LSOA's population): a zero is then shown as 0 with this reason, never
        suppressed. Empty: a zero is a small count like any other.
    """

    id: str
    name: str
    theme: str
    definition: str
    unit: str
    value_type: ValueType
    polarity: Polarity
    sources: tuple[str, ...]
    ci_method: CiMethod = "none"
    notes: str = ""
    core20plus5: str = ""
    decimals: int = 1
    tags: tuple[str, ...] = field(default_factory=tuple)
    standardisation: str = ""
    age: str = "all ages"
    sex: str = "persons"
    period: str = ""
    coverage: str = ""
    licence: str = "OGL v3.0"
    publisher_comparison: bool = False
    no_ci_reason: str = ""
    topic: str = ""
    headline: bool = False
    differs: str = ""
    structural_zero: str = ""

    def __post_init__(self) -> None:
        if not self.standardisation:
            default = {
                "dsr": "age-standardised",
                "years": "life table",
                "score": "not applicable",
                "decile": "not applicable",
                "count": "not applicable",
                "index": "not applicable",
            }
            object.__setattr__(self, "standardisation", default.get(self.value_type, "crude"))
        source_defaults = _SOURCE_DEFAULTS.get(self.sources[0] if self.sources else "", ("", ""))
        if not self.period:
            object.__setattr__(self, "period", source_defaults[0])
        if not self.coverage:
            object.__setattr__(self, "coverage", source_defaults[1])
        if self.ci_method == "none" and self.publisher_comparison and not self.no_ci_reason:
            object.__setattr__(
                self,
                "no_ci_reason",
                "the extract held here carries OHID's comparison with England but not its confidence limits",
            )
        if self.ci_method == "none" and not self.no_ci_reason:
            reason = {
                "score": "a modelled score, not a sample estimate, so no sampling interval or significance test "
                "applies",
                "decile": "a rank-based decile, not an estimate: no interval or significance test applies",
                "index": "the ONS Health Index is published without confidence intervals",
                "count": "a count, not a rate: no comparison with England is made",
            }.get(self.value_type)
            object.__setattr__(self, "no_ci_reason", reason or "no interval or counts are held for this series")

    @property
    def is_crude(self) -> bool:
        """Whether values are crude rates/proportions, so comparisons between populations of different age structure
        reflect age as well as health."""
        return self.standardisation == "crude"

    @property
    def has_ci(self) -> bool:
        """Whether values of this indicator carry confidence intervals."""
        return self.ci_method != "none"

    def as_record(self) -> dict[str, object]:
        """Return the metadata as a flat dict (tuples joined with ", ")."""
        record = asdict(self)
        record["sources"] = ", ".join(self.sources)
        record["tags"] = ", ".join(self.tags)
        return record


_LSOA_LEVELS = "LSOA, ward, district, place, sub-ICB, ICB, England (aggregated from LSOAs)"
#: (period, coverage) defaults by first source, for indicators that do not state them
_SOURCE_DEFAULTS: dict[str, tuple[str, str]] = {
    "imd2019_lsoa11": ("IoD2019 and IoD2025", _LSOA_LEVELS),
    "population_sape_mid2020_lsoa11": ("mid-2020 (IMD 2019 geography); Census 2021 (IMD 2025 geography)", _LSOA_LEVELS),
    "census2021_ts021_ethnic_group_lsoa21": ("Census day 2021", _LSOA_LEVELS),
    "census2021_ts038_disability_lsoa21": ("Census day 2021", _LSOA_LEVELS),
    "qof_2022_23_prevalence": ("QOF 2022-23 and 2024-25", "GP practice, PCN, sub-ICB, ICB, England"),
    "ons_els_healthy_life_expectancy": ("3-year pooled, 2011-13 to 2022-24", "upper-tier authorities, England"),
    "ons_els_cancer_stage_1_2": ("calendar years", "districts, counties, UAs, England"),
    "ons_els_preventable_cvd_mortality": ("3-year pooled", "districts, counties, UAs, England"),
    "ons_els_cigarette_smokers": ("5-year averages", "districts, UAs, England"),
    "fingertips_93563_dental_decay_5yo": ("survey years 2014/15 to 2023/24", "districts, counties, UAs, England"),
    "fingertips_91112_health_checks": ("cumulative quarters from 2021/22 Q1", "UAs, England"),
    "fingertips_848_depression_prevalence": ("QOF years", "districts, UAs, England"),
    "ons_health_index_scores": ("2015 to 2021", "districts (LTLA 2021), England"),
}
