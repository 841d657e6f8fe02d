"""Cached access to the database and the app-wide choices (ICB, IMD vintage).

Caching lives here, in the app layer: ``lsc_phm`` stays free of Streamlit. The database connection is a
``cache_resource`` singleton opened read-only; query results are ``cache_data`` keyed by their arguments, bounded
(``max_entries``, ``ttl``) so the server's memory stays flat under many sessions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pandas as pd
import streamlit as st

from lsc_phm import config
from lsc_phm.domain import deprivation, geography, indicator_data
from lsc_phm.store.build import open_current
from lsc_phm.store.datasets import BuildError
from lsc_phm.store.db import Database, DatabaseError
from ui.url import escape, plain

VINTAGE_KEY = "imd_vintage"
#: Longest error text shown on a page (paths and DuckDB messages can be long).
_MESSAGE_LIMIT = 600
#: Seconds before a cached query result is dropped and recomputed on next use. With ``max_entries`` this bounds the
#: server's memory under many sessions (each entry is small, but there are many indicator x level x period choices).
CACHE_TTL = 3600


@st.cache_resource(show_spinner=False, max_entries=1)
def database() -> Database:
    """Open the database read-only, building it first (with a progress bar) if it is missing, damaged or stale.

    If another session or process is already building it, the bar says so and this waits for that build and uses
    its result. If a rebuild fails but the last good database is intact, that one is served and its ``notice``
    says why (shown on every page by :func:`show_data_notice`).
    """
    bar = None

    def progress(fraction: float, step: str) -> None:
        nonlocal bar
        if bar is None:
            bar = st.progress(0.0, text="Preparing the database (first run or data changed, about 20 seconds)...")
        bar.progress(min(max(fraction, 0.0), 1.0), text=f"Preparing the database: {step}")

    # a small DuckDB buffer pool: the server keeps its connection for its lifetime (see config.SERVER_MEMORY_LIMIT_MIB)
    db = open_current(progress=progress, memory_limit_mib=config.SERVER_MEMORY_LIMIT_MIB)
    if bar is not None:
        bar.empty()
    return db


def database_or_stop() -> Database:
    """Return the database, or show a clear message and stop the page if it cannot be built or opened."""
    try:
        return database()
    except (BuildError, DatabaseError) as error:
        st.error(f"The data could not be loaded: {escape(error, _MESSAGE_LIMIT)}")
        st.stop()
        raise  # unreachable; keeps type checkers content


def show_data_notice() -> None:
    """On every page: say so when the database shown is older than the data files because a rebuild failed."""
    notice = database_or_stop().notice
    if notice:
        st.warning(escape(notice, _MESSAGE_LIMIT), icon=":material/history:")


@contextlib.contextmanager
def database_errors_explained() -> Iterator[None]:
    """Turn a database failure while a page runs into a clear message (never a redacted traceback).

    A damaged database also drops the cached connection, so the next visit checks the file again and rebuilds it.
    """
    try:
        yield
    except DatabaseError as error:
        database.clear()
        st.error(
            f"The data could not be read: {escape(error, _MESSAGE_LIMIT)}. Reload the page to check the "
            "database again (a damaged database is rebuilt from data/)."
        )


def current_vintage() -> int:
    """The IMD vintage chosen in the sidebar (``config.DEFAULT_IMD_VINTAGE``, IMD 2025, by default)."""
    value = st.session_state.get(VINTAGE_KEY, config.DEFAULT_IMD_VINTAGE)
    return value if value in config.IMD_VINTAGES else config.DEFAULT_IMD_VINTAGE


@st.cache_data(show_spinner=False, max_entries=64)
def icb(code: str, vintage: int) -> geography.Icb:
    """The configured ICB in a vintage (raises ValueError for an unknown code)."""
    return geography.resolve_icb(database(), code, vintage)


def current_icb() -> geography.Icb:
    """The configured ICB for the current vintage, or a clear message and stop if the code is unknown."""
    code = config.configured_icb()
    try:
        return icb(code, current_vintage())
    except ValueError:
        # the code is the operator's text: echoed only through url.plain (an inert, shortened code span)
        st.error(
            f"The configured ICB could not be found: LSC_PHM_ICB is {plain(code)}. Set it to the ONS code "
            "(E54...) or ODS code of an English ICB (`python -m lsc_phm icbs` lists them) and restart."
        )
        st.stop()
        raise


@st.cache_data(show_spinner=False, max_entries=16)
def availability_table(icb_: geography.Icb) -> pd.DataFrame:
    """Which indicator has data at which level and period for this ICB and vintage."""
    return indicator_data.availability_table(database(), icb_)


@st.cache_data(show_spinner=False, max_entries=16)
def availability(icb_: geography.Icb) -> dict[str, indicator_data.Availability]:
    """Levels and periods with data for every indicator, for this ICB and vintage (computed once)."""
    return indicator_data.availability_map(availability_table(icb_))


@st.cache_data(show_spinner=False, max_entries=256, ttl=CACHE_TTL)
def indicator_values(
    icb_: geography.Icb, indicator_id: str, level: str, period: str, confidence: float = 0.95
) -> pd.DataFrame:
    """Indicator values as every view shows them (suppressed, compared with England, with metadata)."""
    return indicator_data.values(database(), icb_, indicator_id, level, period, confidence)


@st.cache_data(show_spinner=False, max_entries=128, ttl=CACHE_TTL)
def indicator_series(icb_: geography.Icb, indicator_id: str, area_codes: tuple[str, ...]) -> pd.DataFrame:
    """Every period of an indicator for some areas."""
    return indicator_data.series(database(), icb_, indicator_id, list(area_codes))


@st.cache_data(show_spinner=False, max_entries=32)
def deprivation_summaries(icb_: geography.Icb, level: str, vintage: int) -> pd.DataFrame:
    """File 10-style summaries at a level."""
    return deprivation.summaries(database(), icb_, level, vintage)


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
def query(name: str, **params: object) -> pd.DataFrame:
    """Any named query in queries/app (cached)."""
    return database().query(name, **params)


@st.cache_data(show_spinner=False, max_entries=16)
def has_boundaries(icb_: geography.Icb) -> bool:
    """Whether small-area boundaries are shipped for this ICB."""
    return geography.has_boundaries(database(), icb_)
