"""Command line: python -m tracker {validate, events, index, coverage} … (the dashboard's work, no browser)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from tracker import export
from tracker.coverage import coverage_report
from tracker.filters import Filters, normalize_dyad, parse_day
from tracker.index import IndexParams, decayed_by_type, monthly_net, sensitivity_band, tension_index, what_moved
from tracker.load import EventDataError, check_events, format_problems, read_events, read_raw
from tracker.paths import EVENTS_CSV
from tracker.safe_io import safe_csv, write_atomic
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


def _add_dyad(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--dyad", type=_dyad, required=required, help="e.g. AFG-PAK (either order)")


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="first day (inclusive)")
    parser.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="last day (inclusive)")


def _add_method(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--half-life", type=float, default=IndexParams().half_life_days, metavar="DAYS",
                        help="days after which an event counts half (default: %(default)s)")
    parser.add_argument("--weights", type=Path, metavar="FILE",
                        help="CSV with columns event_type,weight overriding the published weights")


def _params(args) -> IndexParams:
    """The method's parameters from --half-life and --weights (raises ValueError when invalid)."""
    weights = IndexParams().weights
    if args.weights:
        table = pd.read_csv(args.weights)
        missing = {"event_type", "weight"} - set(table.columns)
        if missing:
            raise ValueError(f"{args.weights}: missing column(s) {', '.join(sorted(missing))}")
        weights = {**weights, **dict(zip(table["event_type"], table["weight"].astype(float)))}
    return IndexParams(half_life_days=args.half_life, weights=weights)


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the CSV here (default: standard output)")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check events files; exit 1 listing every problem")
    validate.add_argument("files", nargs="*", type=Path, metavar="FILE", help="events CSVs (default: data/events.csv)")

    events = commands.add_parser("events", help="the filtered events as CSV")
    _add_data(events)
    _add_dyad(events, required=False)
    _add_period(events)
    events.add_argument("--type", dest="types", type=_event_type, nargs="+", metavar="T", help="event types to keep")
    _add_out(events)

    index = commands.add_parser("index", help="the daily tension index as CSV (date, dyad, index, …)")
    _add_data(index)
    _add_dyad(index)
    _add_period(index)
    _add_method(index)
    index.add_argument("--band", action="store_true",
                       help="add columns low and high: the sensitivity band (half-life 15-60 days, weights ±25%%)")
    index.add_argument("--by-type", action="store_true", help="add one column per event type: its share of the score")
    _add_out(index)

    moved = commands.add_parser("what-moved", help="the events that moved the index between two days")
    _add_data(moved)
    _add_dyad(moved)
    moved.add_argument("--from", dest="start", type=_day, required=True, metavar="YYYY-MM-DD", help="first day")
    moved.add_argument("--to", dest="end", type=_day, required=True, metavar="YYYY-MM-DD", help="last day")
    moved.add_argument("--top", type=int, default=10, help="events to list (default: %(default)s)")
    _add_method(moved)
    _add_out(moved)

    net = commands.add_parser("net", help="monthly net conflict-cooperation (sum of signed event weights)")
    _add_data(net)
    _add_dyad(net)
    _add_period(net)
    _add_method(net)
    _add_out(net)

    brief = commands.add_parser("brief", help="a briefing pack: chart images, CSVs, metadata, a one-page brief (HTML, PDF)")
    _add_data(brief)
    _add_dyad(brief)
    _add_period(brief)
    brief.add_argument("--type", dest="types", type=_event_type, nargs="+", metavar="T", help="event types to keep")
    _add_method(brief)
    brief.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to create")
    brief.add_argument("--force", action="store_true", help="replace DIR if it exists")
    brief.add_argument("--no-pdf", action="store_true", help="skip the PDF")

    coverage = commands.add_parser("coverage", help="events per year and type, and months with no event")
    _add_data(coverage)
    _add_dyad(coverage, required=False)
    return parser


def _write(text: str, out: Path | None, force: bool = False) -> None:
    """To standard output, or to `out` atomically (a temporary file, then renamed); an existing
    file is replaced only with --force (raises FileExistsError otherwise)."""
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text, force=force)
        print(f"wrote {out}", file=sys.stderr)


def _brief(args, events: pd.DataFrame) -> int:
    from tracker.brief import BriefError, View, brief_files, write_brief

    if args.out.exists() and not args.force:
        print(f"{args.out} exists; use --force to replace it", file=sys.stderr)
        return 1
    try:
        params = _params(args)
        filters = Filters(dyad=args.dyad, start=args.start, end=args.end, event_types=tuple(args.types or ()))
        files = brief_files(View.build(events, filters, params), with_pdf=not args.no_pdf)
        write_brief(files, args.out, force=args.force)
    except (BriefError, ValueError, FileExistsError) as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"wrote {len(files)} files to {args.out}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except FileExistsError as error:
        print(str(error), file=sys.stderr)
        return 1


def _run(args) -> int:
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
        _write(export.events_csv(filters.apply(events)), args.out, args.force)
    elif args.command == "brief":
        return _brief(args, events)
    elif args.command in ("index", "what-moved", "net"):
        try:
            params = _params(args)
        except (ValueError, OSError) as error:
            print(f"invalid method parameters: {error}", file=sys.stderr)
            return 1
        in_dyad = Filters(dyad=args.dyad).apply(events)
        if in_dyad.empty:
            print(f"no events for dyad {args.dyad} in {args.data}", file=sys.stderr)
            return 1
        end = pd.Timestamp(args.end) if args.end else None
        if args.command == "index":
            index_df = tension_index(in_dyad, params, start=args.start, end=end)
            if args.band:
                index_df = index_df.merge(sensitivity_band(in_dyad, params, start=args.start, end=end), on=["date", "dyad"])
            if args.by_type:
                shares = decayed_by_type(in_dyad, params, end=end).add_prefix("type_")
                index_df = index_df.merge(shares, left_on="date", right_index=True)
            _write(export.index_csv(index_df, params), args.out, args.force)
        elif args.command == "what-moved":
            moved = what_moved(in_dyad, params, start=args.start, end=args.end, top=args.top)
            _write(safe_csv(moved.assign(change=moved["change"].round(3))), args.out, args.force)
        else:
            monthly = monthly_net(Filters(start=args.start, end=args.end).apply(in_dyad), params)
            monthly = monthly.assign(month=monthly["month"].dt.strftime("%Y-%m")).round({"conflict": 3, "cooperation": 3, "net": 3})
            _write(safe_csv(monthly), args.out, args.force)
    elif args.command == "coverage":
        print(coverage_report(events, args.dyad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
