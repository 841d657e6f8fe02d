"""The data catalogue: ``data/datasets.toml`` read into :class:`Dataset` records, every listed file checked to exist
and to match its schema before a build uses it.

The build (:mod:`lsc_phm.store.build`) and the refresh (:mod:`lsc_phm.refresh`) both read the catalogue through
this module, so a file is judged by the same rules whichever of them brings it in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lsc_phm import config
from lsc_phm.store import provenance, validate

__all__ = ["BuildError", "DatabasePathError", "Dataset", "catalogue_path", "check_datasets", "load_datasets"]


class BuildError(RuntimeError):
    """A build could not complete; the message names the file or step and what to do."""


class DatabasePathError(BuildError):
    """The database path itself is unusable (a directory, or below a plain file): a configuration mistake."""


@dataclass(frozen=True)
class Dataset:
    """One vendored source file and its provenance, as listed in ``data/datasets.toml``."""

    key: str
    path: Path
    title: str
    publisher: str
    period: str
    url: str
    licence: str
    geography: str
    transformed: str
    schema: validate.Schema = field(default_factory=validate.Schema)
    release: provenance.Release = field(default_factory=provenance.Release)
    #: Where the catalogue's release comes from, or why it is not recorded (the vendored snapshot's).
    release_source: str = ""


def _catalogue(datasets_file: Path) -> dict:
    try:
        return tomllib.loads(datasets_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(
            f"the data catalogue {datasets_file} is missing; restore it with 'git checkout -- data'"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BuildError(f"the data catalogue {datasets_file} could not be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise BuildError(f"the data catalogue {datasets_file} is not valid TOML ({error})") from None


def catalogue_path(data_dir: Path | None = None) -> Path:
    """The catalogue of a data folder: ``config.DATASETS_FILE`` by default, else ``<data_dir>/datasets.toml``."""
    return config.DATASETS_FILE if data_dir is None else data_dir / config.DATASETS_FILE.name


def load_datasets(datasets_file: Path | None = None, data_dir: Path | None = None) -> list[Dataset]:
    """Read ``datasets.toml`` (default ``config.DATASETS_FILE``) and check that every file it lists exists.

    Raises
    ------
    BuildError
        If the catalogue is missing or unreadable, an entry is malformed, or a listed file is missing.
    """
    datasets_file = datasets_file or catalogue_path(data_dir)
    data_dir = data_dir or config.DATA_DIR
    catalogue = _catalogue(datasets_file)
    try:
        releases = provenance.load_releases(catalogue, data_dir)
    except ValueError as error:
        raise BuildError(str(error)) from None
    datasets = []
    for key, entry in catalogue.items():
        if key.startswith(validate.RESERVED_PREFIX):
            continue
        path = data_dir / entry.get("file", f"raw/{key}.parquet")
        if not path.is_file():
            raise BuildError(
                f"data file {path} is missing; restore it with 'git checkout -- data' "
                "(or re-run scripts/vendor_data.py)"
            )
        try:
            datasets.append(
                Dataset(
                    key,
                    path,
                    entry["title"],
                    entry["publisher"],
                    entry["period"],
                    entry["url"],
                    entry["licence"],
                    entry["geography"],
                    entry["transformed"],
                    validate.parse_schema(entry),
                    releases[key],
                    str(entry.get("release_source", "")),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BuildError(
                f"entry [{key}] of {datasets_file} is malformed ({error.__class__.__name__}: {error})"
            ) from None
    return datasets


def check_datasets(datasets: list[Dataset], datasets_file: Path | None = None) -> None:
    """Check every data file against its schema in the catalogue (columns and types, key, rows, code vintages).

    Raises
    ------
    BuildError
        Naming every file and column that does not match, and how to restore the files.
    """
    catalogue = _catalogue(datasets_file or config.DATASETS_FILE)
    try:
        systems = validate.parse_code_systems(catalogue)
        unknown = {s for d in datasets for s in d.schema.codes.values()} - set(systems)
        if unknown:
            raise KeyError(f"code systems {sorted(unknown)} are not defined under [_code_systems]")
    except (KeyError, TypeError, AttributeError) as error:
        raise BuildError(
            f"the code systems in {datasets_file or config.DATASETS_FILE} are malformed ({error})"
        ) from None
    problems = validate.check_files([(d.key, d.path, d.schema) for d in datasets], systems)
    if problems:
        shown = "; ".join(problems[:4]) + (f"; and {len(problems) - 4} more" if len(problems) > 4 else "")
        raise BuildError(
            f"data files do not match data/datasets.toml: {shown}. Restore them with "
            "'git checkout -- data' (or, after re-vendoring on purpose, update data/datasets.toml)"
        )
