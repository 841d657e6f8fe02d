"""A Fingertips-style overview grid: indicators as rows (grouped by clinical area or theme, with period and England
value), areas as columns, each cell showing the value with its comparison symbol and filled with its comparison
colour from :mod:`lsc_phm.render.palette` (no streamlit).

The same grid serves the Core20PLUS5 scorecard and the place profile's indicator summary. A blank cell says why
in a legend: suppressed (count below 10), no open data for that area, or no published value at that level.

References
----------
.. [1] OHID Fingertips area profiles, "Overview" (tartan rug) view: https://fingertips.phe.org.uk/
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from lsc_phm import config
from lsc_phm.render import palette

#: Why a cell is blank, by the comparison label the view gives it.
BLANK_REASONS: dict[str, str] = {
    palette.SUPPRESSED: "suppressed (count below 10)",
    "No open data": "no open data for this area",
    "No published ICB value": "no published value for the ICB (none is estimated)",
}
NO_VALUE = "not published for this kind of area"
#: Legend line for the recent-trend arrows (shown only when a cell carries one).
TREND_LEGEND = (
    "Recent trend: ↑ increasing, ↓ decreasing, → no significant change (last 5 periods with counts, "
    "99.8% level, Fingertips method; or OHID's own published trend for the latest period); no arrow = "
    "not tested (fewer than 5 periods with counts, or no counts). An arrow says the direction, not "
    "whether it is good: the indicator's detail says 'getting better' or 'getting worse'."
)
FIXED_COLUMNS: tuple[str, ...] = ("Group", "Indicator", "Period", "England")
_PUBLISHED_SUB_ICB = re.compile(r"^NHS .+ - (\w+)$")


def area_label(area_code: str, area_name: str, level: str = "") -> str:
    """A short, familiar column label: sub-ICB locations by their familiar name if the configuration has one,
    otherwise by their code ("Sub-ICB 01A"); other areas by name.

    >>> area_label("E38000050", "NHS Lancashire and South Cumbria ICB - 01A", "Sub-ICB location")  # doctest: +SKIP
    'East Lancashire (01A)'
    """
    if str(area_name).endswith("Integrated Care Board"):
        return "ICB"
    match = _PUBLISHED_SUB_ICB.match(str(area_name))
    if match:
        labeller = getattr(config, "sub_icb_label", None)
        if labeller is not None:
            label = labeller(match.group(1), None) or labeller(area_code, None)
            if label:
                return str(label)
        return f"Sub-ICB {match.group(1)}"
    return str(area_name)


def format_value(value, decimals: int, unit: str = "") -> str:
    """A value to the indicator's decimals with thousands separators ("" when missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = f"{float(value):,.{max(int(decimals), 0)}f}"
    return f"{text}%" if unit == "%" else text


@dataclass
class Grid:
    """What :func:`indicator_grid` returns.

    Attributes
    ----------
    display : pandas.DataFrame
        One row per indicator: ``Group``, ``Indicator``, ``Period``, ``England`` and one text column per area
        (``"76.6 ▼"``; blank where there is no value).
    comparisons : pandas.DataFrame
        Same shape as the area columns of ``display``: each cell's comparison label (or blank reason).
    indicator_ids : list of str
        The indicator of each row.
    area_codes : dict
        Column label -> area code.
    blanks : dict
        Blank reason -> number of cells.
    """

    display: pd.DataFrame
    comparisons: pd.DataFrame
    indicator_ids: list[str]
    area_codes: dict[str, str]
    blanks: dict[str, int] = field(default_factory=dict)

    @property
    def area_columns(self) -> list[str]:
        """The area column labels, in order."""
        return list(self.area_codes)

    def present(self) -> list[str]:
        """The comparison categories that occur in the grid (legend order)."""
        return palette.present(self.comparisons.to_numpy().ravel())

    def cell_style(self, column: str, row: int) -> str:
        """The CSS of one area cell: the comparison's colour as the fill and a readable text colour."""
        comparison = self.comparisons.iloc[row][column]
        if comparison not in palette.COMPARISON_COLOURS or comparison == palette.SUPPRESSED:
            return ""
        return (
            f"background-color: {palette.COMPARISON_COLOURS[comparison]}; color: {palette.COMPARISON_TEXT[comparison]}"
        )

    def styler(self):
        """A pandas Styler of :attr:`display` with every area cell filled by its comparison colour."""

        def style(frame: pd.DataFrame) -> pd.DataFrame:
            out = pd.DataFrame("", index=frame.index, columns=frame.columns)
            for column in self.area_columns:
                for row in range(len(frame)):
                    out.iloc[row, out.columns.get_loc(column)] = self.cell_style(column, row)
            return out

        return self.display.style.apply(style, axis=None)


def indicator_grid(
    frame: pd.DataFrame, decimals: dict[str, int], *, group: str = "clinical_area", area_order: list[str] | None = None
) -> Grid:
    """Pivot a long table of indicator values into the overview grid.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per area and indicator with ``indicator_id``, ``indicator``, ``area_code``, ``area_name``,
        ``period``, ``value``, ``unit``, ``england_value``, ``comparison`` and ``group`` (e.g. the scorecard of
        :func:`lsc_phm.views.core20plus5.scorecard`); ``level`` is used for labels when present.
    decimals : dict
        Indicator id -> decimals to show (the registry's).
    group : str, default "clinical_area"
        The column that groups rows (rows keep their first-seen order within and across groups).
    area_order : list of str, optional
        Area codes in column order (default: first-seen order).

    Returns
    -------
    Grid

    Raises
    ------
    ValueError
        If a required column is missing.
    """
    needed = {
        "indicator_id",
        "indicator",
        "area_code",
        "area_name",
        "period",
        "value",
        "unit",
        "england_value",
        "comparison",
        group,
    }
    missing = needed - set(frame.columns)
    if missing:
        raise ValueError(f"grid table lacks columns {sorted(missing)}")
    data = frame.copy()
    if "level" not in data.columns:
        data["level"] = ""
    if area_order is None:  # the ICB, then places, then sub-ICB locations, then anything else
        rank = {"icb": 0, "place": 1, "sub-icb location": 2}
        ordered = data.assign(_rank=data["level"].astype(str).str.lower().map(rank).fillna(3))
        area_order = ordered.sort_values("_rank", kind="stable")["area_code"].tolist()
    codes = list(dict.fromkeys(area_order))
    codes = [c for c in codes if c in set(data["area_code"])]
    first = data.drop_duplicates("area_code").set_index("area_code")
    labels: dict[str, str] = {}
    for code in codes:
        label = area_label(code, first.loc[code, "area_name"], first.loc[code, "level"])
        while label in labels:  # two areas with one label: keep both columns
            label += f" ({code})"
        labels[label] = code
    groups = list(dict.fromkeys(data[group]))  # rows grouped: each group's indicators together, first-seen order
    rows = list(
        dict.fromkeys(
            data.assign(_group=data[group].map(groups.index)).sort_values("_group", kind="stable")["indicator_id"]
        )
    )
    display_rows, comparison_rows = [], []
    blanks: dict[str, int] = {}
    for indicator_id in rows:
        part = data[data["indicator_id"] == indicator_id]
        places = decimals.get(indicator_id, 1)
        unit = str(part["unit"].dropna().iloc[0]) if part["unit"].notna().any() else ""
        periods = list(dict.fromkeys(p for p in part["period"] if isinstance(p, str) and p))
        england = part["england_value"].dropna()
        record = {
            "Group": part[group].iloc[0],
            "Indicator": f"{part['indicator'].iloc[0]} ({unit})" if unit else part["indicator"].iloc[0],
            "Period": ", ".join(periods),
            "England": format_value(england.iloc[0] if len(england) else None, places),
        }
        comparisons = {}
        by_area = part.drop_duplicates("area_code").set_index("area_code")
        for label, code in labels.items():
            if code not in by_area.index:
                record[label] = ""
                comparisons[label] = NO_VALUE
                blanks[NO_VALUE] = blanks.get(NO_VALUE, 0) + 1
                continue
            cell = by_area.loc[code]
            comparison = cell["comparison"] if isinstance(cell["comparison"], str) else ""
            text = format_value(cell["value"], places)
            if not text:
                reason = BLANK_REASONS.get(comparison, NO_VALUE)
                blanks[reason] = blanks.get(reason, 0) + 1
                record[label] = ""
                comparisons[label] = reason
                continue
            symbol = palette.COMPARISON_SYMBOLS.get(comparison, "")
            arrow = palette.trend_arrow(cell.get("recent_trend", ""))
            record[label] = f"{text} {symbol} {arrow}".strip()
            comparisons[label] = comparison or palette.NOT_COMPARED
        display_rows.append(record)
        comparison_rows.append(comparisons)
    display = pd.DataFrame(display_rows, columns=[*FIXED_COLUMNS, *labels])
    return Grid(display, pd.DataFrame(comparison_rows, columns=list(labels)), rows, labels, blanks)


def legend_html(grid: Grid) -> str:
    """A legend for the grid's colours and symbols (only those present) and for its blank cells."""
    items = []
    for comparison in grid.present():
        if comparison == palette.NOT_COMPARED_NO_CI and palette.NOT_COMPARED in grid.present():
            continue
        colour = palette.COMPARISON_COLOURS[comparison]
        items.append(
            f'<span style="white-space:nowrap;margin-right:1em"><span style="display:inline-block;min-width:1.4em;'
            f"text-align:center;background:{colour};color:{palette.COMPARISON_TEXT[comparison]};"
            f'border:1px solid {palette.OUTLINE};margin-right:0.3em">{palette.COMPARISON_SYMBOLS[comparison]}</span>'
            f"{html.escape(comparison)}</span>"
        )
    blanks = "; ".join(f"{html.escape(reason)} ({count})" for reason, count in grid.blanks.items())
    arrows = any(
        arrow in str(cell)
        for arrow in palette.TREND_ARROWS.values()
        for column in grid.area_columns
        for cell in grid.display[column]
    )
    return (
        f'<div style="font-size:0.85rem;line-height:1.8"><b>Compared with England:</b> {" ".join(items)}'
        + (f"<br><b>Blank cells:</b> {blanks}" if blanks else "")
        + (f"<br>{html.escape(TREND_LEGEND)}" if arrows else "")
        + "</div>"
    )
