"""The Core20PLUS5 scorecard as an HTML table that reads at a glance (no streamlit).

Rows are grouped by clinical area (the 5 adult areas, then the 5 children's, then the cross-cutting ones); full
indicator names wrap rather than truncate; an adult measure under a children's area says "adult proxy" in the row
itself; an area with no loaded indicator shows its status in one wide cell. The area columns share the width left by
the first column, so they fit a 1440 px window; below the table's minimum width the table scrolls sideways with the
first column frozen. Every cell is filled with its comparison colour *and* carries the comparison's symbol; every
blank cell carries a letter naming its one reason (the legend lists each letter with its count) and the full reason
on hover.

References
----------
.. [1] OHID Fingertips area profiles, "Overview" (tartan rug) view: https://fingertips.phe.org.uk/
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

from lsc_phm.render import palette

#: Minimum table width (px): narrower windows scroll the table sideways with the first column frozen.
MIN_WIDTH = 900
FIRST_COLUMN_WIDTH = 190
ENGLAND_COLUMN_WIDTH = 48
#: The label an adult measure under a children's area carries in the grid.
ADULT_PROXY_LABEL = "adult proxy"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Column:
    """One area column: its code, short header, full name (the header's hover text) and the level it belongs to (a
    header spanning the columns of one level sits above them)."""

    code: str
    header: str
    title: str
    level: str = ""


def _number(value: object, decimals: int) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{float(value):,.{max(int(decimals), 0)}f}"


def blank_letters(reasons: list[str]) -> dict[str, str]:
    """A letter for each blank reason, in the order given (``{"not published for places": "a", ...}``).

    >>> blank_letters(["not published for places", "suppressed"])
    {'not published for places': 'a', 'suppressed': 'b'}
    """
    return {reason: _LETTERS[i % len(_LETTERS)] for i, reason in enumerate(dict.fromkeys(reasons))}


def _style(columns: int) -> str:
    return (
        f"""<style>
.c20sc-wrap {{overflow-x: auto; max-width: 100%; border: 1px solid {palette.TABLE_BORDER};}}
.c20sc {{border-collapse: separate; border-spacing: 0; table-layout: fixed; width: 100%;
  min-width: {MIN_WIDTH}px; font-size: 12px; line-height: 1.25;}}
.c20sc th, .c20sc td {{border-bottom: 1px solid {palette.TABLE_BORDER}; border-right: 1px solid {palette.TABLE_BORDER};
  padding: 3px 3px; vertical-align: middle; overflow-wrap: anywhere;}}
.c20sc thead th {{background: {palette.TABLE_HEADER}; font-weight: 600; text-align: center; vertical-align: bottom;
  font-size: 10.5px; padding: 3px 2px; overflow-wrap: break-word;}}
.c20sc thead tr.levels th {{font-size: 12px; border-bottom: 1px solid {palette.OUTLINE};}}
.c20sc .first {{position: sticky; left: 0; z-index: 2; background: {palette.BACKGROUND}; text-align: left;
  width: {FIRST_COLUMN_WIDTH}px; font-weight: normal;}}
.c20sc thead .first {{background: {palette.TABLE_HEADER}; z-index: 3;}}
.c20sc .eng {{width: {ENGLAND_COLUMN_WIDTH}px; text-align: center;}}
.c20sc td.v {{text-align: center; white-space: nowrap;}}
.c20sc td.blank {{color: {palette.TEXT_SUBTLE}; text-align: center; font-style: italic;}}
.c20sc tr.group th {{background: {palette.NHS_BLUE}; color: {palette.BACKGROUND}; font-size: 13px;
  text-align: left;}}
.c20sc tr.area th {{background: {palette.TABLE_HEADER}; font-weight: 600; text-align: left;}}
.c20sc tr.area td {{background: {palette.TABLE_HEADER};}}
.c20sc .status {{font-weight: normal; color: {palette.NHS_GREY};}}
.c20sc td.statuscell {{text-align: left; white-space: normal;}}
.c20sc .proxy {{display: inline-block; border: 1px solid {palette.OUTLINE}; border-radius: 3px; padding: 0 3px;
  font-size: 11px; margin-left: 3px; white-space: nowrap;}}
.c20sc .period {{color: {palette.TEXT_SUBTLE}; font-size: 11px;}}
</style>"""
        if columns
        else ""
    )


def scorecard_html(
    card: pd.DataFrame, columns: list[Column], decimals: dict[str, int], confidence_text: str = "95%"
) -> tuple[str, dict[str, str]]:
    """Draw a scorecard (:func:`lsc_phm.views.core20plus5.scorecard`) as an HTML table.

    Parameters
    ----------
    card : pandas.DataFrame
        The scorecard: ``group, clinical_area, area_status, row_kind, proxy, area_code, indicator_id, indicator,
        period, value, lowercl, uppercl, unit, england_value, comparison, blank_reason, recent_trend, value_note,
        link, source``.
    columns : list of Column
        The area columns in order.
    decimals : dict
        Indicator id -> decimals to show.
    confidence_text : str, default "95%"
        The comparison level, for the hover text.

    Returns
    -------
    (str, dict)
        The HTML (a style block and the table) and the blank-reason letters (reason -> letter) used.

    Raises
    ------
    ValueError
        If a required column is missing.
    """
    needed = {
        "group",
        "clinical_area",
        "area_status",
        "row_kind",
        "proxy",
        "area_code",
        "indicator_id",
        "indicator",
        "period",
        "value",
        "lowercl",
        "uppercl",
        "unit",
        "england_value",
        "comparison",
        "blank_reason",
        "recent_trend",
        "link",
        "source",
    }
    missing = needed - set(card.columns)
    if missing:
        raise ValueError(f"scorecard lacks columns {sorted(missing)}")
    indicator_rows = card[card["row_kind"] == "indicator"]
    blanks = indicator_rows.loc[indicator_rows["value"].isna(), "blank_reason"]
    letters = blank_letters(blanks.astype(object).fillna("").tolist())
    span = len(columns) + 1
    out = [_style(len(columns)), '<div class="c20sc-wrap"><table class="c20sc" lang="en">', *_header(columns)]
    seen_groups: set[str] = set()
    seen_areas: set[tuple[str, str]] = set()
    keys = zip(card["group"], card["clinical_area"], card["indicator_id"], card["proxy"], strict=True)
    order = list(dict.fromkeys(keys))
    for group, area, indicator_id, proxy in order:
        if group not in seen_groups:
            seen_groups.add(group)
            out.append(
                f'<tr class="group"><th class="first" scope="rowgroup">{html.escape(group)}</th>'
                f'<th colspan="{span}" style="background:{palette.NHS_BLUE}"></th></tr>'
            )
        rows = card[
            (card["group"] == group)
            & (card["clinical_area"] == area)
            & (card["indicator_id"] == indicator_id)
            & (card["proxy"] == proxy)
        ]
        first = rows.iloc[0]
        if (group, area) not in seen_areas:
            seen_areas.add((group, area))
            out.append(
                f'<tr class="area"><th class="first" scope="rowgroup">{html.escape(area)} '
                f'<span class="status">({html.escape(str(first["area_status"]))})</span></th>'
                f'<td colspan="{span}"></td></tr>'
            )
        if first["row_kind"] == "status":
            text = html.escape(str(first["indicator"]))
            link = str(first["link"] or "")
            linked = f'{text} <a href="{html.escape(link)}">{html.escape(link)}</a>' if link else text
            out.append(
                f'<tr><th class="first" scope="row">No indicator loaded here</th>'
                f'<td class="statuscell" colspan="{span}">{linked}</td></tr>'
            )
            continue
        out += _indicator_row(rows, proxy, columns, decimals.get(indicator_id, 1), letters, confidence_text)
    out.append("</tbody></table></div>")
    return "".join(out), letters


def _indicator_row(
    rows: pd.DataFrame, proxy: bool, columns: list[Column], places: int, letters: dict[str, str], confidence_text: str
) -> list[str]:
    """One indicator's table row: its name, unit, proxy badge and periods, England's value, then one cell per area.

    ``rows`` are the scorecard's rows of the indicator (one per area). A blank cell shows the letter of its reason;
    a reason without one yet is given the next letter in ``letters``, which is updated in place.
    """
    first = rows.iloc[0]
    out: list[str] = []
    unit = str(first["unit"]) if isinstance(first["unit"], str) and first["unit"] else ""
    name = html.escape(str(first["indicator"])) + (f" ({html.escape(unit)})" if unit else "")
    badge = f' <span class="proxy">{ADULT_PROXY_LABEL}</span>' if bool(proxy) else ""
    periods = ", ".join(dict.fromkeys(str(p) for p in rows["period"] if isinstance(p, str) and p))
    england = rows["england_value"].dropna()
    out.append(
        f'<tr><th class="first" scope="row">{name}{badge}<br><span class="period">{html.escape(periods)}'
        f'</span></th><td class="eng">{_number(england.iloc[0] if len(england) else None, places)}</td>'
    )
    by_area = rows.drop_duplicates("area_code").set_index("area_code")
    for column in columns:
        if column.code not in by_area.index or pd.isna(by_area.loc[column.code, "value"]):
            reason = str(by_area.loc[column.code, "blank_reason"]) if column.code in by_area.index else ""
            reason = reason if reason and reason != "nan" else "no value"
            letters.setdefault(reason, _LETTERS[len(letters) % len(_LETTERS)])
            out.append(
                f'<td class="blank" title="{html.escape(column.title)}: {html.escape(reason)}">{letters[reason]}</td>'
            )
            continue
        out.append(_value_cell(by_area.loc[column.code], column, places, unit, confidence_text))
    out.append("</tr>")
    return out


def _header(columns: list[Column]) -> list[str]:
    """The table head: a row of column levels (when any column has one), then the column headers."""
    out = ["<thead>"]
    levels = [(level, sum(1 for c in columns if c.level == level)) for level in dict.fromkeys(c.level for c in columns)]
    if any(level for level, _ in levels):
        out.append(
            '<tr class="levels"><th class="first" scope="col"></th><th class="eng" scope="col"></th>'
            + "".join(f'<th scope="colgroup" colspan="{n}">{html.escape(level)}</th>' for level, n in levels)
            + "</tr>"
        )
    out += [
        "<tr>",
        '<th class="first" scope="col">Clinical area and indicator</th>',
        '<th class="eng" scope="col" title="England value, same period">England</th>',
    ]
    out += [f'<th scope="col" title="{html.escape(c.title)}">{html.escape(c.header)}</th>' for c in columns]
    out.append("</tr></thead><tbody>")
    return out


def _value_cell(cell: pd.Series, column: Column, places: int, unit: str, confidence_text: str) -> str:
    """One area's value cell: the value, its comparison symbol and trend arrow, coloured by the comparison, with the
    interval, the benchmark and any note in the hover text."""
    comparison = (
        cell["comparison"] if isinstance(cell["comparison"], str) and cell["comparison"] else palette.NOT_COMPARED
    )
    symbol = palette.COMPARISON_SYMBOLS.get(comparison, palette.COMPARISON_SYMBOLS[palette.NOT_COMPARED])
    arrow = palette.trend_arrow(cell["recent_trend"])
    value = _number(cell["value"], places)
    limits = f"{_number(cell['lowercl'], places)} to {_number(cell['uppercl'], places)}"
    interval = f" ({confidence_text} CI {limits})" if pd.notna(cell["lowercl"]) and pd.notna(cell["uppercl"]) else ""
    benchmark = cell.get("benchmark_value", cell["england_value"])
    against = (
        f" (against {cell['benchmark']}: {_number(benchmark, places)})"
        if pd.notna(benchmark)
        and pd.notna(cell["england_value"])
        and "benchmark" in cell
        and abs(float(benchmark) - float(cell["england_value"])) > 1e-9
        else f" (England {_number(cell['england_value'], places)})"
        if pd.notna(cell["england_value"])
        else ""
    )
    hover = (
        f"{column.title}: {value}{unit if unit == '%' else ''}{interval}; {comparison}{against}"
        + (f"; recent trend: {cell['recent_trend']}" if cell["recent_trend"] else "")
        + (f"; {cell['value_note']}" if isinstance(cell.get("value_note"), str) and cell["value_note"] else "")
    )
    fill = palette.comparison_colour(comparison)
    ink = palette.COMPARISON_TEXT.get(comparison, palette.COMPARISON_TEXT[palette.NOT_COMPARED])
    return (
        f'<td class="v" style="background:{fill};color:{ink}" title="{html.escape(hover)}">'
        f"{value} {symbol}{' ' + arrow if arrow else ''}</td>"
    )


def legend_html(letters: dict[str, str], counts: dict[str, int], comparisons: list[str], trend_text: str) -> str:
    """The scorecard's legend: comparison colours and symbols, what each blank letter means (with its count), and the
    recent-trend arrows."""
    items = []
    for comparison in comparisons:
        if comparison == palette.NOT_COMPARED_NO_CI and palette.NOT_COMPARED in comparisons:
            continue
        items.append(
            f'<span style="white-space:nowrap;margin-right:1em"><span style="display:inline-block;min-width:1.4em;'
            f"text-align:center;background:{palette.comparison_colour(comparison)};"
            f"color:{palette.COMPARISON_TEXT.get(comparison, palette.INK)};border:1px solid {palette.OUTLINE};"
            f'margin-right:0.3em">{palette.COMPARISON_SYMBOLS.get(comparison, "")}</span>{html.escape(comparison)}'
            "</span>"
        )
    blanks = "; ".join(
        f"<i>{letter}</i> = {html.escape(reason)} ({counts.get(reason, 0)} cells)" for reason, letter in letters.items()
    )
    return (
        f'<div style="font-size:0.85rem;line-height:1.7"><b>Compared with England:</b> {" ".join(items)}'
        + (
            f"<br><b>A blank cell shows a letter for its one reason</b> (hover a cell for it): {blanks}"
            if blanks
            else ""
        )
        + f"<br><b>{ADULT_PROXY_LABEL}</b>: an adult measure shown under a children's area as context; it does "
        "not measure children." + f"<br>{html.escape(trend_text)}</div>"
    )
