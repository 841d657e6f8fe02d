"""OHID Fingertips: indicator values for districts, unitary authorities, counties and England.

Endpoints (documented at https://fingertips.phe.org.uk/api):

- ``GET api/all_data/csv/by_indicator_id?indicator_ids=N&child_area_type_id=T&parent_area_type_id=15``: every
  value of indicator N for the areas of type T and their parent (England), as the Fingertips CSV (columns
  "Indicator ID", "Area Code", "Area Name", "Area Type", "Sex", "Age", "Category Type", "Time period", "Value",
  "Compared to England value or percentiles", ...). This is the call ``fingertips_py.get_data_by_indicator_ids``
  (the official client, 0.4.3) makes. It is made here through :class:`lsc_phm.refresh.base.Fetcher` instead,
  because that client sets no timeout (a stalled server hangs it), and after any ``URLError`` (an HTTP 500
  included) fetches the address again with certificate verification turned off and parses whatever comes back as
  CSV. The client is also GPL-3.0 licensed, this project MIT (docs/methods.md#refreshing-data-from-the-publishers).
- ``GET api/data_changes?indicator_id=N``: JSON whose ``LastUploadedAt`` is when OHID last uploaded data for N,
  recorded as the publisher's release date.

Area types: 501 = districts and unitary authorities (from April 2023), 502 = counties and unitary authorities (from
April 2023). The vendored extracts keep one row per area, period and sex, with the indicator's measure and unit as
labels, and Fingertips' own England comparison; the adapter keeps the same area kinds the current file holds (by
code prefix) and the same columns, so a new release replaces the file like for like.

References
----------
.. [1] Office for Health Improvement and Disparities. Fingertips API. https://fingertips.phe.org.uk/api
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lsc_phm.refresh.base import (
    Fetcher,
    RefreshError,
    SourceAdapter,
    Staged,
    base_url,
    cast_to_schema,
    digest,
    read_csv_bytes,
    require_columns,
    today,
    write_parquet,
)
from lsc_phm.store import provenance
from lsc_phm.store.provenance import Release

DEFAULT_BASE = "https://fingertips.phe.org.uk/api/"
#: Fingertips area type ids: lower tier (districts and UAs), upper tier (counties and UAs), both from April 2023.
LOWER_TIER, UPPER_TIER, ENGLAND = 501, 502, 15
#: The columns of the Fingertips CSV the adapter reads.
CSV_COLUMNS = (
    "Indicator ID",
    "Indicator Name",
    "Area Code",
    "Area Name",
    "Sex",
    "Category Type",
    "Time period",
    "Value",
    "Compared to England value or percentiles",
)
#: The label the vendored extracts give each kind of area, by ONS code prefix.
AREA_TYPES = {"E92": "Country", "E10": "County", "E07": "District", "E06": "UA", "E08": "UA", "E09": "UA"}
EXTRACT_COLUMNS = (
    "area_code",
    "area_name",
    "area_type",
    "period",
    "indicator",
    "measure",
    "unit",
    "value",
    "compared_to_England",
    "inequality",
)


@dataclass(frozen=True)
class IndicatorFile:
    """One vendored Fingertips extract: its catalogue key and the Fingertips indicator id it holds."""

    dataset: str
    indicator_id: int


INDICATOR_FILES = (
    IndicatorFile("fingertips_90366_life_expectancy", 90366),
    IndicatorFile("fingertips_90362_healthy_life_expectancy", 90362),
    IndicatorFile("fingertips_92901_inequality_in_le", 92901),
    IndicatorFile("fingertips_92443_smoking_adults", 92443),
    IndicatorFile("fingertips_92445_smoking_routine_manual", 92445),
    IndicatorFile("fingertips_93563_dental_decay_5yo", 93563),
    IndicatorFile("fingertips_91112_health_checks", 91112),
    IndicatorFile("fingertips_848_depression_prevalence", 848),
)


def csv_url(base: str, indicator_id: int, area_type: int) -> str:
    """The documented all-data CSV address for one indicator and child area type (parent: England)."""
    return (
        f"{base}all_data/csv/by_indicator_id?indicator_ids={indicator_id}&child_area_type_id={area_type}"
        f"&parent_area_type_id={ENGLAND}"
    )


def _current_shape(path: Path) -> dict:
    """What the current extract holds: area code prefixes, whether it is by sex, its measure and unit labels."""
    con = duckdb.connect()
    try:
        row = con.execute(
            "select list(distinct left(area_code, 3)), list(distinct inequality::varchar) filter (inequality is not "
            "null), mode(measure), mode(unit), typeof(any_value(inequality)) from read_parquet($p)",
            {"p": str(path)},
        ).fetchone()
    finally:
        con.close()
    prefixes, sexes, measure, unit, _ = row
    return {"prefixes": set(prefixes or ()), "sexes": tuple(sorted(sexes or ())), "measure": measure, "unit": unit}


def to_extract(raw: pd.DataFrame, shape: dict, url: str) -> pd.DataFrame:
    """Turn Fingertips CSV rows into the vendored extract's columns (one row per area, period and sex).

    Parameters
    ----------
    raw : DataFrame
        The Fingertips CSV, possibly several area types concatenated.
    shape : dict
        From the current extract: ``prefixes`` (area kinds kept), ``sexes`` (("Female", "Male") for an extract by
        sex, () for persons only), ``measure`` and ``unit`` labels.
    url : str
        Where the rows came from, for messages.

    Raises
    ------
    RefreshError
        If a column the adapter reads is missing.
    """
    require_columns(raw, CSV_COLUMNS, url)
    rows = raw[raw["Category Type"].isna() | (raw["Category Type"].astype("string").str.strip() == "")].copy()
    rows["Area Code"] = rows["Area Code"].astype("string").str.strip()
    rows = rows[rows["Area Code"].str[:3].isin(shape["prefixes"])]
    if shape["sexes"]:
        rows = rows[rows["Sex"].isin(shape["sexes"])]
    else:
        rows = rows[rows["Sex"] == "Persons"]
    out = pd.DataFrame(
        {
            "area_code": rows["Area Code"],
            "area_name": rows["Area Name"].astype("string"),
            "area_type": rows["Area Code"].str[:3].map(AREA_TYPES).astype("string"),
            "period": rows["Time period"].astype("string").str.strip(),
            "indicator": rows["Indicator Name"].astype("string"),
            "measure": shape["measure"],
            "unit": shape["unit"],
            "value": rows["Value"],
            "compared_to_England": rows["Compared to England value or percentiles"].astype("string"),
            "inequality": rows["Sex"].astype("string") if shape["sexes"] else pd.NA,
        }
    )
    return out.drop_duplicates(["area_code", "period", "indicator", "inequality"]).reset_index(drop=True)


class FingertipsAdapter(SourceAdapter):
    """OHID Fingertips indicator extracts (life expectancy, smoking, dental decay, health checks, depression)."""

    name = "fingertips"
    publisher = "Office for Health Improvement and Disparities (Fingertips)"
    cadence = (
        "continuously, indicator by indicator (most monthly to annual; see each indicator's 'Data "
        "changes' in Fingertips)"
    )
    datasets = tuple(f.dataset for f in INDICATOR_FILES)
    # The vendored extracts were rounded to 1 decimal place by their compiler; Fingertips serves full precision.
    value_tolerance = 0.05 + 1e-9

    def fetch(self, fetcher: Fetcher, staging: Path, current: dict[str, Path]) -> list[Staged]:
        base = base_url(self.name, DEFAULT_BASE)
        staged = []
        for item in INDICATOR_FILES:
            shape = _current_shape(current[item.dataset])
            area_types = [LOWER_TIER] if shape["prefixes"] & {"E07"} else []
            if shape["prefixes"] & {"E10"} or not area_types:
                area_types.append(UPPER_TIER)
            frames, bodies = [], []
            for area_type in area_types:
                url = csv_url(base, item.indicator_id, area_type)
                body = fetcher.get(url)
                bodies.append(body)
                raw = read_csv_bytes(body, url, dtype={"Area Code": "string", "Time period": "string"})
                frames.append(to_extract(raw, shape, url))
            frame = pd.concat(frames, ignore_index=True).drop_duplicates(
                ["area_code", "period", "indicator", "inequality"]
            )
            frame = cast_to_schema(frame, self.schemas[item.dataset], item.dataset)
            path = write_parquet(frame[list(EXTRACT_COLUMNS)], staging, item.dataset)
            staged.append(
                Staged(
                    item.dataset,
                    path,
                    Release(
                        release=self._last_upload(fetcher, base, item.indicator_id),
                        retrieved=today(),
                        version=digest(b"".join(bodies)),
                        url=csv_url(base, item.indicator_id, area_types[0]),
                        origin=provenance.REFRESHED,
                    ),
                )
            )
        return staged

    @staticmethod
    def _last_upload(fetcher: Fetcher, base: str, indicator_id: int) -> str:
        """OHID's last upload date for the indicator (``YYYY-MM-DD``), from ``data_changes``."""
        url = f"{base}data_changes?indicator_id={indicator_id}"
        body = fetcher.get(url)
        try:
            uploaded = json.loads(body.decode("utf-8")).get("LastUploadedAt") or ""
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
            raise RefreshError(
                f"{url} did not return the JSON Fingertips documents (no 'LastUploadedAt'); the refresh is refused"
            ) from None
        return str(uploaded)[:10]
