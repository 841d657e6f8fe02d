"""CVDPREVENT audit: England by patient IMD quintile, from the audit's public API.

Documented calls of ``https://api.cvdprevent.nhs.uk`` (CVDPREVENT API documentation, the reference):

- ``GET timePeriod``: ``{"timePeriodList": [{"TimePeriodID", "TimePeriodName", "IndicatorTypeID",
  "IndicatorTypeName", ...}]}``; the latest period of the "Standard" indicators is fetched (the audit reports about
  four times a year, each period named by its end, e.g. "To March 2026").
- ``GET indicator/list?timePeriodID=T&systemLevelID=1``: ``{"indicatorList": [{"IndicatorID", "IndicatorCode",
  "IndicatorShortName", ...}]}`` for England (system level 1): the API's id of each indicator code held.
- ``GET indicator/<IndicatorID>/rawDataJSON?timePeriodID=T&systemLevelID=1``: ``{"indicatorRawData": [...]}``, one
  record per area, metric and category with ``AreaCode``, ``MetricCategoryTypeName`` (e.g. "Deprivation
  quintile"), ``MetricCategoryName`` (the quintile, 1 = most deprived), ``CategoryAttribute`` ("Persons", "Male",
  "Female"), ``Numerator``, ``Denominator``, ``Value``, ``LowerConfidenceLimit``, ``UpperConfidenceLimit``.

The vendored file is the Data Explorer's export filtered the same way (England, "Deprivation quintile", Persons), so
the adapter keeps those rows, one per indicator and quintile, with the indicator's short name without the code the
API appends in brackets. The data set holds one period (its key is indicator and quintile, and the staging SQL and
the page take the period from the file's ``period`` column), so a new audit period replaces the one held: the
difference shows it as a new period and the old one withdrawn. The API gives no publication date: the release
recorded is the time period, with the retrieval date.

References
----------
.. [1] NHS England / OHID. CVDPREVENT API documentation.
   https://bmchealthdocs.atlassian.net/wiki/spaces/CP/pages/317882369/CVDPREVENT+API+Documentation
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from lsc_phm.refresh.base import (
    Fetcher,
    RefreshError,
    SourceAdapter,
    Staged,
    base_url,
    cast_to_schema,
    digest,
    require_columns,
    today,
    write_parquet,
)
from lsc_phm.store import provenance
from lsc_phm.store.provenance import Release

DEFAULT_BASE = "https://api.cvdprevent.nhs.uk/"
DATASET = "cvdprevent_england_imd_quintile"
#: The indicators held, in the vendored file's order.
INDICATOR_CODES = ("CVDP002AF", "CVDP003CHOL", "CVDP005HYP", "CVDP007HYP")
ENGLAND_LEVEL = 1
RAW_COLUMNS = (
    "AreaCode",
    "MetricCategoryTypeName",
    "MetricCategoryName",
    "CategoryAttribute",
    "Numerator",
    "Denominator",
    "Value",
    "LowerConfidenceLimit",
    "UpperConfidenceLimit",
)
_QUINTILE = re.compile(r"^\s*([1-5])(?!\d)")


def _json(fetcher: Fetcher, url: str, key: str) -> list:
    """The list under ``key`` of the JSON document at ``url``."""
    body = fetcher.get(url)
    try:
        value = json.loads(body.decode("utf-8"))[key]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        raise RefreshError(
            f"{url} did not return the JSON the CVDPREVENT API documents (no {key!r}); the refresh is refused"
        ) from None
    if not isinstance(value, list):
        raise RefreshError(f"{url}: {key!r} is not a list; the refresh is refused")
    return value


def latest_period(periods: list, url: str) -> tuple[int, str]:
    """The (TimePeriodID, TimePeriodName) of the latest period of standard indicators."""
    standard = [
        p
        for p in periods
        if isinstance(p, dict)
        and str(p.get("IndicatorTypeName", "")) == "Standard"
        and isinstance(p.get("TimePeriodID"), int)
    ]
    if not standard:
        raise RefreshError(f"{url} lists no time period of standard indicators; the refresh is refused")
    latest = max(standard, key=lambda p: p["TimePeriodID"])
    return latest["TimePeriodID"], str(latest.get("TimePeriodName", "")).strip()


def short_name(name: str, code: str) -> str:
    """The indicator's short name without the code the API appends: ``"AF: ... (CVDP002AF)"`` -> ``"AF: ..."``."""
    name = name.strip()
    suffix = f"({code})"
    return name[: -len(suffix)].rstrip() if name.endswith(suffix) else name


def quintile_rows(records: list, code: str, name: str, period: str, url: str) -> pd.DataFrame:
    """England's five deprivation-quintile rows (persons) of one indicator, in the vendored layout.

    Raises
    ------
    RefreshError
        If a documented field is missing, the rows are not one England area, or a quintile is not 1 to 5.
    """
    raw = pd.DataFrame.from_records(records)
    require_columns(raw, RAW_COLUMNS, url)
    rows = raw[(raw["MetricCategoryTypeName"] == "Deprivation quintile") & (raw["CategoryAttribute"] == "Persons")]
    areas = sorted(rows["AreaCode"].astype(str).unique())
    if len(areas) != 1:
        raise RefreshError(
            f"{url} has deprivation-quintile rows for {len(areas)} areas at England level "
            f"({', '.join(areas[:6])}); the refresh is refused"
        )
    quintile = rows["MetricCategoryName"].astype(str).str.extract(_QUINTILE, expand=False)
    if quintile.isna().any():
        bad = rows.loc[quintile.isna(), "MetricCategoryName"].iloc[0]
        raise RefreshError(f"{url}: deprivation quintile {bad!r} is not 1 to 5; the refresh is refused")
    return pd.DataFrame(
        {
            "indicator_code": code,
            "indicator": name,
            "period": period,
            "quintile": quintile.astype(int),
            "numerator": rows["Numerator"],
            "denominator": rows["Denominator"],
            "value": rows["Value"],
            "lower_ci": rows["LowerConfidenceLimit"],
            "upper_ci": rows["UpperConfidenceLimit"],
        }
    ).sort_values("quintile")


class CvdPreventAdapter(SourceAdapter):
    """CVDPREVENT England by IMD quintile: hypertension, cholesterol and AF treatment indicators."""

    name = "cvdprevent"
    publisher = "NHS England / OHID (CVDPREVENT audit)"
    cadence = "about quarterly (each audit period named by its end, e.g. 'To March 2026')"
    datasets = (DATASET,)
    # The Data Explorer export vendored gives values and limits to 2 decimal places.
    value_tolerance = 0.005 + 1e-9

    def fetch(self, fetcher: Fetcher, staging: Path, current: dict[str, Path]) -> list[Staged]:
        base = base_url(self.name, DEFAULT_BASE)
        periods_url = f"{base}timePeriod"
        period_id, period = latest_period(_json(fetcher, periods_url, "timePeriodList"), periods_url)
        list_url = f"{base}indicator/list?timePeriodID={period_id}&systemLevelID={ENGLAND_LEVEL}"
        listed = {
            str(i.get("IndicatorCode", "")): i for i in _json(fetcher, list_url, "indicatorList") if isinstance(i, dict)
        }
        missing = [code for code in INDICATOR_CODES if code not in listed]
        if missing:
            raise RefreshError(
                f"{list_url} lists no {', '.join(missing)} for {period or period_id}; the refresh is refused"
            )
        frames, bodies = [], []
        for code in INDICATOR_CODES:
            indicator = listed[code]
            url = (
                f"{base}indicator/{indicator.get('IndicatorID')}/rawDataJSON?timePeriodID={period_id}"
                f"&systemLevelID={ENGLAND_LEVEL}"
            )
            records = _json(fetcher, url, "indicatorRawData")
            bodies.append(json.dumps(records, sort_keys=True).encode())
            frames.append(
                quintile_rows(
                    records, code, short_name(str(indicator.get("IndicatorShortName", "")), code), period, url
                )
            )
        frame = cast_to_schema(pd.concat(frames, ignore_index=True), self.schemas[DATASET], DATASET)
        path = write_parquet(frame[list(self.schemas[DATASET])], staging, DATASET)
        return [
            Staged(
                DATASET,
                path,
                Release(
                    release="",
                    retrieved=today(),
                    version=f"time period {period_id} ({period}), {digest(b''.join(bodies))}",
                    url=list_url,
                    origin=provenance.REFRESHED,
                    period=period,
                ),
            )
        ]
