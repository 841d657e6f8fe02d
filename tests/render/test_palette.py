"""The one palette: comparison colours stay apart under simulated colour-vision deficiency, never collide with the
map and decile palettes, always come with a second cue, and no colour is written anywhere else."""

from __future__ import annotations

import itertools
import re
import tokenize
from pathlib import Path

import pytest
from coloraide import Color

from lsc_phm.render import palette

ROOT = Path(__file__).resolve().parents[2]
#: Machado, Oliveira and Fernandes (2009) simulation at full severity, as implemented by coloraide.
DEFICIENCIES = ("protan", "deutan", "tritan")
#: Minimum CIEDE2000 difference between two comparison categories that can appear together, in every vision.
MIN_CATEGORY_DISTANCE = 15.0
#: Minimum CIEDE2000 difference between a comparison colour and any map or decile colour (normal vision).
MIN_MAP_DISTANCE = 10.0
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\(")


def _seen(hex_colour: str, deficiency: str | None) -> Color:
    colour = Color(hex_colour)
    return colour if deficiency is None else colour.filter(deficiency, method="machado").clip()


def _distance(a: str, b: str, deficiency: str | None) -> float:
    return _seen(a, deficiency).delta_e(_seen(b, deficiency), method="2000")


def test_simulation_reproduces_the_published_problem():
    # The report: deuteranopia turns the old better (#1b7837) into about #6e653b and the old worse
    # (#b2182b) into about #716525, nearly the same colour (CIEDE2000 5.2, far below the threshold).
    assert _seen("#1b7837", "deutan").convert("srgb").to_string(hex=True) == "#6e653c"
    assert _distance("#1b7837", "#b2182b", "deutan") == pytest.approx(5.16, abs=0.01)


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_every_pair_of_comparison_categories_stays_apart(deficiency):
    # A spine chart or an overview grid can show every category at once, so every pair must stay apart.
    for a, b in itertools.combinations(palette.DISTINCT_COMPARISONS, 2):
        distance = _distance(palette.COMPARISON_COLOURS[a], palette.COMPARISON_COLOURS[b], deficiency)
        assert distance >= MIN_CATEGORY_DISTANCE, (a, b, deficiency or "normal", round(distance, 1))


def test_comparison_colours_never_collide_with_map_or_decile_colours():
    ramps = set(palette.DECILE_COLOURS) | set(palette.VINTAGE_COLOURS)
    for n in range(1, 12):
        ramps |= set(palette.sequential(n))
    for n in range(3, 12, 2):
        ramps |= set(palette.diverging(n))
    for category in palette.DISTINCT_COMPARISONS:
        if category == palette.NOT_COMPARED:
            continue  # white, drawn with an outline; the map's lightest classes are outlined areas too
        for colour in ramps:
            distance = _distance(palette.COMPARISON_COLOURS[category], colour, None)
            assert distance >= MIN_MAP_DISTANCE, (category, colour, round(distance, 1))


def test_every_category_has_a_second_cue_and_readable_text():
    shapes = [palette.COMPARISON_SHAPES[c] for c in palette.DISTINCT_COMPARISONS]
    symbols = [palette.COMPARISON_SYMBOLS[c] for c in palette.DISTINCT_COMPARISONS]
    assert len(set(shapes)) == len(shapes) and len(set(symbols)) == len(symbols)
    for category in palette.COMPARISONS:
        contrast = Color(palette.COMPARISON_TEXT[category]).contrast(palette.COMPARISON_COLOURS[category])
        assert contrast >= 4.5, (category, round(contrast, 2))
    assert palette.comparison_label("Worse") == "▼ Worse"
    assert palette.present(["Worse", None, "Better", "Worse"]) == ["Better", "Worse"]


def _string_tokens(path: Path):
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
                yield token


def test_no_colour_literal_outside_the_palette_module():
    offenders = []
    files = [*ROOT.glob("lsc_phm/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "app.py"]
    for path in files:
        if path.name == "palette.py":
            continue
        for token in _string_tokens(path):
            if HEX.search(token.string):
                offenders.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string[:60]}")
    assert not offenders, "colour literals outside lsc_phm/render/palette.py:\n" + "\n".join(offenders)


def spec_colours(spec) -> set[str]:
    """Every colour-like string (hex) anywhere in a Vega-Lite specification (dict/list/str)."""
    found: set[str] = set()
    if isinstance(spec, dict):
        for value in spec.values():
            found |= spec_colours(value)
    elif isinstance(spec, list):
        for value in spec:
            found |= spec_colours(value)
    elif isinstance(spec, str):
        found |= {m.lower() for m in re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", spec)}
    return found


def test_the_checker_finds_a_stray_colour():
    assert spec_colours({"mark": {"color": "#123456"}, "layer": [{"encoding": {"range": ["#abc"]}}]}) == {
        "#123456",
        "#abc",
    }
