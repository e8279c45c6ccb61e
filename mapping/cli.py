"""Command line: `territory-map build | watch | add | extract | eval` (also `python -m
mapping`).

A thin layer: it parses arguments, calls the pipeline, writes files and sets the exit
code (errors.EXIT_MEANINGS says what each means; `--help` prints them).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import textwrap
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import (
    EXIT_MEANINGS,
    AssetsMissing,
    ExitCode,
    GeodataError,
    OutputError,
    RulesError,
    SeedError,
)
from .model import BuildResult, BuildStats
from .seeds import SeedProblem

if TYPE_CHECKING:
    from .background import Child
    from .cache import EntryMemo
    from .geojoin import FrameMemo
    from .history import EvidenceMemo
    from .outputs import TablesMemo

# A watch frees the reference cycles its builds left once every this many builds: each
# such build pays one full collection (about a CPU second with 10,000 seeds held).
WATCH_COLLECT_EVERY = 20
TILES = ("OpenStreetMap", "OpenTopoMap", "none")  # basemaps that need no key; none: no basemap
# The last one-shot build, kept to the process's end (run() leaves by os._exit). Why: when
# _build returned, freeing its million small objects (readings, mentions) one by one took
# half a second of a 10,000-seed rebuild; only the latest is kept, so an in-process caller
# (tests) holds one build at most.
_KEPT: list[object] = []

EXAMPLES = """\
examples:
  territory-map build                          seeds/ -> output/ (map.html and the data files)
  territory-map build --tiles none --png       no basemap; also output/map.png
  territory-map build --title "Northern Afghanistan, 9-15 August 2021"
  territory-map add https://example.org/news/aybak-falls   save a news page into seeds/
  territory-map watch                          rebuild whenever a seed changes (Ctrl-C stops)
  territory-map extract seeds/x.html --json    what one article gives, with its text
  territory-map eval tests/data/devset.jsonl   score the extraction on labelled passages
"""


def _exit_codes() -> str:
    return "exit codes:\n" + "".join(
        f"  {int(code)}  {meaning}\n" for code, meaning in EXIT_MEANINGS.items()
    )


def _tiles(value: str) -> str:
    """A --tiles choice, in any letter case."""
    for name in TILES:
        if value.lower() == name.lower():
            return name
    raise argparse.ArgumentTypeError(f"invalid choice: {value!r} (choose from {', '.join(TILES)})")


def _build_options(b: argparse.ArgumentParser) -> None:
    """The options of `build`, which `watch` shares."""
    b.add_argument(
        "--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)"
    )
    b.add_argument(
        "--out", type=Path, default=Path("output"), help="output folder (default: output)"
    )
    b.add_argument(
        "--tiles",
        type=_tiles,
        default="OpenStreetMap",
        metavar="{" + ",".join(TILES) + "}",
        help="basemap, fetched by the browser; none draws no basemap (default: OpenStreetMap)",
    )
    b.add_argument(
        "--title",
        default=None,
        help="the map's title (default: the theatre's, from mapping/geodata/theatre.toml)",
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
        "--progress",
        action="store_true",
        help="show the progress bar even when stderr is not a terminal "
        "(it shows on a terminal when a build takes over two seconds)",
    )
    b.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="extraction cache folder (default: OUT/.cache); unchanged seeds are not re-read",
    )
    b.add_argument("--no-cache", action="store_true", help="re-read every seed")
    b.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        help="worker processes for extraction (default: 1); the outputs are the same, but a "
        "guessed dateline year is not settled across seeds when N > 1",
    )
    b.add_argument(
        "--dask",
        metavar="ADDRESS",
        default="",
        help="extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
        "needs territory-map[dask], the same version on every worker",
    )
    b.add_argument(
        "--parts",
        type=Path,
        default=None,
        help="with --dask: folder for the workers' Parquet parts, one path every worker "
        "and this machine share (default: OUT/.parts)",
    )
    _rules_only_option(b)


def _rules_only_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules-only",
        action="store_true",
        help="the rules' reading alone, without the learned reading of province statuses "
        '(whose changes say so in their rule: "learned: X over Y; ...")',
    )


def _sub(sub, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=summary,
        description=textwrap.fill(description, 80),
        epilog=_exit_codes() if name in ("build", "watch", "extract", "add") else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    ap = argparse.ArgumentParser(
        prog="territory-map",
        description=textwrap.fill(
            "Read news articles about a conflict and map who controls what, with the "
            "sentence and the article behind every coloured province. Articles are *.txt "
            "files or saved web pages (*.html) in a seeds folder; `add` fetches pages.",
            80,
        ),
        epilog=EXAMPLES + "\n" + _exit_codes(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--version", action="version", version=f"territory-map {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = _sub(
        sub,
        "build",
        "build map.html, provinces.geojson, mentions.csv and the other outputs",
        "Read every seed of the seeds folder and write the map and the data files into the "
        "output folder, all or none. A bad seed is skipped with one line naming it.",
    )
    _build_options(b)
    w = _sub(
        sub,
        "watch",
        "build, then rebuild whenever a seed changes (Ctrl-C stops)",
        "Build as `build` does, then look at the seeds folder every --interval seconds and "
        "build again when a seed is added, changed or removed. Ctrl-C stops (exit 0).",
    )
    _build_options(w)
    w.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between looks at the seeds folder (default: 1)",
    )
    a = _sub(
        sub,
        "add",
        "fetch news pages and save each into the seeds folder",
        "Fetch each address (http or https only, text/html only, at most "
        "5 MiB, within the time-out) and save the page as a seed, with the address in "
        "a sidecar NAME.yaml; its title, date and outlet come from the page. One line per "
        "address says where it went or why not. The only command that uses the network.",
    )
    a.add_argument("urls", nargs="+", metavar="URL", help="addresses of news pages")
    a.add_argument(
        "--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)"
    )
    a.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        help="seconds allowed for each page (default: 20)",
    )
    e = _sub(
        sub,
        "extract",
        "print the mentions and statuses of seed files",
        "Print what each seed gives: every place mention with its status and rule. With "
        "--json, also the text the offsets index (a saved page's extracted article).",
    )
    e.add_argument("paths", nargs="+", type=Path, help="seed files or folders")
    e.add_argument("--json", action="store_true", help="machine-readable JSON on stdout")
    _rules_only_option(e)
    v = _sub(
        sub,
        "eval",
        "score the extraction on a labelled JSONL file",
        "Score this tool (and the geotext baseline) on labelled passages: province "
        "precision, recall and F1, status accuracy, and more.",
    )
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
    _rules_only_option(v)
    v.add_argument(
        "--errors",
        action="store_true",
        help="also print each passage whose province statuses are wrong",
    )
    return ap


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def _problem_lines(problems: list[SeedProblem]) -> None:
    """One line per problem: "skipped: FILE: why", "warning: FILE: what to fix" (the
    seed is built) or "note: FILE: remark"."""
    for p in problems:
        line = str(p).removesuffix("; skipped")
        print(f"{p.label}: {line}", file=sys.stderr)


def cmd_build(
    args,
    one_shot: bool = True,
    memo: EntryMemo | None = None,
    frames: FrameMemo | None = None,
    tables: TablesMemo | None = None,
    evidence: EvidenceMemo | None = None,
    keeps: bool = False,
) -> int:
    """`build`; one_shot False when the process goes on (watch), see pipeline.build, and
    `keeps` True when it holds the build until its next (pipeline.collector_paused); a
    memo keeps the cache entries read for the process's next build (cache.EntryMemo),
    `frames` what it worked out per province and town (geojoin.FrameMemo), `tables` where
    each seed's rows went in the tables it wrote (outputs.TablesMemo), `evidence` each
    seed's readings as the timeline grouped them (history.EvidenceMemo)."""
    from .pipeline import collector_paused
    from .progress import Progress

    if args.cdn and args.self_contained:
        print("error: --cdn and --self-contained contradict each other", file=sys.stderr)
        return ExitCode.USAGE
    # One bar through every stage: seeds, timeline, map, files (and the PNG).
    progress = Progress(True if args.progress else None, later=2 + bool(args.png))
    try:
        # The collector paused through the map and the files too, which make hundreds of
        # thousands of objects more (rows, frames) and no garbage cycles worth a pass.
        with collector_paused(one_shot, keeps):
            return _build(args, progress, one_shot, memo, frames, tables, evidence)
    finally:
        progress.close()


def _build(
    args,
    progress,
    one_shot: bool,
    memo: EntryMemo | None,
    frames: FrameMemo | None,
    tables: TablesMemo | None,
    evidence: EvidenceMemo | None = None,
) -> int:
    """_build_and_write, with the child it may start for the seed tables (see there)
    always waited for; what it staged is removed unless moved into place."""
    early: list[Child] = []
    try:
        return _build_and_write(args, progress, one_shot, early, memo, frames, tables, evidence)
    finally:
        for child in early:
            child.discard()


def _build_and_write(
    args,
    progress,
    one_shot: bool,
    early: list[Child],
    memo: EntryMemo | None,
    frames: FrameMemo | None = None,
    tables: TablesMemo | None = None,
    evidence: EvidenceMemo | None = None,
) -> int:
    """Build, then write every output. Once the seeds are read, a child starts writing the
    tables made from them alone (outputs.start_seed_tables; kept in `early`) while this
    process works out the timeline and draws the map."""
    from . import outputs
    from .batches import ClusterError, build_jobs
    from .pipeline import let_go_of_reports

    def seeds_ready(read: BuildResult) -> None:
        if read.seeds and not (args.strict and read.skipped):  # else nothing is written
            early.append(outputs.start_seed_tables(args.out, read, tables))

    t0 = time.perf_counter()
    try:
        cache = None if args.no_cache else (args.cache or args.out / ".cache")
        result = build_jobs(
            args.seeds,
            cache_dir=cache,
            progress=progress,
            strict=args.strict,
            one_shot=one_shot,
            jobs=args.jobs,
            dask=args.dask,
            parts_dir=args.parts or args.out / ".parts",
            seeds_ready=seeds_ready,
            memo=memo,
            evidence=evidence,
            learned=not args.rules_only,
        )
    except SeedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.NOTHING
    except ClusterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    if one_shot:
        _KEPT[:] = [result]
        let_go_of_reports(result)
    if frames is not None:
        frames.next_build()
        result.carried = frames
    _problem_lines(result.problems)
    if args.strict and result.skipped:
        print("error: --strict: stopped at the first bad seed; nothing written", file=sys.stderr)
        return ExitCode.PARTIAL
    if not result.seeds:
        print(f"error: {args.seeds}: no seed could be read; nothing written", file=sys.stderr)
        return ExitCode.NOTHING
    child = early[0] if early else None
    return _write_outputs(args, progress, result, child, t0, tables, one_shot)


def _write_outputs(
    args,
    progress,
    result: BuildResult,
    early: Child | None,
    t0: float,
    tables: TablesMemo | None = None,
    one_shot: bool = False,
) -> int:
    """Draw the map and write every output (with the seed tables `early` staged), then
    say what was written and what the cache saved; a watch's `tables` learns where each
    seed's rows went (outputs.TablesMemo). A one-shot build lets go of its history rows
    once a child writes history.csv (outputs.let_go_of_history)."""
    from . import outputs
    from .mapview import render_html

    tiles = None if str(args.tiles).lower() == "none" else args.tiles
    drawn: list[str] = []

    def draw() -> str:
        """The map's page, drawn while a child writes the tables (outputs.write_all)."""
        progress.stage("drawing the map")
        drawn.append(render_html(result, tiles, self_contained=not args.cdn, title=args.title))
        progress.stage("writing files")
        return drawn[0]

    if tables is not None:
        tables.layouts = {}  # until the files are in place (a failure leaves them unknown)
    try:
        writers = outputs.output_writers(result, draw)
        forked = partial(outputs.let_go_of_history, result) if one_shot else None
        written = outputs.write_all(args.out, writers, outputs.BACKGROUND, early, forked=forked)
        if tables is not None and early is not None:
            tables.remember(args.out, result, early.lengths)
    except AssetsMissing as exc:
        print(
            f"error: {exc} (or build with --cdn for a map that loads them online)", file=sys.stderr
        )
        return ExitCode.USAGE
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.OUTPUT
    progress.clear()
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    if args.png:
        progress.stage("map.png")
        png = _write_png(result, args, tiles, drawn[0])
        progress.close()
        if png is None:
            return ExitCode.USAGE
        print(f"wrote {png} ({png.stat().st_size:,} bytes)")
    progress.close()
    if not args.quiet:
        print(outputs.summary_table(result))
    if result.stats:
        print(_cache_line(result.stats))
        if result.stats.cache_note:
            print(f"note: {result.stats.cache_note}", file=sys.stderr)
    print(f"built in {time.perf_counter() - t0:.2f} s", flush=True)
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


def _write_png(result, args, tiles, page: str) -> Path | None:
    """map.png through the browser (print style, 2x), from a self-contained copy so it
    needs no network; None (and an error line) without the web assets."""
    import tempfile

    from .mapview import render_html
    from .snapshot import screenshot

    try:
        offline = (
            page
            if not args.cdn
            else render_html(result, tiles, self_contained=True, title=args.title)
        )
    except AssetsMissing as exc:
        print(f"error: --png: {exc}", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "map.html"
        html.write_text(offline, encoding="utf-8")
        return screenshot(html, args.out / "map.png")


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
        result = build_paths(_expand(args.paths), learned=not args.rules_only)
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


def cmd_add(args) -> int:
    """Fetch each address into the seeds folder: one line each; 0 all saved, 3 some not,
    4 none."""
    from .fetch import add

    lines, failed = add(args.urls, args.seeds, timeout=args.timeout)
    for line in lines:
        print(line, file=sys.stderr if line.startswith("failed:") else sys.stdout)
    if failed == len(args.urls):
        return ExitCode.NOTHING
    return ExitCode.PARTIAL if failed else ExitCode.OK


def cmd_watch(args) -> int:
    """Build, then build again whenever the seeds folder's files change; Ctrl-C stops.

    Why polling the files' stamps (name, size, modification time) rather than a file
    system notification library: it works the same on every system and network drive,
    costs one folder listing a second, and needs no dependency. The cache entries each
    build reads stay in memory for the next (cache.EntryMemo): after one seed is added to
    thousands, only that seed is read; and so do the rows and panels of the map's provinces
    and towns, for those the change does not touch (geojoin.FrameMemo), and where each
    seed's rows went in mentions.csv and sentences.csv (outputs.TablesMemo), and each
    seed's readings as the timeline grouped them (history.EvidenceMemo). What each build
    holds is frozen out of the garbage collector's sight until every WATCH_COLLECT_EVERY
    builds (pipeline.collector_paused, collect_frozen).
    """
    from .cache import EntryMemo
    from .geojoin import FrameMemo
    from .history import EvidenceMemo
    from .outputs import TablesMemo
    from .pipeline import collect_frozen
    from .seeds import one_line
    from .watch import changes, snapshot

    memo, frames, tables, evidence = EntryMemo(), FrameMemo(), TablesMemo(), EvidenceMemo()
    builds = itertools.count(1)

    def build() -> None:
        if next(builds) % WATCH_COLLECT_EVERY == 0:
            collect_frozen()
        cmd_build(args, False, memo, frames, tables, evidence, keeps=True)

    try:
        before = snapshot(args.seeds)
        build()
        for changed in changes(args.seeds, args.interval, since=before):
            shown = ", ".join(one_line(n) for n in changed[:3]) + (
                f" and {len(changed) - 3} more" if len(changed) > 3 else ""
            )
            print(f"changed: {shown}; building again", flush=True)
            build()
            sys.stdout.flush()
    except KeyboardInterrupt:
        print("stopped watching", file=sys.stderr)
    return ExitCode.OK


def cmd_eval(args) -> int:
    from .evaluate import evaluate_file, format_report

    for i, rules in enumerate(args.rules or [None]):
        report = evaluate_file(
            args.file,
            baseline=not args.no_baseline and i == 0,
            capitals=args.capitals,
            rules=rules,
            learned=not args.rules_only,
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
        commands = {
            "build": cmd_build,
            "watch": cmd_watch,
            "add": cmd_add,
            "extract": cmd_extract,
            "eval": cmd_eval,
        }
        return commands[args.command](args)
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
