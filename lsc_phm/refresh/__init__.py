"""Refreshing the volatile data sets from their publishers (``python -m lsc_phm refresh``).

:mod:`~lsc_phm.refresh.base` defines the adapter interface and the strict HTTP client, one module per publisher
implements it (:mod:`~lsc_phm.refresh.fingertips`, :mod:`~lsc_phm.refresh.ons_els`, :mod:`~lsc_phm.refresh.qof`,
:mod:`~lsc_phm.refresh.practice_map`, :mod:`~lsc_phm.refresh.cover`,
:mod:`~lsc_phm.refresh.cvdprevent`), :mod:`~lsc_phm.refresh.diff` compares a download with the file in use, and
:mod:`~lsc_phm.refresh.run` validates, builds and swaps.

The only code in the package that opens network connections, and only when a refresh is asked for.

May import: ``lsc_phm.config``, ``lsc_phm.store`` (the catalogue, its checks, the build and the release records).
"""

from lsc_phm.refresh.base import Fetcher, RefreshError
from lsc_phm.refresh.registry import NAMES, adapters_for, source_of
from lsc_phm.refresh.run import RefreshResult, refresh

__all__ = ["NAMES", "Fetcher", "RefreshError", "RefreshResult", "adapters_for", "refresh", "source_of"]
