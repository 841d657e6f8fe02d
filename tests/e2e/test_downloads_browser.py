"""Downloads work as a person would use them: the map explorer's PNG of the map and CSV of the table."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from tests.e2e.conftest import wait_for_app


@pytest.mark.e2e
def test_map_png_and_table_csv_download(app_url: str, page) -> None:
    page.goto(f"{app_url}/map_explorer?imd_vintage=2019&map_level=ward")
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as png_download:
        page.get_by_role("button", name="Download PNG").first.click()
    png = Path(png_download.value.path()).read_bytes()
    assert png_download.value.suggested_filename == "map_imd_score_ward_2019.png"
    assert Image.open(io.BytesIO(png)).size[0] > 500
    with page.expect_download(timeout=60_000) as csv_download:
        page.get_by_role("button", name="Download CSV").first.click()
    table = pd.read_csv(csv_download.value.path(), encoding="utf-8-sig")
    # 320 wards (Dec 2019) touch the ICB; the export carries the metadata columns with the values
    assert len(table) == 320
    assert {"indicator", "period", "source", "method", "suppressed"} <= set(table.columns)
    assert table.set_index("area_code").loc["E05001645", "value"] == pytest.approx(87.06)  # Bloomfield, Blackpool
