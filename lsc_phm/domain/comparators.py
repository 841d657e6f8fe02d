"""Comparators beside England for benchmarked views: deprivation-decile peers and nearest statistical neighbours,
with the comparator's value for each indicator, the area's comparison with it, and the area's ranks.

How a peer-group comparison is judged (docs/methods.md#comparing-with-a-peer-group): the comparator value comes from
the peers (the area itself left out): for a crude proportion where every peer has counts, the pooled proportion
(sum of numerators over sum of denominators) with a Wilson interval; otherwise the median of the peers' values. The
area's own confidence interval is then tested against that value by the Fingertips rule, exactly as against England;
OHID's published comparison with England is never carried over to a peer group.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: comparing with a benchmark; CIPFA nearest neighbours and
   deprivation deciles as comparators. https://fingertips.phe.org.uk/profile/guidance
.. [2] Wilson EB. Probable inference, the law of succession, and statistical inference. J Am Stat Assoc
   1927;22:209-212.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lsc_phm import indicators
from lsc_phm.domain import similar
from lsc_phm.domain.geography import Icb
from lsc_phm.stats import compare_many, wilson_ci
from lsc_phm.store.db import Database

Comparator = Literal["england", "decile", "neighbours"]
COMPARATORS: tuple[str, ...] = ("england", "decile", "neighbours")
COMPARATOR_LABELS: dict[str, str] = {
    "england": "England",
    "decile": "Deprivation-decile peers",
    "neighbours": "15 nearest neighbours",
}
#: What each comparator is, in one sentence for captions and notes.
COMPARATOR_MEANING: dict[str, str] = {
    "england": "England's value for the same period.",
    "decile": (
        "The other English authorities of the same tier in the same national deprivation decile (OHID's "
        "grouping by IMD 2019 average score), pooled from counts for crude proportions, otherwise their "
        "median; computed here."
    ),
    "neighbours": (
        "The 15 most similar English authorities of the same tier on deprivation, age, ethnicity, "
        "disability and density (computed here; docs/methods.md#nearest-statistical-neighbours), pooled "
        "from counts for crude proportions, otherwise their median."
    ),
}
BENCHMARK_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "period",
    "comparator_value",
    "comparator_lowercl",
    "comparator_uppercl",
    "comparator_method",
    "peers",
    "peers_with_value",
    "rank_all_lowest",
    "rank_all_highest",
    "rank_all_of",
    "rank_all",
    "rank_group_lowest",
    "rank_group_of",
    "rank_group",
)
RANK_ALL_GROUP = "English districts and unitary authorities"


def _level(confidence: float) -> str:
    return f"{100 * confidence:g}%"


def peer_group(db: Database, area_code: str, comparator: Comparator) -> pd.DataFrame:
    """The authorities an area is compared with (``code, name``), the area itself left out.

    Raises
    ------
    ValueError
        For an unknown comparator, for England (no peer group), or an area that is not an English authority.
    """
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator must be one of {', '.join(COMPARATORS)}, not '{comparator}'")
    if comparator == "england":
        raise ValueError("England is a single benchmark, not a peer group")
    code = similar.authority_code(area_code)
    if comparator == "neighbours":
        return similar.nearest_neighbours(db, code)[["code", "name"]]
    return similar.deprivation_decile_peers(db, code)[["code", "name"]]


def minimum_peers(peers: int) -> int:
    """The fewest peers with a value for a peer-group value to be given: more than half the group (8 of 15), so a
    comparison never rests on a few authorities that happen to publish."""
    return peers // 2 + 1


def _pooled(indicator: indicators.Indicator, peers: pd.DataFrame) -> bool:
    crude_share = indicator.ci_method == "wilson" or indicators.WILSON_PUBLISHED_TAG in indicator.tags
    has_counts = peers["numerator"].notna().all() and (peers["denominator"].fillna(0) > 0).all()
    return bool(crude_share and indicator.unit.strip().startswith("%") and len(peers) and has_counts)


def benchmarks(
    db: Database,
    icb: Icb,
    area_code: str,
    comparator: Comparator,
    indicator_ids: tuple[str, ...],
    confidence: float = 0.95,
    all_periods: bool = False,
) -> pd.DataFrame:
    """For each indicator: the comparator's value for the area's latest period (or every period the area has a
    value for) and the area's ranks.

    Parameters
    ----------
    db : Database
    icb : Icb
        Gives the IMD vintage for LSOA-based measures.
    area_code : str
        A district or unitary authority code, or a place code ending in one.
    comparator : {'england', 'decile', 'neighbours'}
        For 'england' only the ranks among all authorities are filled.
    indicator_ids : tuple of str
    confidence : float, default 0.95
        Level of the pooled Wilson interval.
    all_periods : bool, default False
        Every period the authority has a value for (a comparator series, e.g. for the trend of the gap), not only
        its latest.

    Returns
    -------
    DataFrame
        :data:`BENCHMARK_COLUMNS`, one row per indicator (and period) with a value for the authority. Ranks count
        only today's 296 districts and unitary authorities with a value for the same period; the group rank counts
        the area and its peers ("of 16 similar areas" for 15 neighbours with values).

    Raises
    ------
    ValueError
        If the area is not a district-tier authority, or the comparator is unknown.
    """
    code = similar.authority_code(area_code)
    if similar.tier_of(code) != "district":
        raise ValueError(
            f"'{code}' is a county: values for every English county are not held, so it has no ranks "
            "or peer comparators here"
        )
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator must be one of {', '.join(COMPARATORS)}, not '{comparator}'")
    current = set(similar.authority_profiles(db, "district")["area_code"])
    values = db.query(
        "authority_indicator_values",
        area_code=code,
        vintage=icb.imd_vintage,
        indicators=list(indicator_ids),
        latest_only=not all_periods,
    )
    values = values[values["area_code"].isin(current)]
    peers = None if comparator == "england" else peer_group(db, code, comparator)
    group_word = {"decile": "authorities in its deprivation decile", "neighbours": "similar areas"}.get(comparator)
    rows = []
    for (indicator_id, period), frame in values.groupby(["indicator_id", "period"], sort=False):
        series = frame.set_index("area_code")["value"]
        if code not in series.index:
            continue
        indicator = indicators.get(indicator_id)
        rank = similar.rank_of(series, code)
        row = {
            "indicator_id": indicator_id,
            "period": period,
            "comparator_value": np.nan,
            "comparator_lowercl": np.nan,
            "comparator_uppercl": np.nan,
            "comparator_method": None,
            "peers": 0,
            "peers_with_value": 0,
            "rank_all_lowest": rank.lowest,
            "rank_all_highest": rank.highest,
            "rank_all_of": rank.of,
            "rank_all": similar.describe_rank(rank, RANK_ALL_GROUP)
            + (f" (values held for only {rank.of} of {len(current)})" if rank.of < minimum_peers(len(current)) else ""),
            "rank_group_lowest": np.nan,
            "rank_group_of": np.nan,
            "rank_group": None,
        }
        if peers is not None:
            peer_values = frame[frame["area_code"].isin(set(peers["code"]))]
            row["peers"], row["peers_with_value"] = len(peers), len(peer_values)
            needed = minimum_peers(len(peers))
            if len(peer_values) < needed:
                row["comparator_method"] = (
                    f"only {len(peer_values)} of {len(peers)} peers have a value for this "
                    f"period (at least {needed} needed)"
                )
            else:
                if _pooled(indicator, peer_values):
                    numerator, denominator = peer_values["numerator"].sum(), peer_values["denominator"].sum()
                    limits = wilson_ci([numerator], [denominator], confidence)
                    row["comparator_value"] = 100.0 * numerator / denominator
                    row["comparator_lowercl"] = 100.0 * float(limits["lowercl"].iloc[0])
                    row["comparator_uppercl"] = 100.0 * float(limits["uppercl"].iloc[0])
                    row["comparator_method"] = (
                        f"pooled from the counts of {len(peer_values)} peers, Wilson {_level(confidence)} interval"
                    )
                else:
                    row["comparator_value"] = float(peer_values["value"].median())
                    row["comparator_method"] = f"median of {len(peer_values)} peers' values"
                group_rank = similar.rank_of(series[series.index.isin(set(peers["code"]) | {code})], code)
                row["rank_group_lowest"], row["rank_group_of"] = group_rank.lowest, group_rank.of
                row["rank_group"] = similar.describe_rank(group_rank, group_word)
        rows.append(row)
    return pd.DataFrame(rows, columns=list(BENCHMARK_COLUMNS))


@dataclass(frozen=True)
class PeerQuartile:
    """The better quartile of the 15 nearest neighbours' values for one indicator and period."""

    value: float
    period: str
    quantile: float
    peers_with_value: int
    peers: int


def best_quartile(db: Database, icb: Icb, area_code: str, indicator_id: str) -> PeerQuartile:
    """The better-quartile value among an authority's 15 nearest neighbours, in the authority's latest period: the
    25th percentile of the neighbours' values when low is good, the 75th when high is good (linear interpolation
    between order statistics, as the spine chart's quartiles; the area itself left out).

    Raises
    ------
    ValueError
        For an indicator with no polarity, an area with no neighbours or no value, or fewer than
        :func:`minimum_peers` neighbours with a value for the period.
    """
    indicator = indicators.get(indicator_id)
    if indicator.polarity not in ("low_is_good", "high_is_good"):
        raise ValueError(f"'{indicator.name}' has no polarity, so no quartile is better than another")
    code = similar.authority_code(area_code)
    if similar.tier_of(code) != "district":
        raise ValueError(
            f"'{code}' is a county: the best quartile of similar areas is for districts and unitary authorities"
        )
    peers = peer_group(db, code, "neighbours")
    values = db.query(
        "authority_indicator_values",
        area_code=code,
        vintage=icb.imd_vintage,
        indicators=[indicator_id],
        latest_only=True,
    )
    if values.empty or code not in set(values["area_code"]):
        raise ValueError(f"no value of '{indicator.name}' is held for '{code}'")
    peer_values = values[values["area_code"].isin(set(peers["code"]))]["value"].astype("float64")
    needed = minimum_peers(len(peers))
    if len(peer_values) < needed:
        raise ValueError(
            f"only {len(peer_values)} of {len(peers)} similar areas have a value of '{indicator.name}' "
            f"for {values['period'].iloc[0]} (at least {needed} needed)"
        )
    quantile = 0.25 if indicator.polarity == "low_is_good" else 0.75
    return PeerQuartile(
        float(peer_values.quantile(quantile)), str(values["period"].iloc[0]), quantile, len(peer_values), len(peers)
    )


def judge(frame: pd.DataFrame, confidence: float) -> pd.DataFrame:
    """Compare each row's value and interval (``value, lowercl, uppercl``) with ``comparator_value`` by the
    Fingertips rule; adds ``comparison`` and ``comparison_basis``.

    Rows with no interval, or no comparator value, are "Not compared" with the reason: a peer comparison needs the
    area's own interval, and OHID's published comparison (made against England) is not reused.
    """
    out = frame.copy()
    comparison, basis = [], []
    for row in out.to_dict("records"):
        has_interval = pd.notna(row.get("lowercl")) and pd.notna(row.get("uppercl")) and pd.notna(row.get("value"))
        if row.get("comparison") == "Suppressed":
            comparison.append("Suppressed")
            basis.append("suppressed: small count")
        elif pd.isna(row.get("comparator_value")):
            comparison.append("Not compared")
            basis.append(f"not compared: {row.get('comparator_method') or 'no peer has a value for this period'}")
        elif not has_interval:
            comparison.append("Not compared")
            basis.append("not compared: the area's value has no confidence interval to test against the peers")
        else:
            verdict = compare_many(
                [row["value"]],
                [row["lowercl"]],
                [row["uppercl"]],
                [row["comparator_value"]],
                row["polarity"],
                confidence,
            ).iloc[0]
            comparison.append(verdict)
            basis.append(
                f"{_level(confidence)} confidence interval of the area against the peer value "
                f"({row.get('comparator_method')})"
            )
    out["comparison"] = comparison
    out["comparison_basis"] = basis
    return out


def spine_against(
    spine: pd.DataFrame, bench: pd.DataFrame, comparator: Comparator, confidence: float = 0.95
) -> pd.DataFrame:
    """Re-centre spine-chart rows (``lsc_phm.domain.benchmarking.spine``) on a comparator and add the ranks.

    For 'england' the rows are kept as they are, with rank columns added. Otherwise ``england_value`` becomes the
    comparator's value for the same period (kept as ``england_value`` so charts and tables need no new column;
    ``benchmark`` names it), the comparison is re-judged with :func:`judge`, and the chart positions are re-centred
    on the comparator. Rows whose period differs from the comparator's are not compared.

    Returns
    -------
    DataFrame
        The spine columns plus ``benchmark``, ``comparator_method``, ``rank_all``, ``rank_group``,
        ``rank_all_lowest``, ``rank_all_of``, ``rank_group_lowest``, ``rank_group_of``.
    """
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator must be one of {', '.join(COMPARATORS)}, not '{comparator}'")
    keep = [
        "indicator_id",
        "period",
        "comparator_value",
        "comparator_method",
        "rank_all",
        "rank_group",
        "rank_all_lowest",
        "rank_all_of",
        "rank_group_lowest",
        "rank_group_of",
    ]
    out = spine.merge(
        bench[keep] if len(bench) else pd.DataFrame(columns=keep), on=["indicator_id", "period"], how="left"
    )
    out["benchmark"] = COMPARATOR_LABELS[comparator]
    if comparator == "england":
        return out.drop(columns="comparator_value")
    out["england_value"] = pd.to_numeric(out["comparator_value"], errors="coerce").round(2)
    out = judge(out, confidence).drop(columns="comparator_value")
    sign = np.where(out["polarity"] == "low_is_good", -1.0, 1.0)
    centre = out["england_value"].astype("float64")
    half_range = np.maximum((out["worst"] - centre).abs(), (out["best"] - centre).abs()).replace(0, np.nan)
    for column in ("value", "worst", "q25", "q75", "best"):
        out[f"pos_{column}"] = (0.5 + 0.5 * sign * (out[column].astype("float64") - centre) / half_range).clip(0, 1)
    return out


def against(
    db: Database, icb: Icb, frame: pd.DataFrame, comparator: Comparator, confidence: float = 0.95, ranks: bool = False
) -> pd.DataFrame:
    """Re-judge rows of any benchmarked table (``area_code, indicator_id, period, value, lowercl, uppercl,
    england_value, comparison``) against a peer comparator, where the row's area has one.

    Rows for a district or unitary authority (or a place that is one) get the peer value for the same period in
    ``benchmark_value`` and a new ``comparison`` and ``comparison_basis`` (see :func:`judge`); with ``ranks``,
    also ``rank_all`` (among all English authorities, for England too) and ``rank_group`` (in the peer group),
    sentences such as "3rd highest of 16 similar areas". Every other row (the ICB, a county, a sub-ICB location, a
    place that is not one authority) keeps its England comparison, with England's value as its
    ``benchmark_value``. ``england_value`` is never changed; ``benchmark`` names the benchmark of each row.

    Raises
    ------
    ValueError
        For an unknown comparator.
    """
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator must be one of {', '.join(COMPARATORS)}, not '{comparator}'")
    out = frame.copy()
    out["benchmark"] = COMPARATOR_LABELS["england"]
    out["benchmark_value"] = out["england_value"] if "england_value" in out else np.nan
    if ranks:
        out["rank_all"], out["rank_group"] = None, None
    if out.empty or (comparator == "england" and not ranks):
        return out
    if "comparison_basis" not in out:
        out["comparison_basis"] = ""
    for area_code in out["area_code"].dropna().unique():
        try:
            code = similar.authority_code(area_code)
            if similar.tier_of(code) != "district":
                continue
        except ValueError:
            continue
        rows = out.index[(out["area_code"] == area_code) & out["value"].notna()]
        if not len(rows):
            continue
        ids = tuple(dict.fromkeys(out.loc[rows, "indicator_id"]))
        try:
            bench = benchmarks(db, icb, code, comparator, ids, confidence).set_index(["indicator_id", "period"])
        except ValueError:  # an abolished district (IMD 2019 geography) has no peers today: England stays
            continue
        for index in rows:
            key = (out.at[index, "indicator_id"], out.at[index, "period"])
            if key not in bench.index or out.at[index, "comparison"] == "Suppressed":
                continue
            if ranks:
                out.at[index, "rank_all"] = bench.at[key, "rank_all"]
                out.at[index, "rank_group"] = bench.at[key, "rank_group"]
            if comparator == "england":
                continue
            row = out.loc[[index]].assign(
                comparator_value=bench.at[key, "comparator_value"],
                comparator_method=bench.at[key, "comparator_method"],
                polarity=indicators.get(key[0]).polarity,
            )
            judged = judge(row, confidence).iloc[0]
            value = bench.at[key, "comparator_value"]
            out.at[index, "benchmark_value"] = round(float(value), 2) if pd.notna(value) else np.nan
            out.at[index, "comparison"] = judged["comparison"]
            out.at[index, "comparison_basis"] = judged["comparison_basis"]
            out.at[index, "benchmark"] = COMPARATOR_LABELS[comparator]
    return out
