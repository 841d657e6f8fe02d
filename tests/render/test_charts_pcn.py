"""The PCN caterpillar chart: every name in full, visible markers, labelled reference lines."""

from __future__ import annotations

import pandas as pd

from lsc_phm.render import charts_pcn


def test_names_wrap_markers_outlined_and_reference_lines_labelled():
    frame = pd.DataFrame(
        {
            "pcn_name": ["Blackpool South Central PCN", "Blackpool South PCN", "Bay PCN"],
            "value": [30.1, 18.0, 18.4],
            "lowercl": [29.6, 17.6, 18.1],
            "uppercl": [30.6, 18.4, 18.8],
            "comparison": ["Not compared"] * 3,
        }
    )
    chart = charts_pcn.caterpillar(frame, "t", "%", {"ICB": 15.2, "England": float("nan")}).to_dict()
    layers = chart["layer"]
    axis = layers[0]["encoding"]["y"]["axis"]
    assert axis["labelLimit"] == 0 and axis["labelOverlap"] is False  # never truncated, never dropped
    labels = [row["_axis_label"] for row in chart["datasets"][layers[0]["data"]["name"]]]
    assert labels == ["Blackpool South Central|PCN", "Blackpool South PCN", "Bay PCN"]  # the two Blackpool South apart
    point = layers[1]["mark"]
    assert point["stroke"] and point["strokeWidth"] >= 1 and point["size"] >= 100  # a white point stays visible
    texts = [layer for layer in layers if layer["mark"]["type"] == "text"]
    assert len(texts) == 1  # ICB only: England has no value, so no line
    assert chart["height"] == 160 or chart["height"] == charts_pcn.ROW_HEIGHT * 3
