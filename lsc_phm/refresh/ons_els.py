"""ONS Explore Local Statistics: indicator files with 95% confidence limits for every local authority.

The Explore Local Statistics service publishes each indicator as ``<indicator>/<indicator>.csv`` (columns
``areacd, areanm, geography, indicator, period, observation, measure, unit, lci_95, uci_95, status, notes``; periods
in ISO 8601, e.g. ``2022-01-01/P3Y``) with its metadata ``<indicator>/<indicator>.json``, whose
``ess-beta-metadata.shared.sourceDate`` (``DD/MM/YYYY``) is the original publisher's release date, in ONS's open data
repository ``ONSdigital/explore-local-statistics-data`` (served at ``raw.githubusercontent.com``). The vendored files
are those CSVs unchanged, so the adapter keeps them as published and only gives each column the catalogue's type.

The four ELS files vendored from the ELS *app* repository in another layout (capitalised columns: adult obesity,
child excess weight, annual cigarette smokers) are not refreshed here: their layout is not the published one.

References
----------
.. [1] Office for National Statistics. Explore local statistics. https://www.ons.gov.uk/explore-local-statistics
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

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

DEFAULT_BASE = "https://raw.githubusercontent.com/ONSdigital/explore-local-statistics-data/main/"
#: Catalogue key -> the indicator's name in the ELS data repository.
INDICATORS = {
    "ons_els_healthy_life_expectancy": "healthy-life-expectancy",
    "ons_els_cancer_stage_1_2": "cancer-diagnosis-at-stage-1-and-2",
    "ons_els_preventable_cvd_mortality": "preventable-cardiovascular-mortality-england",
    "ons_els_cigarette_smokers": "cigarette-smokers",
}


def source_date(metadata: bytes, url: str) -> str:
    """The ``sourceDate`` of an ELS metadata document as ``YYYY-MM-DD`` ("" if it has none)."""
    try:
        document = json.loads(metadata.decode("utf-8"))
        shared = document["ess-beta-metadata"]["shared"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        raise RefreshError(
            f"{url} is not the ELS metadata document expected (no ess-beta-metadata.shared); the refresh is refused"
        ) from None
    try:
        return dt.datetime.strptime(str(shared.get("sourceDate", "")).strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        return ""


class OnsElsAdapter(SourceAdapter):
    """Healthy life expectancy, cancer stage at diagnosis, preventable CVD mortality, cigarette smokers (5-year)."""

    name = "ons_els"
    publisher = "Office for National Statistics (Explore Local Statistics)"
    cadence = "as each original publisher releases (ONS, OHID): most indicators yearly"
    datasets = tuple(INDICATORS)

    def fetch(self, fetcher: Fetcher, staging: Path, current: dict[str, Path]) -> list[Staged]:
        base = base_url(self.name, DEFAULT_BASE)
        staged = []
        for dataset, indicator in INDICATORS.items():
            url = f"{base}{indicator}/{indicator}.csv"
            body = fetcher.get(url)
            frame = read_csv_bytes(body, url, dtype=str, keep_default_na=False, na_values=[""])
            columns = tuple(self.schemas[dataset])
            require_columns(frame, columns, url)
            frame = cast_to_schema(frame[list(columns)], self.schemas[dataset], dataset)
            meta_url = f"{base}{indicator}/{indicator}.json"
            release = source_date(fetcher.get(meta_url), meta_url)
            staged.append(
                Staged(
                    dataset,
                    write_parquet(frame, staging, dataset),
                    Release(
                        release=release, retrieved=today(), version=digest(body), url=url, origin=provenance.REFRESHED
                    ),
                )
            )
        return staged
