"""Command line (命令行): ``ingest FILE --ref-date`` and ``bench extract --corpus DIR``.

Exit codes: 0 ok, 1 a score under its floor, 2 usage or input error (the
message says what to do). ``--json`` writes one JSON object to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from duban_extract.bench import CorpusError, below_floor, render_table, run_bench
from duban_extract.load import LoadError, load_document
from duban_extract.pipeline import MissingReferenceDateError, extract
from duban_extract.serialize import extraction_json

EXIT_OK, EXIT_FLOOR, EXIT_USAGE = 0, 1, 2


class UsageError(ValueError):
    """Bad arguments or input; the message says what to do."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="duban", description="Document extraction (文件智能分解)")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="extract a draft ledger from a document")
    ingest.add_argument("file", type=Path)
    ingest.add_argument(
        "--ref-date", type=_date, help="reference date YYYY-MM-DD (required if the document has none)"
    )
    ingest.add_argument("--json", action="store_true", help="write JSON to stdout")
    ingest.add_argument("--units", type=Path, help="file with one unit name per line (the registry)")
    bench = sub.add_parser("bench", help="benchmarks")
    bench_sub = bench.add_subparsers(dest="bench_command", required=True)
    bench_extract = bench_sub.add_parser("extract", help="score the extractor against a gold corpus")
    bench_extract.add_argument("--corpus", type=Path, required=True, help="folder with docs/ and gold/")
    bench_extract.add_argument("--json", action="store_true")
    bench_extract.add_argument("--floor", type=Path, help="JSON of minimum scores; exit 1 if one is missed")
    bench_extract.add_argument("--no-speed", action="store_true", help="skip the timing passes")
    return parser


def _summary(data: dict[str, Any]) -> str:
    meta = data["meta"]
    lines = [
        f"title: {meta['title']}",
        f"source: {meta['source']}  published: {meta['published']}",
        f"reference date: {data['ref_date']} (from the {data['ref_date_source']})",
    ]
    lines += [f"warning: {w}" for w in data["warnings"]]
    lines.append(f"dropped {len(data['clean']['dropped'])} pieces of page furniture")
    lines.append(f"tasks ({len(data['tasks'])}):")
    for index, task in enumerate(data["tasks"], 1):
        extra = "  ".join(f"{k}={task[k]}" for k in ("deadline", "owner", "section", "status") if task.get(k))
        lines.append(f"  {index:>3}. {task['text']}" + (f"   [{extra}]" if extra else ""))
    lines.append("times: " + "; ".join(f"{t['text']}={t['value']}" for t in data["times"]))
    lines.append("people: " + "; ".join(f"{p['title']} {p['name']}" for p in data["people"]))
    lines.append(
        f"problems: {len(data['problems'])}  indicators: {len(data['indicators'])}  "
        f"quantities: {len(data['quantities'])}"
    )
    return "\n".join(lines)


def _ingest(args: argparse.Namespace) -> int:
    units: list[str] = []
    if args.units:
        try:
            units = [u.strip() for u in args.units.read_text(encoding="utf-8").splitlines() if u.strip()]
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(
                f"{args.units}: cannot read the unit list ({error}); give a UTF-8 text file"
            ) from error
    try:
        loaded = load_document(args.file)
        result = extract(loaded.text, ref_date=args.ref_date, units=units)
    except LoadError as error:
        raise UsageError(error.message) from error
    except MissingReferenceDateError as error:
        raise UsageError(f"{args.file}: {error}") from error
    data = extraction_json(result)
    print(json.dumps(data, ensure_ascii=False) if args.json else _summary(data))
    return EXIT_OK


def _bench(args: argparse.Namespace) -> int:
    try:
        result = run_bench(args.corpus, with_speed=not args.no_speed)
    except CorpusError as error:
        raise UsageError(str(error)) from error
    data = result.as_json()
    failures: list[str] = []
    if args.floor:
        try:
            floor = json.loads(args.floor.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise UsageError(f"{args.floor}: cannot read the floor file ({error})") from error
        failures = below_floor(data, floor)
        data["below_floor"] = failures
    print(json.dumps(data, ensure_ascii=False) if args.json else render_table(data))
    for failure in failures if not args.json else []:
        print(f"below floor: {failure}", file=sys.stderr)
    return EXIT_FLOOR if failures else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ingest`` or ``bench extract``; return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
    try:
        if args.command == "ingest":
            return _ingest(args)
        return _bench(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
