"""The one interface every source adapter implements, and the HTTP fetching they share.

An adapter knows one publisher: which of the catalogue's data sets it refreshes, which documented endpoint serves
each, and how to turn the publisher's own format into the shape ``data/datasets.toml`` declares for that data set.
It writes Parquet files into a staging folder and says which release they hold; it never touches ``data/`` or the
database (:mod:`lsc_phm.refresh.run` validates, compares, builds and swaps).

Fetching is strict so that a bad download is refused, never half-used: HTTPS certificates are always verified, every
request has a timeout, a body shorter than its ``Content-Length`` is a truncated download, responses above a size
limit are refused, and any HTTP status other than 200 is an error naming the address.
"""

from __future__ import annotations

import abc
import datetime as dt
import difflib
import hashlib
import http.client
import io
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lsc_phm.store.provenance import Release

#: Seconds to wait for a connection or for the next bytes of a response.
DEFAULT_TIMEOUT = 60.0
#: Largest response accepted, in bytes (QOF's national prevalence file is about 40 MB).
MAX_BYTES = 400 * 1024 * 1024
_USER_AGENT = "lsc-phm-refresh (+https://github.com/; open data refresh)"


class RefreshError(RuntimeError):
    """A refresh could not complete; the message names the source, the address or file, and what to do."""


class Fetcher:
    """Fetches documents from the publishers, with a timeout, a size limit and truncation checks.

    Parameters
    ----------
    timeout : float
        Seconds to wait for the connection and for each read.
    max_bytes : int
        Responses larger than this are refused.
    """

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.fetched: list[str] = []

    def get(self, url: str, params: dict[str, object] | None = None) -> bytes:
        """The body of ``url`` (with query ``params``), complete, or :class:`RefreshError` saying why not."""
        if params:
            url = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params)}"
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("https", "http"):
            raise RefreshError(f"refusing to fetch {url}: only http(s) addresses are used")
        request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept-Encoding": "identity"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                expected = response.headers.get("Content-Length")
                expected = int(expected) if expected and expected.isdigit() else None
                if expected is not None and expected > self.max_bytes:
                    raise RefreshError(f"{url} is {expected:,} bytes, more than the {self.max_bytes:,} accepted")
                body = response.read(self.max_bytes + 1)
        except RefreshError:
            raise
        except urllib.error.HTTPError as error:
            error.close()  # an HTTPError holds the response and its socket until closed
            raise RefreshError(
                f"{url} answered HTTP {error.code} ({error.reason}); the publisher may be down or "
                "the address may have moved: try again later"
            ) from None
        except TimeoutError:
            raise RefreshError(f"{url} did not answer within {self.timeout:g} s (timeout); try again later") from None
        except http.client.IncompleteRead as error:
            raise RefreshError(
                f"the download from {url} was cut off after {len(error.partial):,} bytes (truncated); try again"
            ) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise RefreshError(
                    f"{url} did not answer within {self.timeout:g} s (timeout); try again later"
                ) from None
            raise RefreshError(f"{url} could not be reached ({reason}); check the network connection") from None
        if len(body) > self.max_bytes:
            raise RefreshError(f"{url} sent more than the {self.max_bytes:,} bytes accepted")
        if expected is not None and len(body) != expected:
            raise RefreshError(
                f"the download from {url} was cut off: {len(body):,} of {expected:,} bytes (truncated); try again"
            )
        self.fetched.append(url)
        return body


@dataclass(frozen=True)
class Staged:
    """One data set downloaded and converted into the catalogue's shape, waiting in the staging folder."""

    dataset: str
    path: Path
    release: Release


def read_csv_bytes(body: bytes, url: str, **options: object) -> pd.DataFrame:
    """Parse a CSV body, turning a parse failure into a :class:`RefreshError` naming the address.

    A CSV cut off mid-row (a truncated download without ``Content-Length``) usually fails here or loses rows, which
    the catalogue's row range then refuses.
    """
    try:
        return pd.read_csv(io.BytesIO(body), low_memory=False, **options)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise RefreshError(
            f"the CSV from {url} could not be read ({str(error).splitlines()[0]}); "
            "the download may be incomplete or the publisher's format may have changed"
        ) from None


def today() -> str:
    """Today's date (UTC) as ``YYYY-MM-DD``: the retrieval date of a download."""
    return dt.datetime.now(dt.UTC).date().isoformat()


def digest(body: bytes) -> str:
    """A short content digest, used as the version where a publisher gives none."""
    return "sha256:" + hashlib.sha256(body).hexdigest()[:12]


def base_url(source: str, default: str) -> str:
    """The publisher's base address, or ``LSC_PHM_REFRESH_<SOURCE>_URL`` if set (the replay server in tests).

    Only the address changes: every check of a real refresh applies to what comes back.
    """
    override = os.environ.get(f"LSC_PHM_REFRESH_{source.upper()}_URL", "").strip()
    return (override or default).rstrip("/") + "/"


class SourceAdapter(abc.ABC):
    """One publisher's volatile data sets, fetched from its documented endpoints.

    Subclasses set :attr:`name` (the command-line name), :attr:`publisher`, :attr:`cadence` (how often the
    publisher releases, for the documentation and the page) and :attr:`datasets` (the catalogue keys refreshed),
    and implement :meth:`fetch`.
    """

    name: str
    publisher: str
    cadence: str
    datasets: tuple[str, ...]
    #: Differences in values at most this large are the rounding of the vendored extract, not revisions.
    value_tolerance: float = 0.0

    def __init__(self, schemas: Mapping[str, Mapping[str, str]]) -> None:
        #: The catalogue's column types by data set (``{"area_code": "VARCHAR", ...}``).
        self.schemas = schemas

    @abc.abstractmethod
    def fetch(self, fetcher: Fetcher, staging: Path, current: dict[str, Path]) -> list[Staged]:
        """Download the latest release of every data set, convert each to its catalogue shape, write it to staging.

        Parameters
        ----------
        fetcher : Fetcher
            The HTTP client to use (timeouts, size limit, truncation checks).
        staging : Path
            An empty folder; write ``<dataset>.parquet`` files here.
        current : dict of str to Path
            The data files now in use, by data set (some adapters keep the same rows or columns as before).

        Returns
        -------
        list of Staged
            One entry per file written.

        Raises
        ------
        RefreshError
            If a download fails or the publisher's format is not the one expected.
        """


def write_parquet(frame: pd.DataFrame, staging: Path, dataset: str) -> Path:
    """Write ``frame`` as ``<staging>/<dataset>.parquet`` and return the path."""
    path = staging / f"{dataset}.parquet"
    frame.to_parquet(path, index=False)
    return path


def require_columns(frame: pd.DataFrame, columns: tuple[str, ...], url: str) -> None:
    """Refuse a publisher's file that lacks a column the adapter reads (renamed or dropped upstream)."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        present = [str(c) for c in frame.columns]
        extra = [p for p in present if p not in columns]
        renamed = {
            c: [p for p in extra if c.lower() in p.lower()] or difflib.get_close_matches(c, extra, n=1) for c in missing
        }
        hints = [f"{old!r} -> {new[0]!r}?" for old, new in renamed.items() if new]
        raise RefreshError(
            f"the file from {url} has no column {', '.join(repr(c) for c in missing)}"
            + (
                f" (renamed: {', '.join(hints)})"
                if hints
                else f" (it has {', '.join(map(repr, present[:12]))}{', ...' if len(present) > 12 else ''})"
            )
            + "; the publisher's format has changed: the refresh is refused and the current data are "
            "kept"
        )


def cast_to_schema(frame: pd.DataFrame, columns: Mapping[str, str], dataset: str) -> pd.DataFrame:
    """Give each column the catalogue's type (VARCHAR, BIGINT, DOUBLE), refusing values that do not convert."""
    out = frame.copy()
    for column, kind in columns.items():
        if column not in out:
            continue
        if kind == "VARCHAR":
            out[column] = out[column].astype("string")
        elif kind == "BIGINT":
            text = out[column].astype("string").str.strip()
            converted = pd.to_numeric(text.mask(text == ""), errors="coerce")
            bad = converted.isna() & text.notna() & (text != "")
            if bad.any() or (converted.dropna() % 1 != 0).any():
                example = out.loc[bad, column].iloc[0] if bad.any() else converted[converted % 1 != 0].iloc[0]
                raise RefreshError(
                    f"{dataset}: column {column!r} should hold whole numbers, got {example!r}; the "
                    "publisher's format has changed: the refresh is refused"
                )
            out[column] = converted.astype("Int64")
        elif kind == "DOUBLE":
            text = out[column].astype("string").str.strip()
            converted = pd.to_numeric(text.mask(text == ""), errors="coerce")
            bad = converted.isna() & text.notna() & (text != "")
            if bad.any():
                raise RefreshError(
                    f"{dataset}: column {column!r} should hold numbers, got "
                    f"{out.loc[bad, column].iloc[0]!r}; the publisher's format has changed: the "
                    "refresh is refused"
                )
            out[column] = converted.astype("float64")
    return out
