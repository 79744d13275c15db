"""Command line (命令行): ``ingest FILE --ref-date`` and ``bench extract --corpus DIR``.

Exit codes: 0 ok, 1 a score under its floor, 2 usage or input error (the
message says what to do). ``--json`` writes one JSON object to stdout.

The language-model assist is read from ``DUBAN_LLM_*`` in the environment
when a command runs (never at import): ``ingest --assist`` merges the model's
tasks in (falling back to the rules with a warning if the model fails);
``bench extract`` scores the rules+model path beside the rules-only one
whenever ``DUBAN_LLM_URL`` is set (``--no-assist`` skips it, ``--assist``
requires it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from duban_extract.assist.client import ENV_URL, AssistError, ChatClient, client_from_env
from duban_extract.bench import CorpusError, below_floor, render_table, run_assisted, run_bench, with_assist
from duban_extract.clean import clean_document
from duban_extract.explain import explain_extraction
from duban_extract.load import LoadError, load_document
from duban_extract.pipeline import MissingReferenceDateError, extract_document
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
    ingest.add_argument(
        "--explain", action="store_true", help="also print which rules fired for times, owners and indicators"
    )
    ingest.add_argument(
        "--assist", action="store_true", help=f"also ask the language model configured by {ENV_URL}"
    )
    bench = sub.add_parser("bench", help="benchmarks")
    bench_sub = bench.add_subparsers(dest="bench_command", required=True)
    bench_extract = bench_sub.add_parser("extract", help="score the extractor against a gold corpus")
    bench_extract.add_argument("--corpus", type=Path, required=True, help="folder with docs/ and gold/")
    bench_extract.add_argument("--json", action="store_true")
    bench_extract.add_argument("--floor", type=Path, help="JSON of minimum scores; exit 1 if one is missed")
    bench_extract.add_argument("--no-speed", action="store_true", help="skip the timing passes")
    assist = bench_extract.add_mutually_exclusive_group()
    assist.add_argument(
        "--assist", action="store_true", help=f"require the rules+model scores ({ENV_URL} must be set)"
    )
    assist.add_argument("--no-assist", action="store_true", help=f"rules only, even when {ENV_URL} is set")
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
    client = _client(required=True) if args.assist else None
    try:
        loaded = load_document(args.file)
        result = extract_document(clean_document(loaded.text), ref_date=args.ref_date, units=units)
    except LoadError as error:
        raise UsageError(error.message) from error
    except MissingReferenceDateError as error:
        raise UsageError(f"{args.file}: {error}") from error
    if client is not None:
        from duban_extract.assist import assist_extraction

        try:
            result = assist_extraction(result, client)
        except AssistError as error:
            warning = f"{error}; the draft is from the rules alone"
            print(f"warning: {warning}", file=sys.stderr)
            result = replace(result, warnings=(*result.warnings, warning))
    data = extraction_json(result)
    if args.json and args.explain:
        data["explain"] = explain_extraction(result).splitlines()
    print(json.dumps(data, ensure_ascii=False) if args.json else _summary(data))
    if args.explain and not args.json:
        print(explain_extraction(result))
    return EXIT_OK


def _client(*, required: bool) -> ChatClient | None:
    """The configured model client; None when off (a usage error if ``required``)."""
    try:
        client = client_from_env()
    except AssistError as error:
        raise UsageError(str(error)) from error
    if client is None and required:
        raise UsageError(
            f"--assist needs a language model: set {ENV_URL} to an OpenAI-compatible API "
            "(e.g. http://10.0.0.5:8000/v1), and DUBAN_LLM_MODEL / DUBAN_LLM_API_KEY if it wants them"
        )
    return client


def _bench(args: argparse.Namespace) -> int:
    client = None if args.no_assist else _client(required=args.assist)
    try:
        result = run_bench(args.corpus, with_speed=not args.no_speed)
        assisted = run_assisted(args.corpus, client) if client is not None else None
    except CorpusError as error:
        raise UsageError(str(error)) from error
    except AssistError as error:
        hint = "the rules+model path could not be scored (--no-assist skips it)"
        raise UsageError(f"{error}; {hint}") from error
    note = ""
    if client is None:
        note = (
            "language-model assist: skipped (--no-assist)"
            if args.no_assist
            else f"language-model assist: not configured ({ENV_URL} is empty); rules only"
        )
    data = with_assist(result.as_json(), assisted, note)
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
