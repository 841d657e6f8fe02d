"""NHS England: Quality and Outcomes Framework (QOF), practice disease registers and list sizes, 2024-25.

The publication page
``https://digital.nhs.uk/data-and-information/publications/statistical/quality-and-outcomes-framework-achievement-prevalence-and-exceptions-data/2024-25``
links a zip of the raw data CSVs on ``files.digital.nhs.uk`` (its name differs from year to year, e.g.
``QOF2324.zip``), which holds ``PREVALENCE_2425.csv`` (columns ``PRACTICE_CODE, GROUP_CODE, REGISTER,
PATIENT_LIST_TYPE, PRACTICE_LIST_SIZE``). The adapter reads the zip's address from the page and the CSV from the
zip, and keeps the published columns. It refreshes the year the catalogue holds (NHS England revises a year's data
in place); a new QOF year is a new catalogue entry and build step, not a refresh.

References
----------
.. [1] NHS England. Quality and Outcomes Framework, Achievement, Prevalence and Exceptions data.
   https://digital.nhs.uk/data-and-information/publications/statistical/quality-and-outcomes-framework-achievement-prevalence-and-exceptions-data
"""

from __future__ import annotations

import io
import re
import urllib.parse
import zipfile
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

DEFAULT_BASE = (
    "https://digital.nhs.uk/data-and-information/publications/statistical/"
    "quality-and-outcomes-framework-achievement-prevalence-and-exceptions-data/"
)
#: Catalogue key -> (publication page name, prevalence file name inside the zip).
YEARS = {"qof_2024_25_prevalence": ("2024-25", "PREVALENCE_2425.csv")}
_ZIP_LINK = re.compile(r'href="([^"]+\.zip)"', re.IGNORECASE)


def prevalence_member(archive: zipfile.ZipFile, wanted: str) -> str:
    """The zip member named ``wanted`` (any folder, any case)."""
    for name in archive.namelist():
        if name.rsplit("/", 1)[-1].lower() == wanted.lower():
            return name
    raise KeyError(wanted)


class QofAdapter(SourceAdapter):
    """QOF practice prevalence registers and list sizes for the year held."""

    name = "qof"
    publisher = "NHS England (Quality and Outcomes Framework)"
    cadence = "yearly (each autumn, for the year to 31 March; revisions in place)"
    datasets = tuple(YEARS)

    def fetch(self, fetcher: Fetcher, staging: Path, current: dict[str, Path]) -> list[Staged]:
        base = base_url(self.name, DEFAULT_BASE)
        staged = []
        for dataset, (year, wanted) in YEARS.items():
            page_url = f"{base}{year}"
            page = fetcher.get(page_url).decode("utf-8", errors="replace")
            links = [urllib.parse.urljoin(page_url, link) for link in _ZIP_LINK.findall(page) if "qof" in link.lower()]
            if not links:
                raise RefreshError(
                    f"the publication page {page_url} links no QOF zip; the publisher's page has "
                    "changed: the refresh is refused"
                )
            body = fetcher.get(links[0])
            try:
                with zipfile.ZipFile(io.BytesIO(body)) as archive:
                    member = archive.getinfo(prevalence_member(archive, wanted))
                    if member.file_size > fetcher.max_bytes:
                        raise RefreshError(
                            f"{wanted} in {links[0]} would unpack to {member.file_size:,} bytes, more "
                            f"than the {fetcher.max_bytes:,} accepted"
                        )
                    csv = archive.read(member)
            except KeyError:
                raise RefreshError(
                    f"{links[0]} holds no {wanted}; the publisher's format has changed: the refresh is refused"
                ) from None
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as error:
                raise RefreshError(
                    f"{links[0]} is not a readable zip ({error}); the download may be incomplete: try again"
                ) from None
            frame = read_csv_bytes(csv, f"{links[0]} ({wanted})", dtype=str)
            frame.columns = [str(c).strip() for c in frame.columns]
            columns = tuple(self.schemas[dataset])
            require_columns(frame, columns, f"{links[0]} ({wanted})")
            frame = cast_to_schema(frame[list(columns)], self.schemas[dataset], dataset)
            staged.append(
                Staged(
                    dataset,
                    write_parquet(frame, staging, dataset),
                    Release(
                        release="",
                        retrieved=today(),
                        version=f"QOF {year}, {digest(csv)}",
                        url=links[0],
                        origin=provenance.REFRESHED,
                    ),
                )
            )
        return staged
