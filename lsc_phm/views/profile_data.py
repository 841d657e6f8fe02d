"""Every number of a place profile, gathered once: :class:`ProfileData`, for any area.

The area is the ICB, a place, a district, a custom footprint (chosen by code, label or name) or a user-defined area (a
session's list of LSOAs, :class:`~lsc_phm.views.place_profile_user.UserAreaSpec`). :func:`profile_data` is the one
function that reads the database for a profile; :mod:`lsc_phm.reports.place_report` turns the result into sentences
and sections without reading anything else, and the page, the CLI and the three briefing formats all start from it.
A user-defined area goes through the same steps as a named one: the same decile frame (residents, Census counts by
national IMD decile), the same summary row (File 10 definitions, :func:`lsc_phm.domain.deprivation.lsoa_summary`) and
the same gradient statistics, so 94 LSOAs listed by hand give the numbers of the district they make up.

References
----------
.. [1] MHCLG. The English Indices of Deprivation 2019 and 2025: technical reports (summary measures, File 10).
.. [2] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import deprivation
from lsc_phm.domain.geography import Icb
from lsc_phm.render import charts
from lsc_phm.stats import core20_gap, sii, sii_most_minus_least, wilson_ci
from lsc_phm.store.db import Database
from lsc_phm.views import (
    place_profile,
    place_profile_areas,
    place_profile_figures,
    place_profile_user,
    profile_districts,
    profile_headline,
)
from lsc_phm.views.place_profile import CORE20PLUS5_IDS, GAP_IDS, HEALTH_OUTCOME_IDS, LIFE_EXPECTANCY_IDS, SMOKING_IDS
from lsc_phm.views.place_profile_areas import ProfileArea
from lsc_phm.views.place_profile_user import UserAreaSpec
from lsc_phm.views.profile_headline import AreaPopulation

#: The indicator sections of a named area's profile: key, title, indicators (in the order shown).
INDICATOR_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("life_expectancy", "Healthy life expectancy and life expectancy", LIFE_EXPECTANCY_IDS),
    ("smoking", "Smoking", SMOKING_IDS),
    ("core20plus5", "Core20PLUS5 indicators", CORE20PLUS5_IDS),
    ("health_outcomes", "Health outcomes and services", HEALTH_OUTCOME_IDS),
)
#: Published, non-additive indicators shown per district for a user-defined area (never combined into one figure).
USER_MEMBER_IDS = (
    LIFE_EXPECTANCY_IDS
    + SMOKING_IDS
    + tuple(i for i in CORE20PLUS5_IDS + HEALTH_OUTCOME_IDS if not i.startswith(("qof_", "census_", "smi_")))
)
#: The Census 2021 measures whose gradient by national IMD 2025 decile is shown: numerator, denominator, name, source.
GRADIENT_MEASURES: tuple[tuple[str, str, str, str], ...] = (
    ("bad_health", "general_health_total", "Bad or very bad health", "ONS Census 2021 TS037 by IMD 2025 decile"),
    ("disabled", "disability_total", "Disabled (Equality Act)", "ONS Census 2021 TS038 by IMD 2025 decile"),
)
#: The registry indicator of each gradient measure: its SII and Core20 gap are shown to that indicator's decimals.
GRADIENT_INDICATORS: dict[str, str] = {
    "Bad or very bad health": "census_bad_health",
    "Disabled (Equality Act)": "pct_disabled",
}


def gradient_indicator(name: str) -> tuple[str, int]:
    """The registry id of a Census gradient measure ("" if none) and the decimals its statistics are shown to."""
    indicator_id = GRADIENT_INDICATORS.get(name, "")
    return indicator_id, indicators.get(indicator_id).decimals if indicator_id else 1


@dataclass(frozen=True)
class Gradient:
    """One Census measure by national IMD decile within the area, with its SII and Core20 gap (either may be None)."""

    measure: pd.DataFrame
    sii: pd.Series | None
    core20_gap: pd.Series | None


@dataclass(frozen=True)
class ProfileData:
    """The numbers of one area's profile, read from the database once.

    Attributes
    ----------
    area : ProfileArea
    icb : Icb
        The ICB in the IMD vintage the profile is shown in (a user-defined area: its own codes' vintage).
    summaries : pandas.DataFrame
        File 10-style summary rows per IMD vintage (:func:`lsc_phm.views.place_profile.summary_rows`, or one row
        computed here for a user-defined area).
    deciles : pandas.DataFrame
        Residents, IoD population and Census counts by national IMD decile (``profile_decile_gradient``).
    population : AreaPopulation or None
        Residents summed from the area's LSOAs in the shown vintage.
    england_core20 : dict of int to float
        England's Core20 population share (%) per IMD vintage.
    figures : dict of str to pandas.DataFrame
        Indicator figures per section key (:data:`INDICATOR_SECTIONS`; a user-defined area: ``health_outcomes``
        computed here from its LSOAs).
    gaps : pandas.DataFrame
        The published inequality gaps (SII in life expectancy) for the area.
    gradients : list of Gradient
        The Census gradients within the area, with their statistics.
    district_ranks, wards : pandas.DataFrame
        A county place's districts with their England ranks; the area's most deprived wards (a user-defined area:
        every ward it lies in).
    district_values, member_values : dict of str to pandas.DataFrame
        Published values per district where a place has none of its own; a footprint's member districts' values.
    district_dropped : dict of str to pandas.DataFrame
        The place's districts with no value in ``district_values``' period, with the reason (left out of its chart).
    published_by_district : pandas.DataFrame
        A user-defined area: each district it lies in with its published values (never combined).
    districts : pandas.DataFrame
        A user-defined area: the districts it lies in (``area_code, area_name, lsoas_in_area``).
    map_lsoas : pandas.DataFrame or None
        The LSOAs with geometry for the static decile map, when asked for.
    datasets : pandas.DataFrame
        The catalogue rows of every data set the profile draws on.
    built_at : str
        When the database was built.
    spec : UserAreaSpec or None
        The user-defined area's specification.
    """

    area: ProfileArea
    icb: Icb
    summaries: pd.DataFrame
    deciles: pd.DataFrame
    population: AreaPopulation | None
    england_core20: dict[int, float]
    figures: dict[str, pd.DataFrame]
    gaps: pd.DataFrame
    gradients: list[Gradient]
    district_ranks: pd.DataFrame
    wards: pd.DataFrame
    datasets: pd.DataFrame
    built_at: str
    district_values: dict[str, pd.DataFrame] = field(default_factory=dict)
    district_dropped: dict[str, pd.DataFrame] = field(default_factory=dict)
    member_values: dict[str, pd.DataFrame] = field(default_factory=dict)
    published_by_district: pd.DataFrame = field(default_factory=pd.DataFrame)
    districts: pd.DataFrame = field(default_factory=pd.DataFrame)
    map_lsoas: pd.DataFrame | None = None
    spec: UserAreaSpec | None = None

    @property
    def is_user_area(self) -> bool:
        """True for a user-defined area (figures computed here from its listed LSOAs)."""
        return self.spec is not None

    @property
    def vintage(self) -> int:
        """The IMD vintage the profile is shown in."""
        return self.icb.imd_vintage

    @property
    def decile_shares(self) -> pd.DataFrame:
        """Residents by national IMD decile as shares of the area per vintage (empty without deciles).

        Columns ``area_code, place_name, imd_vintage, imd_decile, lsoas, population, population_share`` (%, 2 dp) and
        ``imd_decile_label``.
        """
        if self.deciles.empty:
            return pd.DataFrame()
        shares = self.deciles[["imd_vintage", "imd_decile", "lsoas", "population"]].copy()
        shares["population_share"] = (
            100.0 * shares["population"] / shares.groupby("imd_vintage")["population"].transform("sum")
        ).round(2)
        shares["imd_decile_label"] = [charts.DECILE_LABELS[int(d) - 1] for d in shares["imd_decile"]]
        shares.insert(0, "area_code", self.area.code)
        shares.insert(1, "place_name", self.area.name)
        return shares

    @property
    def all_figures(self) -> pd.DataFrame:
        """Every indicator figure of the sections, in section order."""
        frames = [f for f in self.figures.values() if not f.empty]
        return (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(columns=place_profile_figures.FIGURE_COLUMNS)
        )


#: The key the published inequality gaps are read under with the sections' figures (no section has it).
_GAPS = "gaps"
#: Simulations for the SII confidence limits (fixed seed: the same profile gives the same limits every time).
SII_REPETITIONS = 10_000
SII_SEED = 20260


def gradient_measure(
    frame: pd.DataFrame, numerator: str, denominator: str, measure: str, vintage: int, source: str
) -> pd.DataFrame:
    usable = frame[(frame[denominator] > 0) & frame[numerator].notna()].copy()
    usable[numerator] = usable[numerator].clip(upper=usable[denominator])
    limits = wilson_ci(usable[numerator].to_numpy(), usable[denominator].to_numpy(), 0.95)
    return pd.DataFrame(
        {
            "measure": f"{measure} (IMD {vintage} deciles)",
            "imd_vintage": vintage,
            "imd_decile": usable["imd_decile"].astype(int).to_numpy(),
            "imd_decile_label": [charts.DECILE_LABELS[int(d) - 1] for d in usable["imd_decile"]],
            "lsoas": usable["lsoas"].to_numpy(),
            "numerator": usable[numerator].round(0).to_numpy(),
            "denominator": usable[denominator].to_numpy(),
            "value": (100 * limits["value"]).round(2).to_numpy(),
            "lowercl": (100 * limits["lowercl"]).round(2).to_numpy(),
            "uppercl": (100 * limits["uppercl"]).round(2).to_numpy(),
            "confidence": "95%",
            "method": "Wilson score interval",
            "source": source,
        }
    )


def datasets_used(db: Database, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """The catalogue rows (publisher, period, licence, URL) of every data set a profile draws on."""
    catalogue = place_profile_figures.datasets_catalogue(db)
    keys: set[str] = set()
    for indicator_id in indicator_ids:
        keys.update(indicators.get(indicator_id).sources)
    keys.update(k for k in catalogue["dataset"] if k.startswith(("lookup_", "lsoa11_", "lsoa21_")))
    keys.update(
        (
            "imd2019_lsoa11",
            "imd2025_lsoa21",
            "imd2025_file1_lsoa21",
            "imd2025_file10_ltla24",
            "imd2025_file13_icb24",
            "population_sape_mid2020_lsoa11",
            "census2021_residents_age6_lsoa21",
            "census2021_ts038_disability_lsoa21",
        )
    )
    used = catalogue[catalogue["dataset"].isin(keys)]
    return used[["dataset", "title", "publisher", "period", "licence", "url"]].reset_index(drop=True)


def gradient_statistics(measure: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None]:
    """Slope index of inequality and Core20-minus-rest gap for one measure of :func:`gradient_measure`.

    Returns
    -------
    tuple
        ``(sii_row, gap_row)``: the SII row of :func:`lsc_phm.stats.sii`, turned to read most deprived minus least
        deprived like the gap (:func:`lsc_phm.stats.sii_most_minus_least`; None with fewer than 5 deciles present) and
        the absolute-gap row of :func:`lsc_phm.stats.core20_gap` (None unless some but not all deciles are Core20).
    """
    sii_row = gap_row = None
    if len(measure) >= 5:
        # national deciles present in the area, renumbered 1..K in order: with "local" ridit positions the
        # cumulative population shares, and so the SII, are unchanged by absent deciles
        # from the counts, not the values and limits rounded for display
        result = sii(
            np.arange(1, len(measure) + 1),
            measure["denominator"],
            numerator=measure["numerator"],
            denominator=measure["denominator"],
            value_type="proportion",
            multiplier=100,
            repetitions=SII_REPETITIONS,
            seed=SII_SEED,
            rii=False,
        )
        sii_row = sii_most_minus_least(result).iloc[0]
    has_core = deprivation.is_core20(measure["imd_decile"])
    if has_core.any() and not has_core.all():
        gap = core20_gap(
            measure["imd_decile"],
            measure["numerator"],
            measure["denominator"],
            value_type="proportion",
            core20_quantiles=deprivation.CORE20_DECILES,
            confidence=0.95,
        )
        gap_row = gap[gap["statistic"] == "absolute gap (a - b)"].iloc[0]
    return sii_row, gap_row


def gradients(deciles: pd.DataFrame) -> list[Gradient]:
    """The Census 2021 gradients by national IMD 2025 decile within an area, each with its SII and Core20 gap."""
    census = deciles[deciles["imd_vintage"] == 2025] if not deciles.empty else deciles
    out = []
    for numerator, denominator, name, source in GRADIENT_MEASURES:
        if census.empty or census[denominator].fillna(0).sum() <= 0:
            continue
        measure = gradient_measure(census, numerator, denominator, name, 2025, source)
        sii_row, gap_row = gradient_statistics(measure)
        out.append(Gradient(measure, sii_row, gap_row))
    return out


def _built_at(db: Database) -> str:
    built = db.query("build_info")
    return str(built["built_at"].iloc[0]) if not built.empty else ""


def _england_core20(db: Database) -> dict[int, float]:
    return {vintage: profile_headline.england_core20_share(db, vintage) for vintage in config.IMD_VINTAGES}


def profile_data(db: Database, icb: Icb, area: str | UserAreaSpec, with_map: bool = False) -> ProfileData:
    """Read every number of one area's profile.

    Parameters
    ----------
    db : Database
    icb : Icb
        The configured ICB in the IMD vintage to show (the sidebar's choice).
    area : str or UserAreaSpec
        A named area's code, menu label or name (:func:`lsc_phm.views.place_profile.resolve_area`), or a
        user-defined area.
    with_map : bool, default False
        Also read the LSOAs with their geometry for the static decile map.

    Returns
    -------
    ProfileData

    Raises
    ------
    ValueError
        For an unknown area code (the message lists the valid ones), an empty user-defined area or one with no LSOA
        of the ICB in its vintage.
    """
    if isinstance(area, UserAreaSpec):
        return _user_area_data(db, icb, area, with_map)
    chosen = place_profile.resolve_area(db, icb, area)
    summaries = place_profile.summary_rows(db, icb, chosen)
    deciles = place_profile.decile_frame(db, icb, chosen)
    figures = place_profile_figures.section_figures(
        db, icb, chosen, {**{key: ids for key, _, ids in INDICATOR_SECTIONS}, _GAPS: GAP_IDS}
    )
    gaps = figures.pop(_GAPS)
    district_values, district_dropped = {}, {}
    for key in ("life_expectancy", "smoking"):
        frame = figures[key]
        missing = tuple(
            frame.loc[frame["value"].isna() & ~frame["suppressed"].fillna(False).astype(bool), "indicator_id"]
        )
        if chosen.level == "place" and missing:
            district_values[key] = profile_districts.place_district_figures(db, icb, chosen, missing)
            district_dropped[key] = profile_districts.place_district_dropped(db, icb, chosen, missing)
    member_values = (
        {key: profile_districts.member_figures(db, icb, chosen, ids) for key, _, ids in INDICATOR_SECTIONS}
        if chosen.level == "footprint"
        else {}
    )
    all_ids = (
        LIFE_EXPECTANCY_IDS
        + SMOKING_IDS
        + CORE20PLUS5_IDS
        + HEALTH_OUTCOME_IDS
        + GAP_IDS
        + ("population", "core20_population_share")
    )
    return ProfileData(
        area=chosen,
        icb=icb,
        summaries=summaries,
        deciles=deciles,
        population=profile_headline.area_population(deciles, chosen, icb.imd_vintage),
        england_core20=_england_core20(db),
        figures=figures,
        gaps=gaps,
        gradients=gradients(deciles),
        district_ranks=profile_districts.district_ranks(db, icb, chosen),
        wards=place_profile.top_wards(db, icb, chosen),
        datasets=datasets_used(db, all_ids),
        built_at=_built_at(db),
        district_values=district_values,
        district_dropped=district_dropped,
        member_values=member_values,
        map_lsoas=area_lsoas(db, icb, chosen) if with_map else None,
    )


def _user_area_data(db: Database, icb: Icb, spec: UserAreaSpec, with_map: bool) -> ProfileData:
    area = place_profile_user.user_profile_area(spec)
    icb_v = place_profile_areas.icb_in(db, icb, spec.vintage)
    lsoas = place_profile_user.user_area_lsoas(db, icb_v, spec)
    if lsoas.empty:
        raise ValueError(
            f"none of the {len(spec.lsoa_codes)} LSOA codes of '{spec.name}' is an LSOA of {icb_v.name} "
            f"in the IMD {spec.vintage} geography"
        )
    deciles = place_profile_user.user_area_deciles(lsoas, spec)
    wards = place_profile_user.user_area_members(lsoas, "ward")
    ward_summary = deprivation.summaries(db, icb_v, "ward", spec.vintage)
    wards = (
        wards.merge(
            ward_summary[["area_code", "lsoas", "avg_score", "avg_score_rank", "areas_ranked"]],
            on="area_code",
            how="left",
        )
        .sort_values("avg_score", ascending=False)
        .reset_index(drop=True)
    )
    districts = place_profile_user.user_area_members(lsoas, "district")
    figures = place_profile_user.user_area_figures(db, icb, spec)
    ids = tuple(figures["indicator_id"]) + USER_MEMBER_IDS + GAP_IDS + ("population", "core20_population_share")
    return ProfileData(
        area=area,
        icb=icb_v,
        summaries=place_profile_user.user_area_summary(lsoas, spec),
        deciles=deciles,
        population=profile_headline.area_population(deciles, area, spec.vintage),
        england_core20=_england_core20(db),
        figures={"health_outcomes": figures},
        gaps=place_profile_figures.indicator_figures(db, icb_v, area, GAP_IDS),
        gradients=gradients(deciles),
        district_ranks=pd.DataFrame(),
        wards=wards,
        datasets=datasets_used(db, ids),
        built_at=_built_at(db),
        districts=districts,
        published_by_district=profile_districts.district_figures(
            db, icb_v, districts, USER_MEMBER_IDS, area.name, "area"
        ),
        map_lsoas=lsoas if with_map else None,
        spec=spec,
    )


def area_lsoas(db: Database, icb: Icb, area: ProfileArea) -> pd.DataFrame:
    """A named area's LSOAs with national IMD decile and geometry, for the static decile map (``profile_lsoas``)."""
    return db.query("profile_lsoas", vintage=icb.imd_vintage, icb=icb.code, level=area.level, area_code=area.code)


def draw_decile_map(lsoas: pd.DataFrame, area: ProfileArea, vintage: int) -> bytes | None:
    """The static map of an area's LSOAs by national IMD decile (PNG), titled with the area; None without shapes."""
    # imported here, not at the top: matplotlib and geopandas cost some 45 MB of server memory, and a person who only
    # looks at the page never needs them (the page draws the map when its section is opened; the briefing CLI too)
    from lsc_phm.render import static_maps

    if area.level == "user":
        title = f"{area.name} (user-defined): LSOAs by national IMD {vintage} decile (Core20 = deciles 1 and 2)"
    else:
        where = area.part_name[:1].upper() + area.part_name[1:]
        title = f"{where}: LSOAs by national IMD {vintage} decile (Core20 = deciles 1 and 2)"
    return static_maps.decile_map_png(lsoas, title)


def decile_map(db: Database, icb: Icb, area_code: str) -> bytes | None:
    """The static decile map of a named area, as a profile built ``with_map`` carries it.

    For a page that builds its profile without the map and draws the map only when asked.

    Parameters
    ----------
    db : Database
    icb : Icb
        The configured ICB in the IMD vintage to show.
    area_code : str
        The area's code, menu label or name (see :func:`lsc_phm.views.place_profile.resolve_area`).

    Returns
    -------
    bytes or None
        The PNG, or None where the area has no LSOA shapes (an ICB without shipped boundaries).

    Raises
    ------
    ValueError
        For an unknown area code.
    """
    area = place_profile.resolve_area(db, icb, area_code)
    return draw_decile_map(area_lsoas(db, icb, area), area, icb.imd_vintage)
