"""Command-line interface for analysts and scripted checks.

Commands::

    python -m lsc_phm build [--if-stale]
    python -m lsc_phm indicators
    python -m lsc_phm icbs
    python -m lsc_phm deprivation --imd {2019,2025} --level {lad,ward,place,sicbl,icb,footprint}
    python -m lsc_phm table INDICATOR_ID --level LEVEL [--period P] [--imd {2019,2025}] [--confidence {95,99.8}]
    python -m lsc_phm briefing (--area CODE | --all-places) --format {pptx,html,pdf} --out DIR [--imd {2019,2025}]
    python -m lsc_phm upload FILE --level LEVEL

``upload`` checks a CSV/Excel file of values by area exactly as the "Your data" page does, then prints the values
summed into LEVEL (or as uploaded, when LEVEL is the file's own geography), an empty line, and the gradient by national
IMD decile (LSOA files; local deciles for other geographies) with SII and RII rows, all as CSV. Counts below 10 are
suppressed. Nothing is written anywhere.

CSV goes to standard output. Bad arguments give a one-line error on standard error and exit status 2; a failed
build exits 1. No traceback is ever shown for bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from lsc_phm import config, indicators
from lsc_phm.domain import deprivation, geography, indicator_data
from lsc_phm.store.build import BuildError, build, is_stale
from lsc_phm.store.db import Database, DatabaseError, open_database

CLI_LEVELS = {"lad": "district", "ward": "ward", "place": "place", "icb": "icb", "sicbl": "sicbl",
              "footprint": "footprint"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        self.exit(2, f"error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lsc_phm", description="lsc-phm: population health data for an ICB")
    parser.add_argument("--icb", default=None, help="ICB ONS or ODS code (default: $LSC_PHM_ICB or E54000048)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build_cmd = commands.add_parser("build", help="build data/lsc_phm.duckdb from data/ and queries/")
    build_cmd.add_argument("--if-stale", action="store_true", help="only build if inputs changed")
    commands.add_parser("indicators", help="list the indicator registry as CSV")
    commands.add_parser("icbs", help="list England's ICBs as CSV")
    dep = commands.add_parser("deprivation", help="File 10-style deprivation summaries as CSV")
    dep.add_argument("--imd", type=int, choices=config.IMD_VINTAGES, default=config.DEFAULT_IMD_VINTAGE)
    dep.add_argument("--level", choices=("lad", "ward", "place", "sicbl", "icb", "footprint"), required=True)
    table = commands.add_parser("table", help="one indicator's values (with CIs) as CSV")
    table.add_argument("indicator_id")
    table.add_argument("--level", required=True,
                       choices=("lsoa", "ward", "district", "lad", "place", "sicbl", "icb", "footprint", "pcn", "practice"))
    table.add_argument("--period", default=None, help="period label (default: the latest)")
    table.add_argument("--imd", type=int, choices=config.IMD_VINTAGES, default=config.DEFAULT_IMD_VINTAGE)
    table.add_argument("--confidence", type=float, choices=(95.0, 99.8), default=95.0)
    brief = commands.add_parser("briefing", help="write a place-profile briefing (PowerPoint, HTML or PDF)")
    which = brief.add_mutually_exclusive_group(required=True)
    which.add_argument("--area", help="the ICB code, a place code (e.g. QE1-E06000009) or a district code")
    which.add_argument("--all-places", action="store_true", help="one briefing per place of the ICB")
    brief.add_argument("--format", choices=("pptx", "html", "pdf"), default="pptx")
    brief.add_argument("--out", required=True, help="directory to write into (created if missing)")
    brief.add_argument("--imd", type=int, choices=config.IMD_VINTAGES, default=config.DEFAULT_IMD_VINTAGE)
    upload = commands.add_parser("upload", help="check a file of values by area; print it summed and by deprivation")
    upload.add_argument("file", help="CSV (UTF-8) or .xlsx file with a 'code' column and 'value' or numerator/denominator")
    upload.add_argument("--level", required=True,
                        choices=("lsoa", "ward", "district", "lad", "place", "footprint", "sicbl", "icb", "practice",
                                 "pcn"))
    upload.add_argument("--imd", type=int, choices=config.IMD_VINTAGES, default=config.DEFAULT_IMD_VINTAGE,
                        help="only names the ICB's vintage; the file's codes choose the geography (LSOA 2011 or 2021)")
    return parser


def _upload(db: Database, icb: geography.Icb, args: argparse.Namespace) -> int:
    """Check a file, print its values at --level and its gradient by deprivation (CSV); exit 2 for a bad file."""
    from pathlib import Path

    from lsc_phm.domain import uploads

    path = Path(args.file)
    if not path.is_file():
        return _fail(f"no such file: {args.file}")
    if path.stat().st_size >= uploads.MAX_BYTES:  # refuse before reading it into memory
        return _fail(f"The file is {path.stat().st_size / 1024 / 1024:.1f} MB; files must be smaller than "
                     f"{uploads.MAX_BYTES // 1024 // 1024} MB.")
    reference = uploads.load_reference(db, icb)
    try:
        upload = uploads.parse(path.read_bytes(), path.name, reference)
    except uploads.UploadError as error:
        return _fail(str(error))
    level = CLI_LEVELS.get(args.level, args.level)
    if level == upload.geography:
        table = uploads.values(upload)
    else:
        table = uploads.aggregate(upload, reference, level)  # ValueError (not additive / wrong level): exit 2
    framing = "national" if upload.geography == "lsoa" else "local"
    result = uploads.gradient(upload, reference, framing, 10)
    gradient = result.table[["deprivation_group", "group_label", "units", "population", "numerator", "denominator",
                             "value", "lowercl", "uppercl", "suppressed", "method"]]
    gradient = gradient.astype({"units": "Int64"})
    measures = result.measures.rename(columns={"measure": "group_label"}).assign(deprivation_group="all")
    _write_csv(table)
    print()
    _write_csv(pd.concat([gradient.assign(deprivation_group=gradient["deprivation_group"].astype(str)), measures],
                         ignore_index=True))
    print(f"note: {len(upload.data)} {upload.label} rows; {result.description}", file=sys.stderr)
    return 0


def _fail(message: str, status: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return status


def _database() -> Database:
    if is_stale():
        print("building the database (first run or data changed)...", file=sys.stderr)
        build()
    return open_database()


def _write_csv(frame: pd.DataFrame) -> None:
    try:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (e.g. `head`) closed the pipe: not an error
        sys.stdout = None  # type: ignore[assignment]


def _briefing(db: Database, icb: geography.Icb, args: argparse.Namespace) -> int:
    """Write one briefing per requested area; print each file's path on standard output."""
    from lsc_phm.reports import briefing, place_report
    from lsc_phm.views import place_profile

    codes = place_profile.briefing_place_codes(db, icb) if args.all_places else [args.area]
    if not args.all_places:
        place_profile.resolve_area(db, icb, args.area)  # unknown code: ValueError listing the valid ones
    for code in codes:
        path = briefing.write_briefing(place_report.build(db, icb, code), args.format, args.out)
        print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the process exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            if args.if_stale and not is_stale():
                print("database is up to date", file=sys.stderr)
                return 0
            seconds = build(progress=lambda fraction, step: print(f"[{fraction:4.0%}] {step}", file=sys.stderr))
            print(f"built {config.DATABASE_PATH} in {seconds:.1f} s", file=sys.stderr)
            return 0
        if args.command == "indicators":
            _write_csv(pd.DataFrame.from_records([i.as_record() for i in indicators.REGISTRY]))
            return 0
        db = _database()
        if args.command == "icbs":
            _write_csv(db.query("icb_list"))
            return 0
        vintage = args.imd
        icb = geography.resolve_icb(db, args.icb or config.configured_icb(), vintage)
        if args.command == "deprivation":
            frame = deprivation.summaries(db, icb, CLI_LEVELS[args.level], vintage)
            _write_csv(frame[list(deprivation.SUMMARY_COLUMNS)])
            sources = "; ".join(sorted(set(frame["summary_source"]) | set(frame["population_source"])))
            print(f"note: IMD {vintage} {args.level} figures: {sources}", file=sys.stderr)
            return 0
        if args.command == "table":
            level = CLI_LEVELS.get(args.level, args.level)
            available = indicator_data.availability(indicator_data.availability_table(db, icb), args.indicator_id) \
                if level not in ("pcn", "practice") else None
            if available is not None:
                if level not in available.levels:
                    levels = ", ".join(available.levels) or "none for this ICB and IMD vintage"
                    return _fail(f"indicator '{args.indicator_id}' has no values at level '{level}'; levels: {levels}")
                period = args.period or available.latest(level)
                if period not in available.periods(level):
                    return _fail(f"period '{period}' not available for '{args.indicator_id}' at level '{level}'; "
                                 f"periods: {', '.join(available.periods(level))}")
            else:
                period = args.period or "2024-25"
            frame = indicator_data.values(db, icb, args.indicator_id, level, period, confidence=args.confidence / 100)
            _write_csv(frame)
            return 0
        if args.command == "briefing":
            return _briefing(db, icb, args)
        if args.command == "upload":
            return _upload(db, icb, args)
    except ValueError as error:
        return _fail(str(error))
    except (BuildError, DatabaseError) as error:
        return _fail(str(error), 1)
    return _fail(f"unknown command {args.command}")
