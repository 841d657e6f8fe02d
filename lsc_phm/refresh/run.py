"""Refresh data sets from their publishers: fetch, validate, show the differences, build, verify, swap.

Order of work, and what a failure at each step leaves behind:

1. **Fetch** each selected source's latest release into ``<data>/staging/<run>/`` (network errors, timeouts,
   truncated downloads, a publisher's renamed or dropped column: the refresh stops, the staging folder is removed,
   ``data/`` and the database are untouched).
2. **Validate**: a candidate data folder is assembled (the current files, hard-linked, with the staged ones in their
   place) and every file is checked against ``data/datasets.toml`` exactly as a build checks it (columns and types,
   keys, row ranges, code vintages). Any problem: stop as above.
3. **Compare**: per data set, new periods, revised values (how many, the largest), areas added or removed, column
   changes; reported before anything is replaced. With ``check_only`` the refresh stops here.
4. **Build** a new database from the candidate folder (:func:`lsc_phm.store.build.build`: written to a temporary
   file, read in full to verify it, then renamed over the old one), and, still under the build lock, move the staged
   files and their release records into ``data/``. A failed build leaves the old database byte for byte.

References
----------
.. [1] The Open Group. ``rename()``: atomic replacement of a file on one file system.
   https://pubs.opengroup.org/onlinepubs/9699919799/functions/rename.html
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lsc_phm import config
from lsc_phm.refresh import diff as diffs
from lsc_phm.refresh.base import Fetcher, RefreshError, SourceAdapter, Staged
from lsc_phm.refresh.registry import adapters_for
from lsc_phm.store import build, datasets, integrity, provenance

Report = Callable[[str], None]


@dataclass
class RefreshResult:
    """What a refresh did: the differences found, and whether a new database was swapped in."""

    sources: list[str]
    diffs: list[diffs.DatasetDiff] = field(default_factory=list)
    swapped: bool = False
    seconds: float | None = None

    @property
    def changed(self) -> list[diffs.DatasetDiff]:
        return [d for d in self.diffs if d.changed]

    def lines(self) -> list[str]:
        """The differences, one line each, as printed by the command line."""
        return [line for d in self.diffs for line in d.lines()]


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _candidate(data_dir: Path, root: Path, staged: list[Staged]) -> Path:
    """A data folder made of the current files (hard links) with the staged files in their places."""
    candidate = root / "data"
    (candidate / "raw").mkdir(parents=True)
    _link_or_copy(datasets.catalogue_path(data_dir), candidate / config.DATASETS_FILE.name)
    by_name = {s.path.name: s for s in staged}
    for path in (data_dir / "raw").iterdir():
        if path.is_file() and path.name not in by_name:
            _link_or_copy(path, candidate / "raw" / path.name)
    for item in staged:
        os.replace(item.path, candidate / "raw" / item.path.name)
    (candidate / "boundaries").symlink_to((data_dir / "boundaries").resolve(), target_is_directory=True)
    if provenance.releases_path(data_dir).is_file():
        _link_or_copy(provenance.releases_path(data_dir), provenance.releases_path(candidate))
    return candidate


def refresh(
    sources: Sequence[str] = (),
    *,
    database: Path | None = None,
    data_dir: Path | None = None,
    fetcher: Fetcher | None = None,
    check_only: bool = False,
    report: Report | None = None,
    progress: build.ProgressCallback | None = None,
) -> RefreshResult:
    """Fetch the latest releases of ``sources`` (all refreshable sources if empty) and swap in a new database.

    Parameters
    ----------
    sources : sequence of str
        Adapter names (``python -m lsc_phm sources`` lists them); empty for all.
    database, data_dir : Path, optional
        The database and the data folder (defaults from :mod:`lsc_phm.config`).
    fetcher : Fetcher, optional
        The HTTP client (tests pass one with a short timeout).
    check_only : bool
        Stop after the comparison: nothing is built or replaced.
    report : callable, optional
        Receives each line of progress and of the differences, as they happen.
    progress : callable, optional
        Passed to the build.

    Returns
    -------
    RefreshResult

    Raises
    ------
    ValueError
        If a source name is unknown.
    RefreshError
        If a download, the validation or the build fails. ``data/`` and the database are then as they were.
    """
    data_dir = Path(data_dir or config.DATA_DIR)
    database = Path(database or config.DATABASE_PATH)
    say = report or (lambda line: None)
    fetcher = fetcher or Fetcher(timeout=float(os.environ.get("LSC_PHM_REFRESH_TIMEOUT", "60")))
    try:
        current = datasets.load_datasets(data_dir=data_dir)
    except datasets.BuildError as error:
        raise RefreshError(f"the current data cannot be read ({error})") from None
    schemas = {d.key: dict(d.schema.columns) for d in current}
    adapters: list[SourceAdapter] = adapters_for(sources, schemas)
    result = RefreshResult([a.name for a in adapters])
    paths = {d.key: d.path for d in current}
    keys = {d.key: d.schema.key for d in current}
    root = data_dir / "staging" / f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    downloads = root / "downloads"
    try:
        downloads.mkdir(parents=True)
    except OSError as error:
        raise RefreshError(f"cannot create the staging folder in {data_dir} ({error.strerror or error})") from None
    try:
        return _stage_compare_swap(
            adapters, fetcher, downloads, root, data_dir, database, paths, keys, result, check_only, say, progress
        )
    except RefreshError as error:
        if result.swapped or "next start" in str(error):
            raise
        raise RefreshError(f"{error}. Nothing was replaced: the last good database keeps serving") from None
    finally:
        shutil.rmtree(root, ignore_errors=True)
        try:
            (data_dir / "staging").rmdir()
        except OSError:
            pass


def _stage_compare_swap(
    adapters: list[SourceAdapter],
    fetcher: Fetcher,
    downloads: Path,
    root: Path,
    data_dir: Path,
    database: Path,
    paths: dict[str, Path],
    keys: dict[str, tuple[str, ...]],
    result: RefreshResult,
    check_only: bool,
    say: Report,
    progress: build.ProgressCallback | None,
) -> RefreshResult:
    staged: list[Staged] = []
    tolerance: dict[str, float] = {}
    for adapter in adapters:
        say(f"fetching {adapter.name} ({adapter.publisher})")
        try:
            got = adapter.fetch(fetcher, downloads, paths)
        except RefreshError as error:
            raise RefreshError(f"{adapter.name}: {error}") from None
        except (ValueError, KeyError, TypeError, OSError) as error:
            raise RefreshError(
                f"{adapter.name}: the publisher's data could not be converted "
                f"({error.__class__.__name__}: {error}); the refresh is refused"
            ) from None
        staged += got
        tolerance.update({s.dataset: adapter.value_tolerance for s in got})
    candidate = _candidate(data_dir, root, staged)
    staged = [Staged(s.dataset, candidate / "raw" / s.path.name, s.release) for s in staged]
    say(f"validating {len(staged)} downloaded file(s) against {config.DATASETS_FILE.name}")
    try:
        datasets.check_datasets(datasets.load_datasets(data_dir=candidate), datasets.catalogue_path(candidate))
    except datasets.BuildError as error:
        raise RefreshError(
            "refused: "
            + str(error).replace(
                ". Restore them with 'git checkout -- data' (or, after re-vendoring on purpose, update "
                "data/datasets.toml)",
                "",
            )
        ) from None
    for item in staged:
        found = diffs.compare(item.dataset, paths[item.dataset], item.path, keys[item.dataset], tolerance[item.dataset])
        result.diffs.append(found)
        for line in found.lines():
            say(line)
    if not result.changed:
        say("every refreshed data set is already current: nothing to build")
        return result
    if check_only:
        say("check only: nothing was built or replaced")
        return result
    changed = {d.dataset for d in result.changed}
    for item in staged:
        if item.dataset not in changed:  # keep the current file's bytes: no release to record
            item.path.unlink()
            _link_or_copy(paths[item.dataset], item.path)
    staged = [s for s in staged if s.dataset in changed]
    spans = {d.dataset: d.period_span for d in result.diffs}
    releases = {
        s.dataset: dataclasses.replace(s.release, period=s.release.period or spans.get(s.dataset, "")) for s in staged
    }
    provenance.install(provenance.write_refreshed(candidate, releases), candidate)

    def install() -> None:
        for item in staged:
            os.replace(item.path, data_dir / "raw" / item.path.name)
        os.replace(provenance.releases_path(candidate), provenance.releases_path(data_dir))

    say("building and verifying the new database")
    try:
        result.seconds = build.build(database, progress, data_dir=candidate, on_swapped=install)
    except datasets.BuildError as error:
        raise RefreshError(f"the new database could not be built ({error})") from None
    except OSError as error:
        raise RefreshError(
            f"the new database is in place but moving the downloaded files into {data_dir} failed "
            f"({error.strerror or error}); the next start rebuilds from {data_dir}"
        ) from None
    problem = integrity.database_problem(database)
    if problem:
        raise RefreshError(f"the new database failed its check after the swap: {problem}")
    result.swapped = True
    say(f"swapped in the new database {database.name} ({result.seconds or 0:.1f} s)")
    return result
