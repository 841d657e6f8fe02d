"""NHS England: practice-to-PCN, sub-ICB and ICB mapping (Patients Registered at a GP Practice, monthly).

Each monthly publication has its own page,
``https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice/<month>-<year>``
(e.g. ``july-2026``), which links the mapping file ``gp-reg-pat-prac-map.csv`` on ``files.digital.nhs.uk``
(the file's address changes every month, so it is read from the page). The adapter tries the current month and
then up to five earlier ones (a page not yet published answers 404), and keeps the CSV's own columns, which are
those the catalogue lists for ``gp_practice_map_jul2026``. The release is the file's ``EXTRACT_DATE``.

References
----------
.. [1] NHS England. Patients Registered at a GP Practice.
   https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from pathlib import Path

from lsc_phm.refresh.base import (
    Fetcher,
    RefreshError,
    SourceAdapter,
    Staged,
    base_url,
    cast_to_schema,
    read_csv_bytes,
    require_columns,
    today,
    write_parquet,
)
from lsc_phm.store import provenance
from lsc_phm.store.provenance import Release

DEFAULT_BASE = (
    "https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice/"
)
DATASET = "gp_practice_map_jul2026"
#: How many months back to look for the latest publication.
MONTHS_BACK = 6
_LINK = re.compile(r'href="([^"]*gp-reg-pat-prac-map\.csv)"', re.IGNORECASE)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def publication_slugs(on: dt.date, months: int = MONTHS_BACK) -> list[str]:
    """Page names of the publications to try, newest first: ``["july-2026", "june-2026", ...]``."""
    out, year, month = [], on.year, on.month
    for _ in range(months):
        out.append(f"{_MONTHS[month - 1]}-{year}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out


def extract_date(value: str) -> str:
    """``01Jul2026`` (the file's EXTRACT_DATE) as ``2026-07-01``; "" if it is not in that form."""
    try:
        return dt.datetime.strptime(value.strip(), "%d%b%Y").date().isoformat()
    except ValueError:
        return ""


class PracticeMapAdapter(SourceAdapter):
    """The monthly practice mapping file (practice -> PCN -> sub-ICB -> ICB)."""

    name = "practice_map"
    publisher = "NHS England (Patients Registered at a GP Practice)"
    cadence = "monthly (data as at the 1st of the month, published mid-month)"
    datasets = (DATASET,)

    def fetch(self, fetcher: Fetcher, staging: Path, current: dict[str, Path]) -> list[Staged]:
        base = base_url(self.name, DEFAULT_BASE)
        page_url, link, errors = "", None, []
        for slug in publication_slugs(dt.datetime.now(dt.UTC).date()):
            page_url = f"{base}{slug}"
            try:
                page = fetcher.get(page_url).decode("utf-8", errors="replace")
            except RefreshError as error:
                if "HTTP 404" not in str(error):
                    raise
                errors.append(slug)
                continue
            found = _LINK.search(page)
            if not found:
                raise RefreshError(
                    f"the publication page {page_url} has no link to gp-reg-pat-prac-map.csv; the "
                    "publisher's page has changed: the refresh is refused"
                )
            link = urllib.parse.urljoin(page_url, found.group(1))
            break
        if link is None:
            raise RefreshError(f"no publication found at {base} for {', '.join(errors)}")
        body = fetcher.get(link)
        frame = read_csv_bytes(body, link, dtype=str)
        columns = tuple(self.schemas[DATASET])
        require_columns(frame, columns, link)
        frame = cast_to_schema(frame[list(columns)], self.schemas[DATASET], DATASET)
        dates = frame["EXTRACT_DATE"].dropna().unique()
        release = extract_date(str(dates[0])) if len(dates) == 1 else ""
        path = write_parquet(frame, staging, DATASET)
        return [
            Staged(
                DATASET,
                path,
                Release(
                    release=release,
                    retrieved=today(),
                    version=page_url.rsplit("/", 1)[-1],
                    url=link,
                    origin=provenance.REFRESHED,
                    period=f"extract of {release}" if release else "",
                ),
            )
        ]
