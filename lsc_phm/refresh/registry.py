"""The source adapters by command-line name, and which data set each refreshes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lsc_phm.refresh.base import SourceAdapter
from lsc_phm.refresh.cover import CoverAdapter
from lsc_phm.refresh.cvdprevent import CvdPreventAdapter
from lsc_phm.refresh.fingertips import FingertipsAdapter
from lsc_phm.refresh.ons_els import OnsElsAdapter
from lsc_phm.refresh.practice_map import PracticeMapAdapter
from lsc_phm.refresh.qof import QofAdapter

#: Adapter classes in the order a full refresh runs them.
ADAPTERS: tuple[type[SourceAdapter], ...] = (
    FingertipsAdapter,
    OnsElsAdapter,
    QofAdapter,
    PracticeMapAdapter,
    CoverAdapter,
    CvdPreventAdapter,
)
NAMES: tuple[str, ...] = tuple(cls.name for cls in ADAPTERS)


def adapters_for(names: Sequence[str], schemas: Mapping[str, Mapping[str, str]]) -> list[SourceAdapter]:
    """The adapters named (all if ``names`` is empty), given the catalogue's column types by data set.

    Raises
    ------
    ValueError
        If a name is not a refreshable source; the message lists those that are.
    """
    unknown = [name for name in names if name not in NAMES]
    if unknown:
        raise ValueError(f"unknown source {unknown[0]!r}; refreshable sources: {', '.join(NAMES)}")
    chosen = [cls for cls in ADAPTERS if not names or cls.name in names]
    return [cls(dict(schemas)) for cls in chosen]


def source_of(dataset: str) -> str:
    """The adapter that refreshes ``dataset``, or "" if it is a fixed release (e.g. a Census or the IMD)."""
    return next((cls.name for cls in ADAPTERS if dataset in cls.datasets), "")
