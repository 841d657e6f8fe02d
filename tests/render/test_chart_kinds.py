"""Charts drawn from a report's chart data (kind, frame, options)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from lsc_phm.render import chart_kinds, charts


def test_a_kind_draws_what_its_function_draws():
    # one place's residents by national IMD decile: 60% in decile 1 (30 LSOAs), 40% in decile 2 (20 LSOAs)
    shares = pd.DataFrame(
        {
            "place_name": ["Blackpool"] * 2,
            "imd_vintage": [2025] * 2,
            "imd_decile": [1, 2],
            "imd_decile_label": charts.DECILE_LABELS[:2],
            "population_share": [60.0, 40.0],
            "lsoas": [30, 20],
        }
    )
    spec = SimpleNamespace(kind="decile_share", frame=shares, options={"title": "Residents by decile"})
    assert chart_kinds.draw(spec).to_dict() == charts.decile_share_chart(shares, "Residents by decile").to_dict()


def test_unknown_kind_and_empty_frame_are_clear_errors():
    with pytest.raises(ValueError, match="^unknown chart kind 'pie'; kinds: decile_share, "):
        chart_kinds.draw(SimpleNamespace(kind="pie", frame=pd.DataFrame(), options={}))
    nothing = pd.DataFrame({"value": [float("nan")], "england_value": [1.0]})
    with pytest.raises(ValueError, match="^a 'indicator' chart has nothing to draw in this frame$"):
        chart_kinds.draw(SimpleNamespace(kind="indicator", frame=nothing, options={"title": "t"}))
    with pytest.raises(ValueError, match="^trend_panels needs at least one panel$"):
        chart_kinds.trend_panels(pd.DataFrame(), [])
