"""Command line: python -m tracker {validate, events, index, coverage} … (the dashboard's work, no browser)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from tracker import export
from tracker.coverage import coverage_report
from tracker.filters import Filters, normalize_dyad, parse_day
from tracker.index import IndexParams, tension_index
from tracker.load import EventDataError, check_events, format_problems, read_events, read_raw
from tracker.paths import EVENTS_CSV
from tracker.schema import EVENT_TYPES


def _dyad(text: str) -> str:
    try:
        return normalize_dyad(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _day(text: str):
    try:
        return parse_day(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _event_type(text: str) -> str:
    if text not in EVENT_TYPES:
        raise argparse.ArgumentTypeError(f"unknown event type {text!r}; expected one of {', '.join(EVENT_TYPES)}")
    return text


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=EVENTS_CSV, metavar="FILE",
                        help="events CSV to use (default: the curated data/events.csv)")


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="first day (inclusive)")
    parser.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="last day (inclusive)")


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the CSV here (default: standard output)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check events files; exit 1 listing every problem")
    validate.add_argument("files", nargs="*", type=Path, metavar="FILE", help="events CSVs (default: data/events.csv)")

    events = commands.add_parser("events", help="the filtered events as CSV")
    _add_data(events)
    events.add_argument("--dyad", type=_dyad, help="e.g. AFG-PAK (either order)")
    _add_period(events)
    events.add_argument("--type", dest="types", type=_event_type, nargs="+", metavar="T", help="event types to keep")
    _add_out(events)

    index = commands.add_parser("index", help="the daily tension index as CSV (date, dyad, index, …)")
    _add_data(index)
    index.add_argument("--dyad", type=_dyad, required=True, help="e.g. AFG-PAK (either order)")
    _add_period(index)
    index.add_argument("--half-life", type=float, default=IndexParams().half_life_days, metavar="DAYS",
                       help="days after which an event counts half (default: %(default)s)")
    _add_out(index)

    coverage = commands.add_parser("coverage", help="events per year and type, and months with no event")
    _add_data(coverage)
    coverage.add_argument("--dyad", type=_dyad, help="one dyad only")
    return parser


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        failed = 0
        for path in args.files or [EVENTS_CSV]:
            if not path.exists():
                print(f"{path}: file not found", file=sys.stderr)
                failed = 1
                continue
            raw, read_problems = read_raw(path, str(path))
            events, problems = check_events(raw, str(path), read_problems)
            for line in format_problems(problems):
                print(line)
            print(f"{path}: {len(events)} valid events, {len(problems)} problem(s)", file=sys.stderr)
            failed |= not problems.empty
        return failed
    try:
        events = read_events(args.data, str(args.data))
    except FileNotFoundError:
        print(f"{args.data}: file not found", file=sys.stderr)
        return 1
    except EventDataError as error:
        print("\n".join(format_problems(error.problems)), file=sys.stderr)
        print(f"{args.data}: invalid; fix the problems above (python -m tracker validate {args.data})", file=sys.stderr)
        return 1
    if args.command == "events":
        filters = Filters(dyad=args.dyad, start=args.start, end=args.end, event_types=tuple(args.types or ()))
        _write(export.events_csv(filters.apply(events)), args.out)
    elif args.command == "index":
        params = IndexParams(half_life_days=args.half_life)
        in_dyad = Filters(dyad=args.dyad).apply(events)
        if in_dyad.empty:
            print(f"no events for dyad {args.dyad} in {args.data}", file=sys.stderr)
            return 1
        end = pd.Timestamp(args.end) if args.end else None
        _write(export.index_csv(tension_index(in_dyad, params, start=args.start, end=end), params), args.out)
    elif args.command == "coverage":
        print(coverage_report(events, args.dyad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
