"""SII, RII and gaps of a deprivation gradient, side by side (the measures table of the Inequalities page).

Takes a :class:`lsc_phm.views.inequalities.Gradient` and returns the local and national ("new") slope index of
inequality, the relative index, the most-vs-least-deprived gap and ratio, and the Core20-vs-rest gap, each with the
interval its method gives, from the groups' unrounded counts.

References
----------
.. [1] OHID. Fingertips Public Health Technical Guidance: slope index of inequality.
   https://fingertips.phe.org.uk/profile/guidance
.. [2] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities. J Public Health
   2004;26:388-395.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain.geography import Icb
from lsc_phm.render.formats import difference_words, fixed, ratio_words
from lsc_phm.stats import (
    RII_DIRECTION,
    SII_MOST_MINUS_LEAST,
    SiiOptions,
    core20_gap,
    gap,
    sii,
    sii_most_minus_least,
    wilson_ci,
)
from lsc_phm.store.db import Database
from lsc_phm.views.inequalities import Gradient, gradient, group_word

#: Fixed seed for the simulated SII limits, so that the page, exports and tests give the same figures.
SII_SEED = 20240501
SII_REPETITIONS = 100_000
#: Weighted R-squared below which the gradient is called far from straight.
LINEARITY_THRESHOLD = 0.7


MEASURE_COLUMNS: tuple[str, ...] = ("measure", "value", "lowercl", "uppercl", "unit", "reading", "note")
#: Row labels. Every difference reads most deprived minus least deprived, the SII included (PHEindicatormethods
#: reports the SII the other way round, least minus most; :func:`lsc_phm.stats.sii_most_minus_least` turns it).
SII_LOCAL = "SII, local: most minus least deprived end of the fitted line (ridits from this area's population)"
RII_LOCAL = "RII: most / least deprived end of the fitted line"
SII_NATIONAL = "SII, national ('new' SII): most minus least deprived end, at national decile positions"
CORE20_GAP = "Gap: Core20 (national deciles 1-2) minus the rest"
CORE20_RATIO = "Ratio: Core20 / the rest"


def _sii_inputs(table: pd.DataFrame) -> str | None:
    """Why an SII cannot be calculated from this table, or None."""
    if table["value"].isna().any():
        return "a group has no value (suppressed or missing)"
    return None


def _absent_groups(table: pd.DataFrame, groups: int) -> list[int]:
    """Group numbers 1..groups with no row in the table (e.g. national decile 1 in an ICB with no such LSOA)."""
    return sorted(set(range(1, groups + 1)) - set(int(g) for g in table["deprivation_group"]))


def _run_sii(table: pd.DataFrame, positions: str, with_ci: bool, confidence: float) -> pd.DataFrame:
    """SII of a gradient table: from the groups' unrounded counts when there are counts.

    The standard errors come from the counts' 95% Wilson limits inside :func:`lsc_phm.stats.sii`, whatever level
    the page shows: limits shown at 99.8%, rounded, and read as 95% ones would make every standard error, and so
    the 99.8% SII interval, about 1.58 times too wide. ``confidence`` is only the level of the simulated SII limits.
    The result reads most deprived minus least deprived (:func:`lsc_phm.stats.sii_most_minus_least`).
    """
    groups = table["deprivation_group"].to_numpy()
    if positions == "local":
        # Local ridits need only the order of the groups and the area's population in each, so groups that are
        # absent here (national deciles with no LSOA in the area) are skipped by numbering the present ones 1..K.
        groups = pd.Series(groups).rank(method="dense").astype("int64").to_numpy()
    options = SiiOptions(
        value_type="proportion",
        multiplier=100,
        confidence=confidence,
        repetitions=SII_REPETITIONS,
        seed=SII_SEED,
        positions=positions,
    )
    if with_ci:
        out = sii(
            groups, table["population"], numerator=table["numerator"], denominator=table["denominator"], options=options
        )
    else:
        out = sii(
            groups,
            table["population"],
            table["value"],
            se=np.zeros(len(table)),
            options=options.updated(value_type="normal", multiplier=1, repetitions=1000),
        )
    return sii_most_minus_least(out)


def _limits(frame: pd.DataFrame, prefix: str, confidence: float) -> tuple[float, float]:
    suffix = f"{confidence * 100:.1f}".replace(".", "_")
    return float(frame[f"{prefix}_lower{suffix}cl"].iloc[0]), float(frame[f"{prefix}_upper{suffix}cl"].iloc[0])


@dataclass(frozen=True)
class Measures:
    """SII, RII and gaps side by side, the end groups' values and the linearity check (R²).

    The sentences that describe them are written by :mod:`lsc_phm.reports.inequality_sentences`
    (:func:`~lsc_phm.reports.inequality_sentences.gradient_sentence`,
    :func:`~lsc_phm.reports.inequality_sentences.linearity_warning`).
    """

    table: pd.DataFrame
    r_squared: float
    most_deprived: float | None = None
    least_deprived: float | None = None
    #: Decimals of the indicator: differences are shown to them, ratios to 2.
    decimals: int = 1

    def for_display(self) -> pd.DataFrame:
        """The table as shown: each figure rounded for display only (differences to the indicator's decimals,
        ratios to 2), as text so a column can hold both; ``table`` keeps the unrounded figures for export."""
        shown = self.table.drop(columns="direction")
        for column in ("value", "lowercl", "uppercl"):
            shown[column] = [
                fixed(v, 2 if unit == "ratio" else self.decimals)
                for v, unit in zip(self.table[column], self.table["unit"], strict=True)
            ]
        return shown

    @property
    def linear(self) -> bool:
        """Whether a straight line describes the gradient well (weighted R² at least :data:`LINEARITY_THRESHOLD`)."""
        return not (self.r_squared == self.r_squared and self.r_squared < LINEARITY_THRESHOLD)


def measures(db: Database, icb: Icb, result: Gradient, confidence: float = 0.95) -> Measures:
    """Local SII, national ("new") SII, RII, most-vs-least-deprived gap and Core20-vs-rest gap for a gradient.

    Parameters
    ----------
    result : Gradient
        From :func:`gradient`; its table gives the local SII, RII and the gap.
    confidence : {0.95, 0.998}, default 0.95
        Level of every interval (the SII limits are simulated, seed :data:`SII_SEED`).

    Returns
    -------
    Measures
        ``table`` has :data:`MEASURE_COLUMNS`, one row per measure; limits are NaN where no interval applies, and
        ``note`` says why.

    Notes
    -----
    * The SII, RII and gap are computed from the groups' unrounded counts (standard errors from the counts, not
      from the rounded limits shown). RII and gap ratio both read most deprived / least deprived
      (:data:`lsc_phm.stats.RII_DIRECTION`); the SII and every gap read most deprived minus least deprived
      (:data:`lsc_phm.stats.SII_MOST_MINUS_LEAST`), so a positive SII and a positive gap both mean higher where
      people are more deprived, and ``reading`` says it in words ("6.3 percentage points higher in the most
      deprived"), and ``direction`` names the way each row reads, for exports.
    * Local SII: ridits from the area's own population in each group (Low & Low). National ("new") SII: LSOAs in
      national IMD deciles, ridits at the national positions 0.05, 0.15, ... (each national decile holds a tenth
      of England's LSOAs); it needs all ten deciles to be present.
    * Indicators without counts get point estimates only (weighted least squares with zero standard errors).
    * The Core20 gap pools the counts of national deciles 1-2 against the rest (:func:`lsc_phm.stats.core20_gap`).
    """
    indicator = indicators.get(result.indicator_id)
    with_ci = result.has_ci
    unit_text = "percentage points" if indicator.unit == "%" else indicator.unit
    rows, r2 = _local_rows(result, with_ci, confidence, unit_text)
    national_table, national_rows = _national_rows(db, icb, result, with_ci, confidence, unit_text)
    rows += national_rows
    gap_rows, ends = _gap_rows(result, with_ci, confidence, unit_text)
    rows += gap_rows
    rows += _core20_rows(db, icb, result, national_table is not None, with_ci, confidence, unit_text)
    frame = _with_readings(pd.DataFrame(rows, columns=list(MEASURE_COLUMNS)), indicator.decimals)
    return Measures(frame, r2, *ends, decimals=indicator.decimals)


def _local_rows(
    result: Gradient, with_ci: bool, confidence: float, unit_text: str
) -> tuple[list[dict[str, object]], float]:
    """The local SII and RII rows (ridits from the area's own population in each group) and the fit's R²."""
    table = result.table
    rows: list[dict[str, object]] = []
    r2 = float("nan")
    problem = _sii_inputs(table)
    if problem is None and len(table) >= 5:
        local = _run_sii(table, "local", with_ci, confidence)
        r2 = float(local["r_squared"].iloc[0])
        lo, hi = _limits(local, "sii", confidence) if with_ci else (np.nan, np.nan)
        absent = _absent_groups(table, result.groups)
        notes = ([] if with_ci else ["point estimate only: no counts, so no interval"]) + (
            [
                f"ridits over the groups present: group(s) {', '.join(map(str, absent))} have no "
                f"{'LSOAs' if result.unit == 'lsoa' else 'units'} in this area"
            ]
            if absent
            else []
        )
        rows.append(
            {
                "measure": SII_LOCAL,
                "value": float(local["sii"].iloc[0]),
                "lowercl": lo,
                "uppercl": hi,
                "unit": unit_text,
                "note": "; ".join(notes),
            }
        )
        rlo, rhi = _limits(local, "rii", confidence) if with_ci else (np.nan, np.nan)
        rows.append(
            {
                "measure": RII_LOCAL,
                "value": float(local["rii"].iloc[0]),
                "lowercl": rlo,
                "uppercl": rhi,
                "unit": "ratio",
                "note": "; ".join(notes),
            }
        )
    else:
        reason = problem or "fewer than 5 groups"
        rows.append(
            {
                "measure": SII_LOCAL,
                "value": np.nan,
                "lowercl": np.nan,
                "uppercl": np.nan,
                "unit": unit_text,
                "note": f"cannot be calculated: {reason}",
            }
        )
        rows.append(
            {
                "measure": RII_LOCAL,
                "value": np.nan,
                "lowercl": np.nan,
                "uppercl": np.nan,
                "unit": "ratio",
                "note": f"cannot be calculated: {reason}",
            }
        )

    return rows, r2


def _national_rows(
    db: Database, icb: Icb, result: Gradient, with_ci: bool, confidence: float, unit_text: str
) -> tuple[pd.DataFrame | None, list[dict[str, object]]]:
    """The national ("new") SII row and the national-decile table it comes from (None for non-LSOA units)."""
    table = result.table
    rows: list[dict[str, object]] = []
    national_table: pd.DataFrame | None = None
    if result.unit == "lsoa":
        national_table = (
            table
            if result.framing == "national" and result.groups == 10
            else gradient(
                db, icb, result.indicator_id, "lsoa", "national", 10, result.period, result.area, confidence
            ).table
        )
    if national_table is None:
        rows.append(
            {
                "measure": SII_NATIONAL,
                "value": np.nan,
                "lowercl": np.nan,
                "uppercl": np.nan,
                "unit": unit_text,
                "note": "not applicable: practices, PCNs and wards have no national IMD decile here",
            }
        )
    elif len(national_table) < 10 or _sii_inputs(national_table) is not None:
        missing = sorted(set(range(1, 11)) - set(national_table["deprivation_group"]))
        reason = (
            f"national decile(s) {', '.join(map(str, missing))} have no LSOAs in this area"
            if missing
            else _sii_inputs(national_table)
        )
        rows.append(
            {
                "measure": SII_NATIONAL,
                "value": np.nan,
                "lowercl": np.nan,
                "uppercl": np.nan,
                "unit": unit_text,
                "note": f"cannot be calculated: {reason}",
            }
        )
    else:
        national = _run_sii(national_table, "national", with_ci, confidence)
        lo, hi = _limits(national, "sii", confidence) if with_ci else (np.nan, np.nan)
        rows.append(
            {
                "measure": SII_NATIONAL,
                "value": float(national["sii"].iloc[0]),
                "lowercl": lo,
                "uppercl": hi,
                "unit": unit_text,
                "note": "" if with_ci else "point estimate only: no counts, so no interval",
            }
        )

    return national_table, rows


def _end_gap(first: pd.Series, last: pd.Series, groups: int, confidence: float) -> tuple[pd.Series, pd.Series]:
    """Gap and ratio of group 1 against group ``groups`` with their intervals (:func:`lsc_phm.stats.gap`).

    Computed from the two groups' unrounded counts and Wilson limits, not the rounded display values; returns the
    absolute row (difference, with its significance) and the relative row (ratio).
    """
    ends_x = np.array([first["numerator"], last["numerator"]], dtype="float64")
    ends_n = np.array([first["denominator"], last["denominator"]], dtype="float64")
    ends_ci = wilson_ci(ends_x, ends_n, confidence)
    out = gap(
        [1, groups],
        100.0 * ends_x / ends_n,
        100.0 * ends_ci["lowercl"].to_numpy(),
        100.0 * ends_ci["uppercl"].to_numpy(),
        value_type="proportion",
        scale=100,
        confidence=confidence,
    )
    return out.iloc[0], out.iloc[1]


def _gap_rows(
    result: Gradient, with_ci: bool, confidence: float, unit_text: str
) -> tuple[list[dict[str, object]], tuple[float | None, float | None]]:
    """The most-minus-least-deprived gap and ratio rows, and the two end values (None when an end is missing)."""
    table = result.table
    rows: list[dict[str, object]] = []
    word = group_word(result.groups)
    ends: tuple[float | None, float | None] = (None, None)
    first, last = table.iloc[0], table.iloc[-1]
    gap_label = f"Gap: most minus least deprived {word} (group 1 minus group {result.groups})"
    ratio_label = f"Ratio: most / least deprived {word}"
    if (
        len(table) >= 2
        and int(first["deprivation_group"]) == 1
        and int(last["deprivation_group"]) == result.groups
        and pd.notna(first["value"])
        and pd.notna(last["value"])
    ):
        if with_ci:
            absolute, relative = _end_gap(first, last, result.groups, confidence)
            rows.append(
                {
                    "measure": gap_label,
                    "value": absolute["value"],
                    "lowercl": absolute["lowercl"],
                    "uppercl": absolute["uppercl"],
                    "unit": unit_text,
                    "note": absolute["significance"],
                }
            )
            rows.append(
                {
                    "measure": ratio_label,
                    "value": relative["value"],
                    "lowercl": relative["lowercl"],
                    "uppercl": relative["uppercl"],
                    "unit": "ratio",
                    "note": "",
                }
            )
        else:
            rows.append(
                {
                    "measure": gap_label,
                    "value": first["value"] - last["value"],
                    "lowercl": np.nan,
                    "uppercl": np.nan,
                    "unit": unit_text,
                    "note": "no counts, so no interval or significance",
                }
            )
            rows.append(
                {
                    "measure": ratio_label,
                    "value": first["value"] / last["value"] if last["value"] else np.nan,
                    "lowercl": np.nan,
                    "uppercl": np.nan,
                    "unit": "ratio",
                    "note": "",
                }
            )
        ends = (float(first["value"]), float(last["value"]))
    else:
        for label, unit_ in ((gap_label, unit_text), (ratio_label, "ratio")):
            rows.append(
                {
                    "measure": label,
                    "value": np.nan,
                    "lowercl": np.nan,
                    "uppercl": np.nan,
                    "unit": unit_,
                    "note": f"cannot be calculated: group 1 or group {result.groups} is missing or suppressed",
                }
            )

    return rows, ends


def _core20_rows(
    db: Database, icb: Icb, result: Gradient, national: bool, with_ci: bool, confidence: float, unit_text: str
) -> list[dict[str, object]]:
    """The Core20-minus-rest gap and ratio rows (pooled counts of national deciles 1-2 against the rest)."""
    indicator = indicators.get(result.indicator_id)
    places = indicator.decimals
    rows: list[dict[str, object]] = []
    core_note = ""
    core_row = {
        "measure": CORE20_GAP,
        "value": np.nan,
        "lowercl": np.nan,
        "uppercl": np.nan,
        "unit": unit_text,
        "note": "",
    }
    if not national:
        core_note = "not applicable: practices, PCNs and wards have no national IMD decile here"
    elif not with_ci:
        core_note = "not applicable: needs counts"
    else:
        raw = db.query(
            "ineq_national_deciles",
            indicator=result.indicator_id,
            vintage=icb.imd_vintage,
            icb=icb.code,
            place=result.area,
            period=result.period,
            groups=10,
        )
        try:
            out = core20_gap(
                raw["deprivation_group"],
                raw["numerator"],
                raw["denominator"],
                value_type="proportion",
                confidence=confidence,
            )
            small = raw.loc[raw["deprivation_group"] <= 2, "numerator"].sum()
            if small < config.SUPPRESSION_THRESHOLD:
                core_note = "suppressed: Core20 count below 10"
            else:
                core_row.update(
                    value=out.iloc[0]["value"],
                    lowercl=out.iloc[0]["lowercl"],
                    uppercl=out.iloc[0]["uppercl"],
                    note=out.iloc[0]["significance"],
                )
                rows.append(core_row)
                rows.append(
                    {
                        "measure": CORE20_RATIO,
                        "value": out.iloc[1]["value"],
                        "lowercl": out.iloc[1]["lowercl"],
                        "uppercl": out.iloc[1]["uppercl"],
                        "unit": "ratio",
                        "note": f"Core20 {fixed(out.iloc[0]['value_a'], places)}{indicator.unit} vs the rest "
                        f"{fixed(out.iloc[0]['value_b'], places)}{indicator.unit}",
                    }
                )
        except ValueError as error:
            core_note = f"cannot be calculated: {error}"
    if core_note:
        core_row["note"] = core_note
        rows.append(core_row)

    return rows


def _with_readings(frame: pd.DataFrame, decimals: int) -> pd.DataFrame:
    """The measures with numeric figures, each row's ``reading`` in words and the ``direction`` it reads."""
    for column in ("value", "lowercl", "uppercl"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    # rounded only for the words; the figures stay unrounded for export and for the display rounding
    where = [
        "the Core20" if str(m).startswith(("Gap: Core20", "Ratio: Core20")) else "the most deprived"
        for m in frame["measure"]
    ]
    frame["reading"] = [
        ratio_words(v, 2, w) if u == "ratio" else difference_words(v, str(u), decimals, w)
        for v, u, w in zip(frame["value"], frame["unit"], where, strict=True)
    ]
    # the export says which way round each figure reads (the SII is not in PHE's sign here)
    frame["direction"] = [RII_DIRECTION if u == "ratio" else SII_MOST_MINUS_LEAST for u in frame["unit"]]
    return frame
