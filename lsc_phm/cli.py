"""Command-line interface for analysts and scripted checks.

Commands::

    python -m lsc_phm build [--if-stale]
    python -m lsc_phm indicators
    python -m lsc_phm icbs
    python -m lsc_phm deprivation --imd {2019,2025} --level {lad,ward,place,sicbl,icb,footprint}
    python -m lsc_phm table INDICATOR_ID --level LEVEL [--period P] [--imd {2019,2025}] [--confidence {95,99.8}]
    python -m lsc_phm briefing (--area NAME_OR_CODE | --all-places) --format {pptx,html,pdf}[,...]|all --out DIR
                               [--imd {2019,2025}] [--template FILE.pptx]
    python -m lsc_phm upload FILE --level LEVEL
    python -m lsc_phm attention --area NAME_OR_CODE [--comparator england|decile|neighbours|CODE] [--imd {2019,2025}]
    python -m lsc_phm refresh [SOURCE ...] [--check]
    python -m lsc_phm sources

``refresh`` fetches the latest release of each volatile source from its publisher (all if none is named), checks it
against ``data/datasets.toml``, prints what would change, then builds, verifies and swaps in a new database; a refused
or failed refresh leaves the data and the database as they were (exit status 1). ``--check`` stops after printing the
differences. ``sources`` prints every data set with its release and retrieval dates as CSV.

``upload`` checks a CSV/Excel file of values by area exactly as the "Your data" page does, then prints the values
summed into LEVEL (or as uploaded, when LEVEL is the file's own geography), an empty line, and the gradient by national
IMD decile (LSOA files; local deciles for other geographies) with SII and RII rows, all as CSV. Counts below 10 are
suppressed. Nothing is written anywhere; a bad file is one line on standard error and exit status 2.

CSV goes to standard output (spreadsheet-safe, :mod:`lsc_phm.render.exports`). Errors are one line on standard
error, never a traceback: exit status 2 for bad arguments or settings (an unknown indicator, level or period, an
``--out`` that is a file, ``LSC_PHM_DATABASE`` naming a directory), 1 for failures of input/output (a failed build,
a damaged database, a folder that cannot be written, standard output closed or full). When the data files changed
but the rebuild fails, the last good database is used and a warning says so. ``LSC_PHM_DEBUG=1`` shows the traceback
of an unexpected error.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import deprivation, geography, indicator_data, upload_files
from lsc_phm.publish import template as templates
from lsc_phm.render import exports
from lsc_phm.store.build import build, is_stale, open_current
from lsc_phm.store.datasets import BuildError, DatabasePathError
from lsc_phm.store.db import Database, DatabaseError

#: Longest user text echoed back in an error message, and longest error message.
_ECHO_LIMIT = 80
_MESSAGE_LIMIT = 2000

CLI_LEVELS = {
    "lad": "district",
    "ward": "ward",
    "place": "place",
    "icb": "icb",
    "sicbl": "sicbl",
    "footprint": "footprint",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        self.exit(2, f"error: {message}\n")


BRIEFING_FORMATS = ("pptx", "html", "pdf")


IMD_HELP = (
    f"IMD vintage and its geography (default {config.DEFAULT_IMD_VINTAGE}: 2021 LSOAs and Census 2021; "
    "2019: 2011 LSOAs)"
)


def _formats(value: str) -> tuple[str, ...]:
    """``--format``: one of pptx/html/pdf, several separated by commas, or ``all`` (duplicates dropped)."""
    wanted = (
        BRIEFING_FORMATS
        if value.strip().lower() == "all"
        else tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    )
    unknown = [f for f in wanted if f not in BRIEFING_FORMATS]
    if not wanted or unknown:
        raise argparse.ArgumentTypeError(
            f"invalid choice: '{_shown(value)}' (choose from pptx, html, pdf, several separated by commas, or all)"
        )
    return wanted


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lsc_phm", description="lsc-phm: population health data for an ICB")
    parser.add_argument("--icb", default=None, help="ICB ONS or ODS code (default: $LSC_PHM_ICB or E54000048)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build_cmd = commands.add_parser("build", help="build data/lsc_phm.duckdb from data/ and queries/")
    build_cmd.add_argument("--if-stale", action="store_true", help="only build if inputs changed")
    commands.add_parser("indicators", help="list the indicator registry as CSV")
    commands.add_parser("icbs", help="list England's ICBs as CSV")
    _add_table_commands(commands)
    _add_briefing_command(commands)
    upload = commands.add_parser("upload", help="check a file of values by area; print it summed and by deprivation")
    upload.add_argument(
        "file",
        help="CSV (UTF-8) or .xlsx file with a 'code' column and 'value' or "
        f"numerator/denominator: {upload_files.limits_sentence()}",
    )
    upload.add_argument(
        "--level",
        required=True,
        choices=("lsoa", "msoa", "ward", "district", "lad", "place", "footprint", "sicbl", "icb", "practice", "pcn"),
    )
    upload.add_argument(
        "--imd",
        type=int,
        choices=config.IMD_VINTAGES,
        default=config.DEFAULT_IMD_VINTAGE,
        help="only names the ICB's vintage; the file's codes choose the geography (LSOA 2011 or 2021)",
    )
    attn = commands.add_parser("attention", help="what needs attention in an area: every indicator grouped (CSV)")
    attn.add_argument("--area", required=True, help="an area's name, label or code (ICB, place, district, PCN)")
    attn.add_argument(
        "--comparator",
        default="england",
        help="england (default), decile (the authorities in the same national deprivation decile), "
        "neighbours (the 15 nearest statistical neighbours), or another area's code",
    )
    attn.add_argument("--imd", type=int, choices=config.IMD_VINTAGES, default=config.DEFAULT_IMD_VINTAGE)
    similar_cmd = commands.add_parser(
        "similar", help="an authority's 15 nearest statistical neighbours (or deprivation-decile peers) as CSV"
    )
    similar_cmd.add_argument("--area", required=True, help="an English authority's name or code (e.g. blackpool)")
    similar_cmd.add_argument("--peers", choices=("neighbours", "decile"), default="neighbours")
    movers = commands.add_parser("movers", help="LSOAs entering/leaving the Core20 between IMD 2019 and 2025 as CSV")
    movers.add_argument("--level", required=True, choices=("place", "district", "ward", "pcn"))
    movers.add_argument("--summary", action="store_true", help="counts per area instead of the list of LSOAs")
    refresh_cmd = commands.add_parser("refresh", help="fetch the latest releases, show what changes, rebuild")
    refresh_cmd.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="fingertips, ons_els, qof, practice_map (default: all)"
    )
    refresh_cmd.add_argument("--check", action="store_true", help="fetch, validate and compare only; change nothing")
    commands.add_parser("sources", help="every data set with its release and retrieval dates, as CSV")
    return parser


def _add_table_commands(commands: argparse._SubParsersAction) -> None:
    """The ``deprivation`` and ``table`` commands: CSV tables of deprivation summaries and of one indicator."""
    dep = commands.add_parser("deprivation", help="File 10-style deprivation summaries as CSV")
    dep.add_argument("--imd", type=int, choices=config.IMD_VINTAGES, default=config.DEFAULT_IMD_VINTAGE, help=IMD_HELP)
    dep.add_argument("--level", choices=("lad", "ward", "place", "sicbl", "icb", "footprint"), required=True)
    table = commands.add_parser("table", help="one indicator's values (with CIs) as CSV")
    table.add_argument("indicator_id")
    table.add_argument(
        "--level",
        required=True,
        choices=(
            "lsoa",
            "msoa",
            "ward",
            "district",
            "lad",
            "utla",
            "place",
            "sicbl",
            "icb",
            "footprint",
            "pcn",
            "practice",
        ),
    )
    table.add_argument("--period", default=None, help="period label (default: the latest)")
    table.add_argument(
        "--imd", type=int, choices=config.IMD_VINTAGES, default=config.DEFAULT_IMD_VINTAGE, help=IMD_HELP
    )
    table.add_argument("--confidence", type=float, choices=(95.0, 99.8), default=95.0)


def _add_briefing_command(commands: argparse._SubParsersAction) -> None:
    """The ``briefing`` command: which areas, which formats, where, and the slide-2 comparator and template."""
    brief = commands.add_parser("briefing", help="write a place-profile briefing (PowerPoint, HTML or PDF)")
    which = brief.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--area",
        help="an area's name, menu label or code, case-insensitive (e.g. blackpool, "
        "'District: Burnley', QE1-E06000009)",
    )
    which.add_argument("--all-places", action="store_true", help="one briefing per place of the ICB")
    brief.add_argument(
        "--format",
        type=_formats,
        default=("pptx",),
        metavar="{pptx,html,pdf}[,...]|all",
        help="one format, several separated by commas (pptx,html,pdf), or 'all'; each area's numbers "
        "and charts are made once for all of them",
    )
    brief.add_argument("--out", required=True, help="directory to write into (created if missing)")
    brief.add_argument(
        "--imd", type=int, choices=config.IMD_VINTAGES, default=config.DEFAULT_IMD_VINTAGE, help=IMD_HELP
    )
    brief.add_argument(
        "--comparator",
        default="england",
        help="what slide 2's messages compare with: england (default), decile (the authorities in the "
        "same national deprivation decile) or neighbours (the 15 nearest statistical "
        "neighbours); an area without such a group is compared with England, and says so",
    )
    brief.add_argument(
        "--template",
        default=None,
        help="a .pptx whose slide master and layouts the PowerPoint is built on (pptx only): "
        f"{templates.limits_sentence()}; outside links are removed",
    )


class OutputError(OSError):
    """Standard output is closed or cannot be written (disk full)."""


def _shown(text: object) -> str:
    """User text for an error message: one line, shortened."""
    value = " ".join(str(text).split())
    return value if len(value) <= _ECHO_LIMIT else value[: _ECHO_LIMIT - 1] + "…"


def _fail(message: str, status: int = 2) -> int:
    line = " ".join(str(message).split())
    if len(line) > _MESSAGE_LIMIT:
        line = line[: _MESSAGE_LIMIT - 1] + "…"
    try:
        print(f"error: {line}", file=sys.stderr)
    except (OSError, ValueError, AttributeError):  # standard error closed too: the exit status still tells
        pass
    return status


def _note(message: str) -> None:
    try:
        print(message, file=sys.stderr)
    except (OSError, ValueError, AttributeError):
        pass


def _database() -> Database:
    announced = []

    def progress(fraction: float, step: str) -> None:
        if not announced:
            _note("building the database (first run, data changed or database damaged)...")
            announced.append(True)
        if step.startswith("waiting"):
            _note(step)

    db = open_current(progress=progress)
    if db.notice:
        _note(f"warning: {' '.join(db.notice.split())}")
    return db


def _discard_stdout() -> None:
    """After a failed write, point file descriptor 1 at /dev/null so Python's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _write(write) -> None:
    """Run ``write(stdout)`` and flush; a closed reader is fine, a closed or full standard output is an error."""
    if sys.stdout is None or sys.stdout.closed:
        raise OutputError(errno.EBADF, "standard output is closed")
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (e.g. `head`) closed the pipe: not an error
        _discard_stdout()
    except OSError as error:
        _discard_stdout()
        raise OutputError(error.errno, f"standard output could not be written ({error.strerror or error})") from None


def _write_csv(frame: pd.DataFrame) -> None:
    _write(lambda handle: exports.write_csv(frame, handle))


def _out_dir(value: str) -> Path:
    """Check ``--out`` and create it before any work: a folder, not a file, not an impossible path.

    Raises
    ------
    ValueError
        For a path that can never work (a file, below a file, too long): exit status 2.
    OSError
        For a folder that cannot be created here (permissions, a read-only file system): exit status 1.
    """
    if not value.strip():  # Path("") is the current folder: an empty --out is a mistake, not a choice
        raise ValueError("--out is empty; give a folder to write into (use --out . for the current folder)")
    try:
        out = Path(value)
        if len(os.fsencode(value)) >= 4096 or any(len(os.fsencode(part)) > 255 for part in out.parts):
            raise ValueError(f"--out path is too long ({len(value):,} characters)")
        if out.exists() and not out.is_dir():
            raise ValueError(f"--out {_shown(value)} is a file, not a folder; give a folder to write into")
        for parent in out.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise ValueError(f"--out {_shown(value)} cannot be created: {_shown(parent)} is a file")
                break
    except OSError as error:
        raise ValueError(f"--out {_shown(value)} cannot be used ({error.strerror or error})") from None
    try:  # create it now, so an unwritable place fails before minutes of work
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OSError(
            error.errno, f"the briefing could not be written to {_shown(out)} ({error.strerror or error})"
        ) from None
    return out


def _story_inputs(db: Database, icb: geography.Icb, code: str, comparator: str):
    """The briefing's attention list against ``comparator``; England, with a line on stderr, where the area has no
    such peer group (a county, a place of several authorities)."""
    from lsc_phm.views import attention

    try:
        return attention.briefing_inputs(db, icb, code, comparator)
    except ValueError as error:
        print(f"{code}: {error}; its briefing compares with England", file=sys.stderr)
        return attention.briefing_inputs(db, icb, code)


def _briefing(db: Database, icb: geography.Icb, args: argparse.Namespace) -> int:
    """Write one briefing per requested area; print each file's path on standard output."""
    from lsc_phm.publish import briefing, briefing_pages
    from lsc_phm.reports import place_report
    from lsc_phm.views import place_profile

    out = _out_dir(args.out)
    formats = tuple(args.format)
    template = None
    if args.template is not None:
        if "pptx" not in formats:
            raise ValueError("--template applies to --format pptx only")
        path = Path(args.template)
        if not path.is_file():
            raise ValueError(f"template file '{_shown(args.template)}' does not exist")
        template = templates.read(path)  # refused over 50 MB before reading; TemplateError is a ValueError: exit 2
        for notice in templates.cleaned(template).notices:
            _note(f"note: {notice}")
    if args.all_places:
        codes = place_profile.briefing_place_codes(db, icb)
    else:  # a name, label or code; unknown or ambiguous: ValueError listing the choices
        codes = [place_profile.resolve_area(db, icb, args.area).code]
    from lsc_phm.render import images

    db.remember()  # areas share many queries (an indicator's values for every district, the catalogue)
    _chart_disk_cache(db)

    def write(profile, charts) -> None:
        charts.result()  # the area's chart pictures, rendered meanwhile
        for fmt in formats:  # one profile and one rendering of each chart for every format
            try:
                path = briefing.write_briefing(profile, fmt, out, template if fmt == "pptx" else None)
            except OSError as error:
                raise OSError(
                    error.errno, f"the briefing could not be written to {_shown(out)} ({error.strerror or error})"
                ) from None
            _write(lambda handle, path=path: print(path, file=handle))

    try:  # pipeline: an area's charts are drawn (native code, no GIL) while the next area's numbers are computed
        with ThreadPoolExecutor(max_workers=1) as renderer:
            pending = None
            for code in codes:
                profile = briefing_pages.with_story(
                    place_report.build(db, icb, code, with_map="html" in formats, page_charts=False),
                    *_story_inputs(db, icb, code, args.comparator),
                )
                charts = renderer.submit(briefing_pages.slide_pictures, profile)
                if pending is not None:
                    write(*pending)
                pending = (profile, charts)
            if pending is not None:
                write(*pending)
    finally:
        images.use_disk_cache(None)
        db.remember(0)
    return 0


def _chart_disk_cache(db: Database) -> None:
    """Keep briefing charts on disk next to the database, in a folder of this build (older builds' removed)."""
    from lsc_phm.render import images

    built = db.query("build_info")
    fingerprint = str(built["fingerprint"].iloc[0]) if not built.empty else ""
    try:
        images.use_disk_cache(config.CHART_CACHE_DIR, fingerprint)
    except ValueError:  # no fingerprint recorded: memory only
        images.use_disk_cache(None)


def _table(db: Database, icb: geography.Icb, args: argparse.Namespace) -> int:
    """One indicator's values; the level and period must be ones with data (else the error lists those that have)."""
    level = CLI_LEVELS.get(args.level, args.level)
    table = pd.concat(
        [indicator_data.availability_table(db, icb), indicator_data.practice_availability_table(db, icb)],
        ignore_index=True,
    )
    available = indicator_data.availability(table, args.indicator_id)  # unknown id: ValueError listing ids
    if level not in available.levels:
        levels = ", ".join(available.levels) or "none for this ICB and IMD vintage"
        why = f" ({geography.MSOA_NOT_AVAILABLE})" if level == "msoa" else ""
        return _fail(f"indicator '{args.indicator_id}' has no values at level '{level}'{why}; levels: {levels}")
    period = args.period if args.period is not None else available.latest(level)
    if period not in available.periods(level):
        return _fail(
            f"period '{_shown(period)}' not available for '{args.indicator_id}' at level '{level}'; "
            f"periods: {', '.join(available.periods(level))}"
        )
    _write_csv(indicator_data.values(db, icb, args.indicator_id, level, period, confidence=args.confidence / 100))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the process exit status."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (ValueError, DatabasePathError) as error:
        return _fail(str(error))
    except (BuildError, DatabaseError, OSError) as error:
        return _fail(
            str(error)
            if not isinstance(error, OSError) or not error.strerror
            else (error.strerror if error.filename is None else f"{error.strerror}: {_shown(error.filename)}"),
            1,
        )
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as error:  # last resort: one line instead of a traceback
        if os.environ.get("LSC_PHM_DEBUG"):
            raise
        return _fail(f"unexpected {error.__class__.__name__}: {_shown(error)} (set LSC_PHM_DEBUG=1 for details)", 1)


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        if args.if_stale and not is_stale():
            _note("database is up to date")
            return 0
        seconds = build(progress=lambda fraction, step: _note(f"[{fraction:4.0%}] {step}"))
        if seconds is None:
            _note(f"using {config.DATABASE_PATH}, just built by another process from the same inputs")
        else:
            _note(f"built {config.DATABASE_PATH} in {seconds:.1f} s")
        return 0
    if args.command == "indicators":
        _write_csv(pd.DataFrame.from_records([i.as_record() for i in indicators.REGISTRY]))
        return 0
    if args.command == "refresh":
        from lsc_phm import refresh

        try:
            refresh.refresh(
                args.sources, check_only=args.check, report=lambda line: _write(lambda out: print(line, file=out))
            )
        except refresh.RefreshError as error:
            return _fail(f"refresh: {error}", 1)
        return 0
    checked = None  # a user's file is checked before the database is opened: a bad file is refused at once
    if args.command == "upload":
        path = Path(args.file)
        if not path.is_file():
            return _fail(f"no such file: {_shown(args.file)}")
        try:
            upload_files.check_size(path.stat().st_size)  # refused before it is read into memory
            checked = upload_files.read_upload(path.read_bytes(), path.name)
        except upload_files.UploadError as error:
            return _fail(str(error))
    if args.command == "briefing" and args.template is not None and Path(args.template).is_file():
        templates.cleaned(templates.read(Path(args.template)))  # TemplateError (a ValueError): exit 2
    db = _database()
    if args.command == "sources":
        from lsc_phm.views import catalogue

        _write_csv(catalogue.sources(db))
        return 0
    if args.command == "icbs":
        _write_csv(db.query("icb_list"))
        return 0
    if args.command in ("similar", "movers"):
        return _similar_places(db, args)
    vintage = args.imd
    icb = geography.resolve_icb(db, args.icb or config.configured_icb(), vintage)
    if args.command == "deprivation":
        frame = deprivation.summaries(db, icb, CLI_LEVELS[args.level], vintage)
        _write_csv(frame[list(deprivation.SUMMARY_COLUMNS)])
        sources = "; ".join(sorted(set(frame["summary_source"]) | set(frame["population_source"])))
        _note(f"note: IMD {vintage} {args.level} figures: {sources}")
        return 0
    if args.command == "table":
        return _table(db, icb, args)
    if args.command == "briefing":
        return _briefing(db, icb, args)
    if args.command == "upload":
        return _upload(db, icb, args, checked)
    if args.command == "attention":
        from lsc_phm.views import attention, attention_comparators

        code, _ = attention_comparators.resolve_area(db, icb, args.area)
        comparator = attention_comparators.comparator_for(db, icb, args.comparator, code)
        _write_csv(attention.export_table(attention.attention(db, icb, code, comparator)))
        if part := attention_comparators.part_note(db, icb, code):
            _note(f"note: {part}")
        if comparator.is_group:
            _note(f"note: {attention_comparators.GROUP_NOTE}")
        return 0
    return _fail(f"unknown command {args.command}")


def _similar_places(db: Database, args: argparse.Namespace) -> int:
    """Nearest neighbours or decile peers of an authority; Core20 movers of the ICB's areas (IMD 2025 geography)."""
    from lsc_phm.domain import core20_movers, similar

    if args.command == "similar":
        code, tier = similar.resolve_authority(db, args.area)
        if args.peers == "decile":
            _write_csv(similar.deprivation_decile_peers(db, code, tier))
            _note(f"note: {similar.DECILE_GROUPING}")
        else:
            _write_csv(similar.nearest_neighbours(db, code, tier=tier))
            _note(
                "note: weighted Euclidean distance on standardised open-data variables "
                "(docs/methods.md#nearest-statistical-neighbours); rank 1 = nearest"
            )
        return 0
    icb = geography.resolve_icb(db, args.icb or config.configured_icb(), 2025)
    if args.level == "pcn":  # PCNs have no LSOAs: counts of registered patients, the same with or without --summary
        _write_csv(core20_movers.pcn_movers(db, icb))
        _note(f"note: {core20_movers.PCN_PATIENTS_RULE} {core20_movers.MOVERS_CAVEAT}")
        return 0
    lsoas = core20_movers.mover_lsoas(db, icb)
    summary = core20_movers.movers_summary if args.summary else core20_movers.movers_list
    _write_csv(summary(lsoas, args.level))
    _note(f"note: {core20_movers.BOUNDARY_RULE} {core20_movers.MOVERS_CAVEAT}")
    return 0


def _upload(db: Database, icb: geography.Icb, args: argparse.Namespace, frame: pd.DataFrame) -> int:
    """Check a file read by :func:`lsc_phm.domain.upload_files.read_upload`, print its values at --level and its
    gradient by deprivation (CSV); exit 2 for a bad file."""
    from lsc_phm.domain import upload_aggregation, upload_gradient, uploads

    reference = uploads.load_reference(db, icb)
    try:
        upload = uploads.validate(frame, reference)
    except upload_files.UploadError as error:
        return _fail(str(error))
    level = CLI_LEVELS.get(args.level, args.level)
    if level == upload.geography:
        table = upload_aggregation.values(upload)
    else:
        # a ValueError (not additive, or a level it does not sum into) exits 2
        table = upload_aggregation.aggregate(upload, reference, level)
    framing = "national" if upload.geography == "lsoa" else "local"
    result = upload_gradient.gradient(upload, reference, framing, 10)
    gradient = result.table[
        [
            "deprivation_group",
            "group_label",
            "units",
            "population",
            "numerator",
            "denominator",
            "value",
            "lowercl",
            "uppercl",
            "suppressed",
            "method",
        ]
    ]
    gradient = gradient.astype({"units": "Int64", "deprivation_group": "string"})
    measures = result.measures.rename(columns={"measure": "group_label"}).assign(deprivation_group="all")
    _write_csv(table)
    _write(lambda handle: handle.write("\n"))
    _write_csv(pd.concat([gradient, measures], ignore_index=True))
    _note(f"note: {len(upload.data)} {upload.label} rows; {result.description}")
    return 0
