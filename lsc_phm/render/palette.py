"""The one palette: every colour the app, its downloads and its briefings draw with, and the second cue that goes with
each comparison colour (a marker shape and a text symbol), so colour never carries meaning alone.

Nothing else in ``lsc_phm/``, ``ui/``, ``pages/`` or ``app.py`` writes a colour literal
(``tests/render/test_palette.py`` scans for them and checks every chart's colours come from here).

Design
------
* **Comparison with England** (the Fingertips categories): *better / similar / worse* for indicators with a polarity,
  *higher / similar / lower* where high is neither good nor bad, and *not compared*. Blue = better, orange = worse,
  pale yellow = similar, dark and light purple = higher and lower, white (with a grey outline) = not compared. The
  hues were chosen so that every pair stays at least 15 CIEDE2000 units apart under normal vision and under
  simulated protanopia, deuteranopia and tritanopia at full severity (Machado, Oliveira and Fernandes 2009 [1]_;
  the test recomputes this with ``coloraide`` [2]_). Red/green is never used for good/bad.
* **Second cue.** Each category has a marker shape (Vega-Lite symbol) and a text symbol (▲ better, ● similar,
  ▼ worse, ◆ higher, ■ lower, ✕ not compared) written on bars, beside points and in grid cells.
* **Map and deprivation palettes** never reuse a comparison colour: ColorBrewer BuGn (blue-green, dark = high, and
  dark = decile 1, most deprived) for sequential values and IMD deciles, and PiYG (pink-green, centred on a neutral
  grey-white) for differences from England [3]_; each colour is at least 10 CIEDE2000 units from every comparison
  colour (tested). Missing values are light greys with their own legend entries.
* **Trends** use one series colour per panel (small multiples), England in black, other areas in grey: never more
  than :data:`MAX_HUES` hues on a chart.

References
----------
.. [1] Machado, G. M., Oliveira, M. M. and Fernandes, L. A. F. (2009). A physiologically-based model for simulation
   of color vision deficiency. IEEE Transactions on Visualization and Computer Graphics, 15(6), 1291-1298.
.. [2] ColorAide (CVD filters after Machado 2009; CIEDE2000 colour difference). https://facelessuser.github.io/coloraide/
.. [3] Brewer, C. A. ColorBrewer 2.0: colour advice for cartography. https://colorbrewer2.org/
.. [4] OHID Fingertips: benchmarking against England (better / similar / worse; higher / similar / lower).
   https://fingertips.phe.org.uk/
"""

from __future__ import annotations

from branca.utilities import color_brewer

# ------------------------------------------------------------------------------------------------ comparison
BETTER, SIMILAR, WORSE = "Better", "Similar", "Worse"
HIGHER, LOWER = "Higher", "Lower"
NOT_COMPARED = "Not compared"
NOT_COMPARED_NO_CI = "Not compared (no confidence interval)"
SUPPRESSED = "Suppressed"
#: Every comparison label the data can carry, in legend order.
COMPARISONS: tuple[str, ...] = (BETTER, SIMILAR, WORSE, HIGHER, LOWER, NOT_COMPARED, NOT_COMPARED_NO_CI, SUPPRESSED)

#: Fill colour of each comparison (the two "not compared" labels share one colour and one shape).
COMPARISON_COLOURS: dict[str, str] = {
    BETTER: "#3866cd",
    SIMILAR: "#f3e039",
    WORSE: "#c65a00",
    HIGHER: "#3e1f7b",
    LOWER: "#b4a0dc",
    NOT_COMPARED: "#ffffff",
    NOT_COMPARED_NO_CI: "#ffffff",
    SUPPRESSED: "#ffffff",
}
#: Vega-Lite marker shape of each comparison (the second cue on points).
COMPARISON_SHAPES: dict[str, str] = {
    BETTER: "triangle-up",
    SIMILAR: "circle",
    WORSE: "triangle-down",
    HIGHER: "diamond",
    LOWER: "square",
    NOT_COMPARED: "cross",
    NOT_COMPARED_NO_CI: "cross",
    SUPPRESSED: "stroke",
}
#: Text symbol of each comparison, matching its shape (the second cue on bars, in tables and grid cells).
COMPARISON_SYMBOLS: dict[str, str] = {
    BETTER: "▲",
    SIMILAR: "●",
    WORSE: "▼",
    HIGHER: "◆",
    LOWER: "■",
    NOT_COMPARED: "✕",
    NOT_COMPARED_NO_CI: "✕",
    SUPPRESSED: "–",
}
#: Readable text colour on each comparison fill (WCAG contrast at least 4.5:1).
COMPARISON_TEXT: dict[str, str] = {
    BETTER: "#ffffff",
    SIMILAR: "#000000",
    WORSE: "#000000",
    HIGHER: "#ffffff",
    LOWER: "#000000",
    NOT_COMPARED: "#000000",
    NOT_COMPARED_NO_CI: "#000000",
    SUPPRESSED: "#000000",
}
#: The distinct categories that must stay distinguishable when they appear together (a spine chart or a grid can
#: show all of them at once; the two "not compared" labels and "suppressed" look alike on purpose).
DISTINCT_COMPARISONS: tuple[str, ...] = (BETTER, SIMILAR, WORSE, HIGHER, LOWER, NOT_COMPARED)

#: Funnel-plot positions (no judgement: recorded prevalence also reflects case-finding): the higher/lower purples,
#: darker and lighter for the 99.8% limits, and "similar" yellow within the limits; each with its own shape.
FUNNEL_COLOURS: dict[str, str] = {
    "Above the 99.8% limit": "#3e1f7b",
    "Above the 95% limit": "#7b62b3",
    "Within the 95% limits": "#f3e039",
    "Below the 95% limit": "#b4a0dc",
    "Below the 99.8% limit": "#e6dcf5",
}
FUNNEL_SHAPES: dict[str, str] = {
    "Above the 99.8% limit": "triangle-up",
    "Above the 95% limit": "diamond",
    "Within the 95% limits": "circle",
    "Below the 95% limit": "square",
    "Below the 99.8% limit": "triangle-down",
}
FUNNEL_SYMBOLS: dict[str, str] = {
    "Above the 99.8% limit": "▲",
    "Above the 95% limit": "◆",
    "Within the 95% limits": "●",
    "Below the 95% limit": "■",
    "Below the 99.8% limit": "▼",
}

# ------------------------------------------------------------------------------------------------ neutral ink
INK = "#000000"  # England lines, axis-like rules, text
INK_SOFT = "#333333"  # confidence-interval whiskers
TEXT_MUTED = "#555555"  # small print (source lines on static images)
TEXT_SUBTLE = "#666666"  # counts in legends
OUTLINE = "#737373"  # area borders, swatch borders, outlines of white marks
SWATCH_EDGE = "#999999"
BACKGROUND = "#ffffff"
CONTEXT_SERIES = "#b0b0b0"  # other areas on a trend panel
RANGE_FULL = "#e0e0e0"  # spine chart: worst to best
RANGE_MIDDLE = "#9e9e9e"  # spine chart: 25th to 75th percentile
#: The one series colour of a trend panel (a dark BuGn, not a comparison colour).
SERIES = "#006d2c"
#: At most this many distinct hues on any chart.
MAX_HUES = 8

# ------------------------------------------------------------------------------------------------ maps and deciles
SEQUENTIAL_SCHEME = "BuGn"
DIVERGING_SCHEME = "PiYG"
#: National IMD deciles 1 (darkest: most deprived) to 10 (lightest): ColorBrewer BuGn, 10 classes, reversed.
DECILE_COLOURS: tuple[str, ...] = (
    "#00441b",
    "#00682a",
    "#1b843f",
    "#37a265",
    "#55b98f",
    "#7ccbb4",
    "#aaded2",
    "#d1eeea",
    "#e7f5f9",
    "#f7fcfd",
)


def group_colour(group: int, groups: int = 10) -> str:
    """The colour of deprivation group ``group`` of ``groups`` (10 deciles or 5 quintiles), 1 = most deprived.

    A group's colour belongs to the group, whichever other groups a chart happens to hold: decile 6 keeps decile 6's
    colour in an area with no decile 9 or 10. Quintile q takes decile 2q - 1's colour.

    Raises
    ------
    ValueError
        For a group count other than 5 or 10, or a group outside 1..groups.

    Examples
    --------
    >>> group_colour(1) == DECILE_COLOURS[0], group_colour(6) == DECILE_COLOURS[5]
    (True, True)
    >>> group_colour(3, 5) == DECILE_COLOURS[4]
    True
    """
    if groups not in (5, 10):
        raise ValueError(f"groups must be 5 (quintiles) or 10 (deciles), not {groups}")
    if isinstance(group, bool) or int(group) != group or not 1 <= int(group) <= groups:
        raise ValueError(f"group must be a whole number from 1 to {groups}, not {group}")
    return DECILE_COLOURS[(int(group) - 1) * (10 // groups)]


#: IMD 2019 and IMD 2025 side by side (two BuGn shades).
VINTAGE_COLOURS: tuple[str, ...] = ("#006d2c", "#66c2a4")
NO_DATA_COLOUR = "#d9d9d9"
SUPPRESSED_COLOUR = "#b3b3b3"
NEUTRAL_COLOUR = "#f7f7f7"  # difference of exactly 0 on a diverging map
#: Outline of Core20 LSOAs on the map (a dashed line, not a fill): an orange in neither map ramp (BuGn, PiYG) nor
#: the deciles, so it shows on every palette; the dash is the second cue.
CORE20_OUTLINE = "#ff7f00"
CORE20_DASH = "6 4"
#: Core20 movers (IMD 2019 -> 2025): entered a solid purple line, left a dotted black line, so neither can be taken
#: for the dashed orange Core20 outline by colour or by dash.
MOVER_ENTERED = "#6a3d9a"
MOVER_LEFT = "#000000"
MOVER_LEFT_DASH = "1 5"
HOVER_OUTLINE = "#000000"

# ---------------------------------------------------------------------------------------- briefings (NHS identity)
NHS_BLUE = "#005eb8"
NHS_DARK = "#231f20"
NHS_GREY = "#425563"
TABLE_BORDER = "#c8c8c8"
TABLE_HEADER = "#e8edee"


def comparison_colour(comparison: str | None) -> str:
    """The fill colour of a comparison label (unknown or missing labels draw as "not compared")."""
    return COMPARISON_COLOURS.get(str(comparison), COMPARISON_COLOURS[NOT_COMPARED])


def comparison_label(comparison: str | None) -> str:
    """The label with its symbol, e.g. ``"▼ Worse"``, so meaning never rests on colour alone.

    >>> comparison_label("Worse")
    '▼ Worse'
    >>> comparison_label("Not compared (no confidence interval)")
    '✕ Not compared (no confidence interval)'
    """
    if comparison is None or comparison != comparison or comparison == "":
        return ""
    symbol = COMPARISON_SYMBOLS.get(str(comparison))
    return f"{symbol} {comparison}" if symbol else str(comparison)


def comparison_short(comparison: str | None) -> str:
    """A short label for marks (bars, points): the symbol and word, e.g. ``"▼ Worse"``; just ``"✕"`` for values
    not compared (the legend says what it means), so labels fit narrow charts.

    >>> comparison_short("Not compared (no confidence interval)")
    '✕'
    """
    if comparison in (NOT_COMPARED, NOT_COMPARED_NO_CI):
        return COMPARISON_SYMBOLS[NOT_COMPARED]
    if comparison == SUPPRESSED:
        return "suppressed"
    return comparison_label(comparison)


def present(comparisons) -> list[str]:
    """The comparison labels that occur in ``comparisons``, in legend order (a legend lists only these)."""
    seen = {str(c) for c in comparisons if c is not None and c == c}
    return [c for c in COMPARISONS if c in seen]


def sequential(n: int) -> list[str]:
    """``n`` sequential colours, light to dark (ColorBrewer :data:`SEQUENTIAL_SCHEME`)."""
    if n <= 0:
        return []
    full = color_brewer(SEQUENTIAL_SCHEME, max(3, n))
    return full[-n:] if n < 3 else full


def diverging(n: int) -> list[str]:
    """``n`` (odd) diverging colours, pink (index 0) through neutral to green (ColorBrewer :data:`DIVERGING_SCHEME`)."""
    if n < 3:
        raise ValueError(f"a diverging palette needs at least 3 colours, not {n}")
    return color_brewer(DIVERGING_SCHEME, n)


def all_colours() -> set[str]:
    """Every colour this module can produce (lower-case hex), for the palette-usage test."""
    colours = {v for k, v in globals().items() if k.isupper() and isinstance(v, str) and v.startswith("#")}
    for mapping in (COMPARISON_COLOURS, COMPARISON_TEXT, FUNNEL_COLOURS):
        colours |= set(mapping.values())
    colours |= set(DECILE_COLOURS) | set(VINTAGE_COLOURS)
    for n in range(1, 13):
        colours |= set(sequential(n))
    for n in range(3, 14, 2):
        colours |= set(diverging(n))
    return {c.lower() for c in colours}


#: Recent-trend arrows (Fingertips wording -> arrow), shown after a value: a second cue beside the words, never colour.
TREND_ARROWS: dict[str, str] = {"Increasing": "↑", "Decreasing": "↓", "No significant change": "→"}


def trend_arrow(wording: object) -> str:
    """The arrow for a recent-trend wording ("Decreasing and getting better" -> "↓"; "" when no trend was tested)."""
    text = str(wording or "")
    for word, arrow in TREND_ARROWS.items():
        if text.startswith(word):
            return arrow
    return ""
