"""Command line: `territory-map build | extract | eval` (also `python -m mapping`).

A thin layer: it parses arguments, calls the pipeline, writes files and sets the exit
code. Exit codes: 0 every seed built; 3 some seeds were skipped (the map is still
written from the others); 4 nothing could be built; 5 geodata missing or damaged;
6 the output folder cannot be written (nothing in it changed); 2 bad command-line usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .errors import AssetsMissing, ExitCode, GeodataError, OutputError, RulesError, SeedError
from .model import BuildStats
from .seeds import SeedProblem


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="territory-map",
        description=("Read news articles about a conflict and map who controls what."),
    )
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser(
        "build", help="build map.html, provinces.geojson, mentions.csv and the other outputs"
    )
    b.add_argument(
        "--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)"
    )
    b.add_argument(
        "--out", type=Path, default=Path("output"), help="output folder (default: output)"
    )
    b.add_argument(
        "--tiles",
        default="OpenStreetMap",
        help="basemap tiles, or 'none' for no basemap (default: OpenStreetMap)",
    )
    b.add_argument(
        "--cdn",
        action="store_true",
        help="link Leaflet from a CDN instead of inlining it (map.html then needs "
        "the network; the default map needs none)",
    )
    b.add_argument(
        "--self-contained",
        action="store_true",
        help="inline every script and stylesheet (the default; kept for old scripts)",
    )
    b.add_argument("--png", action="store_true", help="also save output/map.png (needs chromium)")
    b.add_argument("--strict", action="store_true", help="stop at the first bad seed")
    b.add_argument("--quiet", action="store_true", help="no summary table")
    b.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="extraction cache folder (default: OUT/.cache); unchanged seeds are not re-read",
    )
    b.add_argument("--no-cache", action="store_true", help="re-read every seed")
    e = sub.add_parser("extract", help="print the mentions and statuses of seed files")
    e.add_argument("paths", nargs="+", type=Path, help="seed files or folders")
    e.add_argument("--json", action="store_true", help="machine-readable JSON on stdout")
    v = sub.add_parser("eval", help="score the extraction on a labelled JSONL file")
    v.add_argument("file", type=Path, help="labelled passages, one JSON object per line")
    v.add_argument("--no-baseline", action="store_true", help="skip the geotext baseline")
    v.add_argument(
        "--capitals",
        type=Path,
        default=None,
        help="CSV capital,province,fell_on: date each capital's first reported fall",
    )
    v.add_argument(
        "--rules",
        type=Path,
        action="append",
        default=None,
        help="score with this lexicon instead of the package's (repeat to compare several)",
    )
    v.add_argument(
        "--errors",
        action="store_true",
        help="also print each passage whose province statuses are wrong",
    )
    return ap


def _problem_lines(problems: list[SeedProblem]) -> None:
    """One line per problem: "skipped: FILE: why" or "note: FILE: remark"."""
    for p in problems:
        line = str(p).removesuffix("; skipped")
        print(f"{'skipped' if p.fatal else 'note'}: {line}", file=sys.stderr)


def cmd_build(args) -> int:
    from . import outputs
    from .mapview import render_html
    from .pipeline import build

    if args.cdn and args.self_contained:
        print("error: --cdn and --self-contained contradict each other", file=sys.stderr)
        return ExitCode.USAGE
    t0 = time.perf_counter()
    try:
        cache = None if args.no_cache else (args.cache or args.out / ".cache")
        result = build(
            args.seeds, cache_dir=cache, progress=True, strict=args.strict, one_shot=True
        )
    except SeedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.NOTHING
    _problem_lines(result.problems)
    if args.strict and result.skipped:
        print("error: --strict: stopped at the first bad seed; nothing written", file=sys.stderr)
        return ExitCode.PARTIAL
    if not result.seeds:
        print(f"error: {args.seeds}: no seed could be read; nothing written", file=sys.stderr)
        return ExitCode.NOTHING
    tiles = None if str(args.tiles).lower() == "none" else args.tiles
    try:
        page = render_html(result, tiles=tiles, self_contained=not args.cdn)
    except AssetsMissing as exc:
        print(
            f"error: {exc} (or build with --cdn for a map that loads them online)", file=sys.stderr
        )
        return ExitCode.USAGE
    try:
        written = outputs.write_all(args.out, outputs.output_writers(result, page))
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.OUTPUT
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    if args.png and not _write_png(result, args, tiles, page):
        return ExitCode.USAGE
    if not args.quiet:
        print(outputs.summary_table(result))
    if result.stats:
        print(_cache_line(result.stats))
        if result.stats.cache_note:
            print(f"note: {result.stats.cache_note}", file=sys.stderr)
    print(f"built in {time.perf_counter() - t0:.2f} s")
    return ExitCode.PARTIAL if result.skipped else ExitCode.OK


def _cache_line(stats: BuildStats) -> str:
    """What the cache saved, and what it caught: entries that failed their check."""
    line = (
        f"cache: {stats.reused} seed(s) reused, {stats.extracted} read; "
        f"{stats.unchanged} file(s) unchanged, not opened"
    )
    if stats.damaged:
        line += f"; {stats.damaged} damaged entr{'y' if stats.damaged == 1 else 'ies'} re-extracted"
    return line


def _write_png(result, args, tiles, page: str) -> bool:
    """map.png through the browser (print style, 2x), from a self-contained copy so it
    needs no network."""
    import tempfile

    from .mapview import render_html
    from .snapshot import screenshot

    try:
        offline = page if not args.cdn else render_html(result, tiles, self_contained=True)
    except AssetsMissing as exc:
        print(f"error: --png: {exc}", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "map.html"
        html.write_text(offline, encoding="utf-8")
        png = screenshot(html, args.out / "map.png")
    print(f"wrote {png} ({png.stat().st_size:,} bytes)")
    return True


def _expand(paths: list[Path]) -> list[Path]:
    """Seed files named, or found in the folders named (raises SeedError naming the folder)."""
    from .seeds import discover

    out = []
    for p in paths:
        out.extend(discover(p) if p.is_dir() else [p])
    return out


def cmd_extract(args) -> int:
    from . import outputs
    from .pipeline import build_paths

    try:
        result = build_paths(_expand(args.paths))
    except SeedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.NOTHING
    results = result.seeds
    _problem_lines(result.problems)
    if args.json:
        sys.stdout.write(outputs.extract_json(result))
    else:
        for res in results:
            print(f"== {res.seed.path}")
            for r in res.readings:
                m = r.mention
                print(
                    f"  {m.surface!r:28} {m.kind:9} {m.province:7} {r.status:11} {m.match:11} {r.rule}"
                )
        print(outputs.summary_table(result))
    if not results:
        return ExitCode.NOTHING
    return ExitCode.PARTIAL if result.skipped else ExitCode.OK


def cmd_eval(args) -> int:
    from .evaluate import evaluate_file, format_report

    for i, rules in enumerate(args.rules or [None]):
        report = evaluate_file(
            args.file, baseline=not args.no_baseline and i == 0, capitals=args.capitals, rules=rules
        )
        print(("\n" if i else "") + format_report(report))
        if args.errors:
            _print_errors(report)
    return ExitCode.OK


def _print_errors(report: dict) -> None:
    for d in report["details"]:
        if d["wrong_status"] or d["missing"] or d["extra"]:
            print(
                f"\n== {d['id']}: wrong {d['wrong_status']} missing {d['missing']} "
                f"extra {d['extra']}\n{d['text']}"
            )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"build": cmd_build, "extract": cmd_extract, "eval": cmd_eval}[args.command](args)
    except GeodataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.GEODATA
    except RulesError as exc:  # a lexicon given with eval --rules
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE


def run() -> None:
    """The `territory-map` command and `python -m mapping`: main(), then a prompt exit.

    Why os._exit: a build of 10,000 seeds leaves about a million small objects, and
    freeing them one by one at exit took a tenth of a rebuild. Everything the build
    writes is closed (outputs are moved into place) before main() returns; the standard
    streams are flushed here and the package's exit handlers run (package_data).
    """
    from .package_data import cleanup

    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    cleanup()
    os._exit(code)


if __name__ == "__main__":
    run()
