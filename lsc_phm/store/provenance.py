"""Which release of its publisher's data each data file holds, and when it was retrieved.

Two places record it, and the build copies the result into ``meta_datasets`` (columns ``release``, ``retrieved``,
``release_version``, ``release_origin``):

- ``data/datasets.toml``: for the vendored snapshot, ``release`` (the publisher's release, as the publisher dates
  it, where that is known) and ``retrieved`` (the date the file was copied into the project);
- ``data/releases.json``: written by ``python -m lsc_phm refresh`` for every file it replaced, with the publisher's
  release date where the publisher gives one (e.g. Fingertips' ``LastUploadedAt``), the retrieval date, a version
  (e.g. the publication name or a content digest) and the address it came from. An entry there wins over the
  catalogue, because the file it describes is newer than the snapshot.

Nothing is guessed: a release that is not known is stored as empty text and shown as "not recorded".

References
----------
.. [1] W3C. PROV-O: The PROV Ontology (2013), ``prov:generatedAtTime`` and ``prov:wasDerivedFrom``.
   https://www.w3.org/TR/prov-o/
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: Name of the refresh's release records inside the data folder.
RELEASES_FILE = "releases.json"
_FIELDS = ("release", "retrieved", "version", "url", "origin", "period")


#: :attr:`Release.origin` of a file as copied into ``data/`` with the project, and of one a refresh replaced.
VENDORED = "vendored snapshot"
REFRESHED = "refreshed from the publisher"


@dataclass(frozen=True)
class Release:
    """The release one data file holds.

    Attributes
    ----------
    release : str
        The publisher's release (a date ``YYYY-MM-DD`` where the publisher gives one), or "" if not known.
    retrieved : str
        The date (``YYYY-MM-DD``) the file was retrieved from the publisher, or "" if not known.
    version : str
        The publisher's version or publication name, or a content digest, or "".
    url : str
        The address the refresh fetched it from ("" for the vendored snapshot: see the catalogue's ``url``).
    origin : str
        "vendored snapshot" or "refreshed from the publisher".
    period : str
        For a refreshed file, the periods it now covers ("first to last"); "" keeps the catalogue's ``period``.
    """

    release: str = ""
    retrieved: str = ""
    version: str = ""
    url: str = ""
    origin: str = VENDORED
    period: str = ""

    def as_record(self) -> dict[str, str]:
        """The columns the build writes into ``meta_datasets``."""
        return {
            "release": self.release,
            "retrieved": self.retrieved,
            "release_version": self.version,
            "release_origin": self.origin,
        }

    def label(self) -> str:
        """One phrase for a caption, e.g. "release 2026-11-20, retrieved 2026-12-04 (refreshed from the publisher)"."""
        parts = [f"release {self.release or 'not recorded'}"]
        if self.retrieved:
            parts.append(f"retrieved {self.retrieved}")
        if self.version:
            parts.append(f"version {self.version}")
        return ", ".join(parts) + f" ({self.origin})"


def releases_path(data_dir: Path) -> Path:
    """Where the refresh records the releases of the files it replaced: ``<data_dir>/releases.json``."""
    return data_dir / RELEASES_FILE


def _date_or_empty(value: Any, where: str) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"{where} must be text or a date, got {value!r}")
    return value


def read_refreshed(data_dir: Path) -> dict[str, Release]:
    """The release records written by earlier refreshes (none if the file does not exist).

    Raises
    ------
    ValueError
        If the file exists but is not a JSON object of objects with the expected text fields.
    """
    path = releases_path(data_dir)
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(
            f"{path} could not be read ({error}); delete it to fall back to the catalogue's "
            "release fields, then refresh again"
        ) from None
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise ValueError(f"{path} must map each data set to an object of release fields")
    out = {}
    for key, fields in raw.items():
        unknown = set(fields) - set(_FIELDS)
        if unknown or not all(isinstance(v, str) for v in fields.values()):
            raise ValueError(f"{path}: entry {key!r} has unknown or non-text fields ({sorted(unknown)})")
        out[key] = Release(**{**asdict(Release(origin="refreshed from the publisher")), **fields})
    return out


def load_releases(catalogue: Mapping[str, Any], data_dir: Path) -> dict[str, Release]:
    """The release of every data set of the catalogue: a refresh's record if there is one, else the catalogue's.

    Raises
    ------
    ValueError
        If a ``release`` or ``retrieved`` field is neither text nor a date, or ``releases.json`` is malformed.
    """
    refreshed = read_refreshed(data_dir)
    out = {}
    for key, entry in catalogue.items():
        if key.startswith("_") or not isinstance(entry, dict):
            continue
        out[key] = refreshed.get(key) or Release(
            release=_date_or_empty(entry.get("release"), f"[{key}] release"),
            retrieved=_date_or_empty(entry.get("retrieved"), f"[{key}] retrieved"),
        )
    return out


def write_refreshed(data_dir: Path, updates: Mapping[str, Release]) -> Path:
    """Write ``releases.json`` with ``updates`` merged in, atomically (temporary file, then rename).

    Returns the path of a temporary file holding the new content; the caller renames it into place with
    :func:`os.replace` when the rest of its swap succeeds, or deletes it.
    """
    current = {key: asdict(release) for key, release in read_refreshed(data_dir).items()}
    current.update({key: asdict(release) for key, release in updates.items()})
    target = releases_path(data_dir)
    temporary = target.with_name(f"{target.name}.tmp-{uuid.uuid4().hex[:8]}")
    temporary.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return temporary


def install(temporary: Path, data_dir: Path) -> None:
    """Rename a file from :func:`write_refreshed` into place (atomic on one file system)."""
    os.replace(temporary, releases_path(data_dir))
