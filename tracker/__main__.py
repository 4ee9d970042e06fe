"""Command line: python -m tracker {validate, events, index, coverage} … (the dashboard's work, no browser)."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

import pandas as pd

from tracker import export
from tracker.coverage import coverage_report
from tracker.filters import Filters, normalize_dyad, parse_day
from tracker.index import HALF_LIFE_RANGE, WEIGHT_RANGE, IndexParams
from tracker.cache import checked_events
from tracker.index import INDEX_COLUMNS
from tracker.problems import format_problems
from tracker.paths import EVENTS_CSV, ROOT
from tracker.safe_io import replacing, safe_csv, write_atomic
from tracker.schema import EVENT_TYPES
from tracker.selector import METHODS, SELECTOR_CSV
from tracker.view import View


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


# The event columns each command reads (None: all). A file is checked whole, once (tracker.cache);
# a command then reads only what it uses.
COLUMNS_READ = {"index": INDEX_COLUMNS, "net": INDEX_COLUMNS, "what-moved": [*INDEX_COLUMNS, "event_id", "summary"],
                "coverage": ["date", "dyad", "event_type"]}


def _half_life(text: str) -> float:
    low, high = HALF_LIFE_RANGE
    try:
        days = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of days") from None
    if not low <= days <= high:  # nan and infinities fail too
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is outside the method's range, {low:g} to {high:g} days")
    return days


def _count(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} must be 1 or more")
    return number


def _out(text: str) -> Path:
    """An output file, not a folder, in a folder that exists and is writable."""
    if Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder; give a file name in it")
    return _in_writable_folder(Path(text))


def _out_folder(text: str) -> Path:
    """A folder to create (or replace with --force), in a folder that exists and is writable."""
    if Path(text).exists() and not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    return _in_writable_folder(Path(text))


def _in_writable_folder(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"folder {folder} is not writable")
    return path


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line (no usage block), exit code 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message}\n")


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=EVENTS_CSV, metavar="FILE",
                        help="events file to use, CSV or Parquet (default: the curated data/events.csv)")


def _add_dyad(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--dyad", type=_dyad, required=required, help="e.g. AFG-PAK (either order)")


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="first day (inclusive)")
    parser.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="last day (inclusive)")


def _add_method(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--half-life", type=_half_life, default=IndexParams().half_life_days, metavar="DAYS",
                        help=f"days after which an event counts half, {HALF_LIFE_RANGE[0]:g} to {HALF_LIFE_RANGE[1]:g} "
                        "(default: %(default)s)")
    parser.add_argument("--weights", type=Path, metavar="FILE",
                        help="CSV with columns event_type,weight overriding the published weights")


def _params(args) -> IndexParams:
    """The method's parameters from --half-life and --weights (raises ValueError naming the problem)."""
    weights = IndexParams().weights
    if args.weights:
        weights = {**weights, **read_weights(args.weights)}
    return IndexParams(half_life_days=args.half_life, weights=weights)


def read_weights(path: Path) -> dict[str, float]:
    """event_type -> weight from a CSV with those two columns; every row a known type and a finite
    weight within the method's range, or ValueError naming file, row and field."""
    if not path.is_file():
        raise ValueError(f"--weights {path}: file not found" if not path.exists() else f"--weights {path}: is a folder")
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (UnicodeDecodeError, csv.Error) as error:
        raise ValueError(f"--weights {path}: cannot be read as CSV ({error})") from None
    if not rows or not {"event_type", "weight"} <= set(rows[0]):
        raise ValueError(f"--weights {path}: needs the columns event_type,weight")
    low, high = WEIGHT_RANGE
    weights = {}
    for number, row in enumerate(rows, start=2):
        event_type, text = (row.get("event_type") or "").strip(), (row.get("weight") or "").strip()
        if event_type not in EVENT_TYPES:
            raise ValueError(f"{path}:{number}: event_type: {event_type[:40]!r} is not an event type of data/codebook.csv")
        try:
            weight = float(text)
        except ValueError:
            raise ValueError(f"{path}:{number}: weight: {text[:40]!r} is not a number") from None
        if not low <= weight <= high:
            raise ValueError(f"{path}:{number}: weight: {text[:40]!r} is outside the method's range, {low:g} to {high:g}")
        weights[event_type] = weight
    return weights


def _add_method_of_extraction(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--method", choices=METHODS, default="learned",
                        help="learned: the selector weighs every lexicon hit (default); rules: the hand-written filters")


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=_out, metavar="FILE", help="write the CSV here (default: standard output)")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m tracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

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
    moved.add_argument("--top", type=_count, default=10, help="events to list (default: %(default)s)")
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
    brief.add_argument("--out", type=_out_folder, required=True, metavar="DIR", help="folder to create")
    brief.add_argument("--force", action="store_true", help="replace DIR if it exists")
    brief.add_argument("--no-pdf", action="store_true", help="skip the PDF")

    imported = commands.add_parser("import", help="events from your own file, or from GDELT or ACLED exports")
    sources = imported.add_subparsers(dest="source", required=True)
    own = sources.add_parser("csv", help="your own events file (Excel's CSV, any encoding or delimiter): its valid "
                             "events in the standard form")
    own.add_argument("files", nargs=1, type=Path, metavar="FILE")
    own.add_argument("--rejected", type=Path, metavar="FILE",
                     help="also write the rejected rows as you wrote them, with their problems, to fix and import again")
    gdelt = sources.add_parser("gdelt", help="GDELT 2.0 event exports (.CSV, .zip) or a BigQuery result CSV")
    gdelt.add_argument("files", nargs="*", type=Path, metavar="FILE")
    gdelt.add_argument("--parquet", type=Path, metavar="PATH",
                       help="instead of FILEs: a Parquet file or folder in the public table's columns, filtered by DuckDB")
    gdelt.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="with --parquet: first day")
    gdelt.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="with --parquet: last day")
    gdelt.add_argument("--goldstein", type=Path, metavar="FILE", help="also write the daily Goldstein series (CSV)")
    acled = sources.add_parser("acled", help="an ACLED CSV export")
    acled.add_argument("files", nargs=1, type=Path, metavar="FILE")
    ucdp = sources.add_parser("ucdp", help="a UCDP GED CSV (Georeferenced Event Dataset)")
    ucdp.add_argument("files", nargs=1, type=Path, metavar="FILE")
    for source in (gdelt, acled, ucdp):
        _add_dyad(source)
        source.add_argument("--keep-unmapped", action="store_true", help="keep rows with no tracker type (won't validate)")
        source.add_argument("--extras", action="store_true",
                            help="also write origin, goldstein, num_mentions, avg_tone, cameo_code")
    for source in (own, gdelt, acled, ucdp):
        source.add_argument("--out", type=_out, required=True, metavar="FILE", help="output: .csv (or .parquet)")
        source.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    sql = commands.add_parser("gdelt-sql", help="the BigQuery SQL that extracts a dyad's GDELT events")
    _add_dyad(sql)
    sql.add_argument("--from", dest="start", type=_day, required=True, metavar="YYYY-MM-DD", help="first day")
    sql.add_argument("--to", dest="end", type=_day, required=True, metavar="YYYY-MM-DD", help="last day")

    synth = commands.add_parser("synth", help="a realistic synthetic event set, for benchmarks")
    synth.add_argument("--events", type=_count, required=True, metavar="N", help="how many events")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    synth.add_argument("--out", type=_out, required=True, metavar="FILE", help=".csv or .parquet")
    synth.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    bench = commands.add_parser("bench", help="time and measure the core against a naive baseline")
    bench.add_argument("--sizes", type=_count, nargs="+", default=[10_000, 100_000], metavar="N",
                       help="numbers of synthetic events (default: %(default)s)")

    extract = commands.add_parser("extract", help="candidate events from a news article (saved web page or text)")
    extract.add_argument("article", type=Path, metavar="ARTICLE", help="a saved web page (.html) or plain text; - reads stdin")
    extract.add_argument("--url", help="the article's address (default: the page's canonical URL)")
    extract.add_argument("--dyad", type=_dyad, help="keep only this dyad's events, e.g. AFG-PAK")
    extract.add_argument("--published", type=_day, metavar="YYYY-MM-DD", help="publication date (default: the page's)")
    extract.add_argument("--outlet", help="publisher (default: the page's site name)")
    _add_method_of_extraction(extract)
    _add_out(extract)
    evaluation = commands.add_parser("extract-eval", help="precision and recall of `extract` on the gold set (tests/fixtures/articles)")
    _add_method_of_extraction(evaluation)
    evaluation.add_argument("--cross-validate", action="store_true",
                            help="also score each held-out set with a selector trained on every other article")
    train = commands.add_parser("extract-train", help="train the learned selector on the gold set and write its weights")
    train.add_argument("--out", type=Path, default=SELECTOR_CSV, metavar="FILE",
                       help="weight table (default: data/selector.csv, replaced)")
    add = commands.add_parser("add", help="append reviewed candidate events to an events file (all rows valid, or none)")
    add.add_argument("candidates", type=Path, metavar="FILE", help="candidates CSV (from extract or the dashboard)")
    add.add_argument("--to", type=Path, default=EVENTS_CSV, metavar="FILE", help="events file (default: data/events.csv)")

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
    from tracker.brief import BriefError, brief_files, write_brief

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
    except (FileExistsError, ValueError) as error:  # an existing --out without --force; a bad --weights file
        print(str(error).splitlines()[0] if str(error) else type(error).__name__, file=sys.stderr)
        return 1
    except OSError as error:  # a file that cannot be read or written: one line naming it
        print(f"{error.filename or ''}: {error.strerror or error}".lstrip(": "), file=sys.stderr)
        return 1


def _without_data(args) -> int:
    """Commands that do not read the curated events file."""
    from tracker.columnar import write_events

    if args.command == "gdelt-sql":
        from tracker.gdelt_sql import gdelt_sql
        sys.stdout.write(gdelt_sql(args.dyad, args.start, args.end))
        return 0
    if args.command == "synth":
        from tracker.synth import synthetic_events
        with replacing(args.out, args.force) as temporary:
            write_events(synthetic_events(args.events, seed=args.seed), temporary)
        print(f"wrote {args.events:,} synthetic events to {args.out}", file=sys.stderr)
        return 0
    if args.command == "bench":
        import runpy
        return runpy.run_path(str(ROOT / "bench" / "bench.py"))["main"](["--sizes", *map(str, args.sizes)])
    if args.source == "gdelt" and bool(args.files) == bool(args.parquet):
        print("python -m tracker import gdelt: give export FILEs or --parquet PATH (one of the two)", file=sys.stderr)
        return 2
    missing = [p for p in [*args.files, *([args.parquet] if getattr(args, "parquet", None) else [])] if not p.exists()]
    if missing:
        print("\n".join(f"{p}: file not found" for p in missing), file=sys.stderr)
        return 1
    if args.out.exists() and not args.force:
        raise FileExistsError(f"{args.out} already exists; use --force to overwrite it")
    if args.source == "csv":
        return _import_own(args)
    from tracker.acled import read_acled
    from tracker.gdelt import gdelt_goldstein_series, read_gdelt, read_gdelt_parquet
    from tracker.importing import EXTRA_COLUMNS
    from tracker.ucdp import read_ucdp
    if args.source == "gdelt":
        result = (read_gdelt_parquet(args.parquet, args.dyad, args.start, args.end) if args.parquet
                  else read_gdelt(args.files, args.dyad))
    else:
        result = {"acled": read_acled, "ucdp": read_ucdp}[args.source](args.files[0], args.dyad)
    for line in format_problems(result.problems):
        print(line, file=sys.stderr)
    events = result.events if args.keep_unmapped else result.events.dropna(subset=["event_type"])
    with replacing(args.out, args.force) as temporary:
        write_events(events, temporary, extra_columns=list(EXTRA_COLUMNS) if args.extras else ())
    if args.source == "gdelt" and args.goldstein:
        _write(safe_csv(gdelt_goldstein_series(result.events).assign(date=lambda t: t["date"].dt.strftime("%Y-%m-%d"))),
               args.goldstein, args.force)
    print(f"{result.describe()}; wrote {len(events):,} to {args.out}", file=sys.stderr)
    return 1 if not result.problems.empty else 0


def _import_own(args) -> int:
    """Read a user's file as the dashboard's upload does; write the valid events in the standard form."""
    from tracker.upload import UploadError, read_upload, rejected_rows_csv

    path = args.files[0]
    try:
        result = read_upload(path.read_bytes(), str(path))
    except UploadError as error:
        print(str(error), file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"{path}: note: {note}", file=sys.stderr)
    for line in format_problems(result.problems):
        print(line, file=sys.stderr)
    _write(export.events_csv(result.events), args.out, args.force)
    if args.rejected and result.rows_rejected:
        _write(rejected_rows_csv(result.text, result.problems), args.rejected, args.force)
    print(f"{path}: {result.rows_read} rows read, {result.rows_accepted} accepted, {result.rows_rejected} rejected",
          file=sys.stderr)
    return int(result.rows_rejected > 0 or not result.problems.empty)


def _coding(args) -> int:
    """Assisted coding: extract candidates from an article, measure the rules, add reviewed rows."""
    from tracker import coding, extract, selector

    if args.command == "extract-train":
        articles = extract.gold_articles()
        token_lists, labels = extract.training_hits(articles)
        table = selector.train(token_lists, labels)
        write_atomic(args.out, table.to_csv(index=False, lineterminator="\n"), force=True)
        print(f"wrote {args.out}: {len(table) - 1} token weights from {len(labels)} hits of {len(articles)} gold articles "
              f"({sum(labels)} of them events)", file=sys.stderr)
        return 0
    if args.command == "extract-eval":
        articles = extract.gold_articles()
        extracted = extract.extracted(articles, args.method)  # each article extracted once, scored in every view
        print(f"# method: {args.method}")
        for split in [*sorted({a.get("split", "") for a in articles}), None]:
            chosen = [a for a in articles if split is None or a.get("split") == split]
            print(f"## {split or 'all'} articles ({len(chosen)})")
            print(extract.evaluate(chosen, coded=extracted).to_string(index=False))
        strict = extract.evaluate(articles, coded=extracted, by_month=False).set_index("measure")["percent"]
        print(f"## all articles, strict matcher (a date known only to its month held to its 1st, within two days): "
              f"precision {strict['events: precision']}%, recall {strict['events: recall']}%")
        second = extract.second_coding()
        if second:  # the same measure between two people: what agreement the task allows
            coded_twice = [a for a in articles if a["id"] in second]
            print(f"## a second coder against the gold set, same articles ({len(coded_twice)}): human agreement")
            print(extract.evaluate(coded_twice, coded=second).to_string(index=False))
            print(f"## the extractor on those articles ({len(coded_twice)})")
            print(extract.evaluate(coded_twice, coded=extracted).to_string(index=False))
        if args.cross_validate:  # the learned method on articles it was not trained on
            sets = extract.held_out_sets(articles)
            held = [a for a in articles if a.get("split") in sets]
            print(f"## learned, cross-validated: each of {len(sets)} held-out sets "
                  f"({len(held)} articles) scored by a selector trained on every other article")
            print(extract.evaluate(held, coded=extract.cross_validated(articles)).to_string(index=False))
        return 0
    if args.command == "add":
        try:
            added = coding.add_candidates(args.candidates, args.to)
        except coding.AddError as error:
            print("\n".join(error.lines), file=sys.stderr)
            print(f"{args.to}: unchanged", file=sys.stderr)
            return 1
        print(f"added {len(added)} event(s) to {args.to}: {', '.join(added)}", file=sys.stderr)
        return 0
    source = sys.stdin.buffer.read() if str(args.article) == "-" else None
    if source is None and not args.article.is_file():
        print(f"{args.article}: file not found", file=sys.stderr)
        return 1
    try:
        article = extract.read_article(source if source is not None else args.article.read_bytes(), str(args.article),
                                       url=args.url, published=args.published, outlet=args.outlet)
    except extract.ArticleError as error:
        print(str(error), file=sys.stderr)
        return 1
    for note in article.notes:
        print(f"{args.article}: note: {note}", file=sys.stderr)
    candidates = extract.extract_events(article, dyad=args.dyad, method=args.method)
    _write(safe_csv(candidates), args.out, args.force)
    print(f"{args.article}: {len(candidates)} candidate event(s)" + ("" if len(candidates) else
          " (no bilateral event of the tracker's types found)"), file=sys.stderr)
    return 0


def _run(args) -> int:
    if args.command in ("import", "gdelt-sql", "synth", "bench"):
        return _without_data(args)
    if args.command in ("extract", "extract-eval", "extract-train", "add"):
        return _coding(args)
    if args.command == "validate":
        failed = 0
        for path in args.files or [EVENTS_CSV]:
            events, problems = checked_events(path, str(path), columns=[])
            for line in format_problems(problems):
                print(line)
            print(f"{path}: {len(events)} valid events, {len(problems)} problem(s)", file=sys.stderr)
            failed |= not problems.empty
        return failed
    if hasattr(args, "half_life"):
        _params(args)  # a bad --weights file is reported before the data are read
    events, problems = checked_events(args.data, str(args.data), columns=COLUMNS_READ.get(args.command))
    if not problems.empty:
        print("\n".join(format_problems(problems)), file=sys.stderr)
        if (problems["row"] > 0).any():
            print(f"{args.data}: invalid; fix the problems above (python -m tracker validate {args.data})", file=sys.stderr)
        return 1
    if args.command == "events":
        filters = Filters(dyad=args.dyad, start=args.start, end=args.end, event_types=tuple(args.types or ()))
        _write(export.events_csv(filters.apply(events)), args.out, args.force)
    elif args.command == "brief":
        return _brief(args, events)
    elif args.command in ("index", "what-moved", "net"):
        in_dyad = Filters(dyad=args.dyad).apply(events)
        if in_dyad.empty:
            print(f"no events for dyad {args.dyad} in {args.data}", file=sys.stderr)
            return 1
        view = View.build(in_dyad, Filters(dyad=args.dyad, start=args.start, end=args.end), _params(args))
        if args.command == "index":
            _write(view.index_csv(band=args.band, by_type=args.by_type), args.out, args.force)
        elif args.command == "what-moved":
            moved = view.what_moved(top=args.top)
            _write(safe_csv(moved.assign(change=moved["change"].round(3))), args.out, args.force)
        else:
            monthly = view.monthly_net()
            monthly = monthly.assign(month=monthly["month"].dt.strftime("%Y-%m")).round({"conflict": 3, "cooperation": 3, "net": 3})
            _write(safe_csv(monthly), args.out, args.force)
    elif args.command == "coverage":
        print(coverage_report(events, args.dyad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
