"""Speed and size figures, printed, not asserted (shared machines are noisy).

    .venv/bin/python tools/benchmark.py            # map sizes, build and draw times
    .venv/bin/python tools/benchmark.py --seeds N  # also a synthetic N-seed corpus build
    .venv/bin/python tools/benchmark.py --pathological  # only: hostile seed shapes, seconds
    .venv/bin/python tools/benchmark.py --copy 10000 --jobs 1,0  # only: real-copy corpus
    .venv/bin/python tools/benchmark.py --seeds 10000 --corpus-only --rebuild-runs 5
    .venv/bin/python tools/benchmark.py --extraction    # only: passages/s on one core

Figures: wall time of `territory-map build` on seeds/, size of map.html with and without
inlined assets, time from page load to the provinces drawn in headless Chromium, extraction
throughput, and, with --seeds, a full build of N news-length seeds and the rebuild after
adding one seed (incremental cache). With --pathological, instead: extraction seconds of
each hostile seed shape of tools/pathological.py at two sizes 8 times apart (the tests
check only the growth, tests/test_pathological.py). With --copy N, instead: passages per
second of this tool and of geotext in the same run (one core), then for each --jobs value
(0: every core) a full build of N seeds of wire-like copy (tools/copy_corpus.py), its peak
memory, and the rebuild after adding one seed. The --seeds corpus is also watched: the
rebuilds of a `territory-map watch` process after adding one seed, as it times them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cli(*args: str) -> float:
    """Wall time of one `territory-map` run."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mapping", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - t0


def child_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def draw_time(html: Path, runs: int = 5) -> float:
    """Median ms from navigation start to all province paths in the DOM."""
    from playwright.sync_api import sync_playwright

    from mapping.snapshot import block_external, launch

    times = []
    with sync_playwright() as p:
        browser = launch(p)
        for _ in range(runs):
            page = browser.new_page()
            block_external(page, [])
            t0 = time.perf_counter()
            page.goto(html.resolve().as_uri())
            page.wait_for_function("document.querySelectorAll('path.tm-province').length === 34")
            times.append((time.perf_counter() - t0) * 1000)
            page.close()
        browser.close()
    return sorted(times)[len(times) // 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=0, help="also build a synthetic corpus of N seeds")
    ap.add_argument(
        "--pathological",
        action="store_true",
        help="only time the extraction of hostile seed shapes, at two sizes",
    )
    ap.add_argument(
        "--copy",
        type=int,
        default=0,
        help="only: passages/s and builds of N seeds of real-like copy",
    )
    ap.add_argument(
        "--jobs",
        default="1,0",
        help="with --copy: comma-separated --jobs values to build with (0: every core); "
        "with --seeds: the first of them",
    )
    ap.add_argument("--no-rebuild", action="store_true", help="with --copy: full builds only")
    ap.add_argument(
        "--rebuild-runs",
        type=int,
        default=3,
        help="with --seeds: rebuilds after adding one seed each, for the median (default 3)",
    )
    ap.add_argument(
        "--corpus-only",
        action="store_true",
        help="with --seeds: only the synthetic corpus (no seeds/ build, no browser)",
    )
    ap.add_argument(
        "--extraction", action="store_true", help="only the extraction rate on one core"
    )
    args = ap.parse_args()
    if args.pathological:
        pathological()
        return 0
    if args.copy:
        passages_per_second()
        with tempfile.TemporaryDirectory() as tmp:
            copy_builds(Path(tmp), args.copy, _jobs(args.jobs), rebuild=not args.no_rebuild)
        return 0
    if args.extraction:
        extraction_rate()
        return 0
    if args.corpus_only:
        with tempfile.TemporaryDirectory() as tmp:
            corpus(Path(tmp), args.seeds, args.rebuild_runs, _jobs(args.jobs)[0])
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        times = [cli("build", "--out", str(out), "--quiet", "--cdn") for _ in range(3)]
        print(f"build seeds/ (1 seed), wall time: median {sorted(times)[1]:.2f} s of 3")
        print(f"map.html (CDN assets): {(out / 'map.html').stat().st_size:,} bytes")
        cli("build", "--out", str(out), "--quiet", "--tiles", "none")
        size = (out / "map.html").stat().st_size
        print(f"map.html (default, self-contained; --tiles none): {size:,} bytes")
        print(
            f"page load to 34 provinces drawn (headless Chromium, file://): "
            f"median {draw_time(out / 'map.html'):.0f} ms of 5"
        )
        if args.seeds:
            corpus(Path(tmp), args.seeds, args.rebuild_runs, _jobs(args.jobs)[0])
    return 0


def pathological() -> None:
    """Seconds to extract each hostile shape (fastest of 3), at its test size and 8 times it."""
    sys.path.insert(0, str(Path(__file__).parent))
    from pathological import SHAPES, seconds

    from mapping.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    print(f"{'shape':<26} {'chars':>9} {'seconds':>8} {'chars':>10} {'seconds':>8} {'growth':>7}")
    for name, (generate, n) in SHAPES.items():
        small, large = generate(n), generate(8 * n)
        t_small, t_large = seconds(small, gaz), seconds(large, gaz)
        print(
            f"{name:<26} {len(small):>9,} {t_small:>8.3f} {len(large):>10,} {t_large:>8.3f} "
            f"{t_large / max(t_small, 1e-6):>6.1f}x"
        )


def _jobs(given: str) -> list[int]:
    """The --jobs values, 0 read as every core."""
    return [int(j) or (os.cpu_count() or 1) for j in given.split(",")]


def corpus(tmp: Path, n: int, runs: int = 3, jobs: int = 1) -> None:
    """Build N synthetic seeds on `jobs` processes, then `runs` times add one and rebuild
    with the cache warm."""
    sys.path.insert(0, str(Path(__file__).parent))
    from tools_corpus import make_corpus

    seeds = tmp / "seeds"
    make_corpus(seeds, n)
    out = tmp / "corpus-out"
    size = sum(p.stat().st_size for p in seeds.iterdir()) / n
    cpu0 = child_cpu()
    build = ("build", "--seeds", str(seeds), "--out", str(out), "--quiet", "--jobs", str(jobs))
    full = cli(*build)
    full_cpu = child_cpu() - cpu0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"full build of {n:,} seeds ({size:,.0f} bytes each on average, --jobs {jobs}): "
        f"{full:.1f} s, "
        f"peak memory {peak:.0f} MB"
    )
    print(f"map.html for {n:,} seeds: {(out / 'map.html').stat().st_size:,} bytes")
    import random

    from tools_corpus import make_seed

    times, cpus, peaks = [], [], []
    for k in range(runs):  # several times, one more seed each: a median, the machine is noisy
        (seeds / f"zz_added_{k}.txt").write_text(
            make_seed(random.Random(-1 - k), n + k), encoding="utf-8"
        )
        # Its own peak too: a rebuild reads every cached entry at once, and its memory once
        # peaked far above the full build's (stop 42: 748 against 519 MB at 10,000 seeds).
        again, main_mb, _, stdout, (cpu_main, cpu_kids) = measured(*build)
        times.append(again)
        cpus.append(cpu_main + cpu_kids)
        peaks.append(main_mb)
        cache_line = next((ln for ln in stdout.splitlines() if ln.startswith("cache:")), "")
        print(
            f"  rebuild {k + 1} after adding 1 seed: {again:.1f} s, {main_mb:.0f} MB ({cache_line})"
        )
    again = statistics.median(times)
    print(
        f"rebuild after adding 1 seed: median {again:.1f} s of {runs} "
        f"({100 * again / full:.1f}% of the full build); peak memory of its main process: "
        f"median {statistics.median(peaks):.0f} MB"
    )
    # CPU time as well: on a shared machine the wall time also counts other people's work.
    print(
        f"CPU time (user+sys) of the full build {full_cpu:.1f} s; of a rebuild: median "
        f"{statistics.median(cpus):.1f} s of {runs}; load average {os.getloadavg()[0]:.1f}"
    )
    watch_rebuilds(seeds, out, n + runs, runs)


def watch_rebuilds(seeds: Path, out: Path, n: int, runs: int) -> None:
    """The rebuilds a `territory-map watch` process makes after one seed is added, `runs`
    times: each as the process itself times it ("built in X s"), which leaves out the wait
    for its next look at the folder. Why apart from the `build` rebuilds: a watch keeps
    the cache entries it read in memory (cache.EntryMemo), so its rebuild reads one seed."""
    import random

    from tools_corpus import make_seed

    cmd = [sys.executable, "-m", "mapping", "watch", "--seeds", str(seeds), "--out", str(out)]
    proc = subprocess.Popen(
        [*cmd, "--quiet", "--interval", "0.2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )
    assert proc.stdout is not None
    try:
        built_in(proc.stdout)  # the first build: every entry read from disk
        times, cpus = [], []
        for k in range(runs):
            # Written aside and renamed in, so the watch never builds half a seed (it
            # skips dot files).
            part = seeds / f".zz_watched_{k}.part"
            part.write_text(make_seed(random.Random(-1000 - k), n + k), encoding="utf-8")
            cpu0 = process_cpu(proc.pid)
            part.rename(seeds / f"zz_watched_{k}.txt")
            times.append(built_in(proc.stdout))
            cpus.append(process_cpu(proc.pid) - cpu0)
            print(
                f"  watch rebuild {k + 1} after adding 1 seed: {times[-1]:.2f} s "
                f"(CPU {cpus[-1]:.2f} s)"
            )
        print(
            f"watch rebuild after adding 1 seed: median {statistics.median(times):.2f} s of {runs}"
            f"; CPU (user+sys, with its writing children) median {statistics.median(cpus):.2f} s"
        )
    finally:
        proc.send_signal(signal.SIGINT)  # how a user stops a watch
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait(timeout=30)


def _interruptible() -> None:
    """In the watch's process before it starts: Ctrl-C stops it, as in a terminal.

    Why: a benchmark started in the background by a shell without job control runs with
    SIGINT ignored, the child inherits that, and Python then installs no KeyboardInterrupt
    for it: the watch went on after the SIGINT below (every run of stop 35), until its
    folder was deleted."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def process_cpu(pid: int) -> float:
    """User and system CPU seconds of a running process and of its children it has waited
    for (the watch's forked writers), from /proc (Linux; 0 elsewhere). Why: on a shared
    machine a rebuild's wall time also counts other people's work."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def built_in(lines) -> float:
    """The seconds of the next "built in X s" line a watch prints."""
    for line in lines:
        if line.startswith("built in "):
            return float(line.split()[2])
    raise RuntimeError("the watch process ended before it built")


def extraction_rate(runs: int = 7) -> None:
    """Passages per second of mapping.pipeline.extract_text on one core, and geotext's on
    the same passages: the median of `runs` passes over each set.

    Sets: devset2 (the issue's reference), every labelled passage, the labelled passages
    joined into news-length articles (real-copy style: long, varied sentences, many
    places), the synthetic corpus's seeds, and an article that names no place. Why CPU
    time: the machine is shared, and wall time there measures the neighbours; the process
    is pinned to one core, so CPU time is the one core's time.
    """
    import json
    import random

    from geotext import GeoText

    sys.path.insert(0, str(Path(__file__).parent))
    from tools_corpus import make_seed

    from mapping.gazetteer import load_gazetteer
    from mapping.pipeline import extract_text

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    data = ROOT / "tests" / "data"

    def texts(name: str) -> list[str]:
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["text"] for line in lines]

    labelled = texts("devset.jsonl") + texts("devset2.jsonl") + texts("holdout.jsonl")
    articles, article = [], ""
    for passage in labelled:  # about 3,500 characters each, like the seed article
        article += passage + "\n\n"
        if len(article) > 3500:
            articles, article = [*articles, article], ""
    rng = random.Random(14)
    no_place = (
        "The council voted on Tuesday to keep the public libraries open later, after a "
        "survey found that students and older residents wanted quiet rooms in the evening. "
        "The change costs little and begins in October, the chair said. "
    ) * 12
    sets = {
        "devset2": texts("devset2.jsonl"),
        "all labelled passages": labelled,
        "news-length articles": articles,
        "synthetic seeds": [make_seed(rng, i) for i in range(100)],
        "article naming no place": [no_place] * 50,
    }
    gaz = load_gazetteer()
    extract_text(labelled[0], gaz)  # loads the lexicon and builds the filters

    def rate(work, items: list[str]) -> float:
        times = []
        for _ in range(runs):
            t0 = time.process_time()
            for item in items:
                work(item)
            times.append(time.process_time() - t0)
        return len(items) / statistics.median(times)

    print(f"extraction on one core, passages/s (median of {runs} passes, CPU time):")
    print(f"{'set':<24} {'passages':>8} {'chars':>7} {'territory-map':>14} {'geotext':>9}")
    for name, items in sets.items():
        ours = rate(lambda t: extract_text(t, gaz), items)
        theirs = rate(GeoText, items)
        chars = sum(map(len, items)) // len(items)
        print(f"{name:<24} {len(items):>8} {chars:>7,} {ours:>14,.0f} {theirs:>9,.0f}")


# Runs one `territory-map` command in this process and reports its peak resident memory
# and that of its largest child (a worker), in KB, as Linux's getrusage gives them, and
# the CPU seconds of both (the machine is shared: CPU time says what wall time cannot).
_MEASURED = """
import resource, sys
from mapping.cli import main
code = main(sys.argv[1:])
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu_me, cpu_kids = me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime
print(f"PEAK {me.ru_maxrss} {kids.ru_maxrss} {cpu_me} {cpu_kids}", file=sys.stderr)
raise SystemExit(code)
"""


def measured(*args: str) -> tuple[float, float, float, str, tuple[float, float]]:
    """Wall seconds of one build, peak MB of its main process and of its largest worker
    (resident, counting pages a forked worker shares with the parent), its stdout, and
    the CPU seconds of the main process and of all workers."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 3):
        raise SystemExit(f"build failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    peak = next(ln for ln in proc.stderr.splitlines() if ln.startswith("PEAK "))
    fields = peak.split()[1:]
    me, kids = int(fields[0]) / 1024, int(fields[1]) / 1024
    return wall, me, kids, proc.stdout, (float(fields[2]), float(fields[3]))


def passages_per_second(runs: int = 3) -> None:
    """This tool's extraction and geotext's on the same passages, one core, same run:
    the labelled devset2 passages and 2,000 paragraphs of generated copy."""
    import json

    from geotext import GeoText

    from mapping.gazetteer import load_gazetteer
    from mapping.pipeline import extract_text

    sys.path.insert(0, str(Path(__file__).parent))
    from copy_corpus import paragraphs

    gaz = load_gazetteer()
    devset = ROOT / "tests" / "data" / "devset2.jsonl"
    sets = {
        "devset2": [json.loads(ln)["text"] for ln in devset.read_text().splitlines() if ln],
        "copy paragraphs": paragraphs(2000),
    }
    for name, texts in sets.items():
        chars = sum(map(len, texts)) / len(texts)
        ours = statistics.median(_rate(texts, lambda t: extract_text(t, gaz)) for _ in range(runs))
        base = statistics.median(_rate(texts, lambda t: GeoText(t).cities) for _ in range(runs))
        print(
            f"{name} ({len(texts):,} passages, {chars:,.0f} chars each): territory-map "
            f"{ours:,.0f} passages/s, geotext {base:,.0f} passages/s "
            f"(ratio {base / ours:.1f}), per CPU second of one core, median of {runs}"
        )


def _rate(texts: list[str], fn) -> float:
    """Passages per CPU second of this process (one thread): on a shared machine, wall
    time would measure the other users too."""
    t0 = time.process_time()
    for t in texts:
        fn(t)
    return len(texts) / (time.process_time() - t0)


def copy_builds(tmp: Path, n: int, jobs_list: list[int], rebuild: bool = True) -> None:
    """For each --jobs value: a full build of N seeds of generated copy into a fresh
    output folder (with its cache), then three times one seed added and a rebuild."""
    sys.path.insert(0, str(Path(__file__).parent))
    from copy_corpus import article, make_corpus, places

    seeds = tmp / "copy-seeds"
    t0 = time.perf_counter()
    make_corpus(seeds, n)
    files = list(seeds.glob("*.txt"))
    size = sum(p.stat().st_size for p in files) / len(files)
    print(
        f"copy corpus: {n:,} seeds, {size:,.0f} bytes each on average "
        f"(generated in {time.perf_counter() - t0:.0f} s)"
    )
    for jobs in jobs_list:
        out = tmp / f"copy-out-{jobs}"
        wall, me, kids, _, (cpu, cpu_workers) = measured(
            "build",
            "--seeds",
            str(seeds),
            "--out",
            str(out),
            "--quiet",
            "--cdn",
            "--jobs",
            str(jobs),
        )
        workers = f", largest worker {kids:.0f} MB" if jobs > 1 else ""
        print(
            f"--jobs {jobs}: full build of {n:,} seeds {wall:.1f} s "
            f"({n / wall:.0f} seeds/s); peak memory: main process {me:.0f} MB{workers}; "
            f"CPU: main process {cpu:.0f} s, workers {cpu_workers:.0f} s "
            f"({1000 * (cpu + cpu_workers) / n:.1f} ms per seed)"
        )
        if not rebuild:
            continue
        import random

        times = []
        for k in range(3):
            added = seeds / f"zz_added_{k}.txt"
            added.write_text(article(random.Random(-1 - k), k, places()), encoding="utf-8")
            again, me, _, stdout, (cpu, _) = measured(
                "build", "--seeds", str(seeds), "--out", str(out), "--quiet", "--cdn",
                "--jobs", str(jobs),
            )  # fmt: skip
            times.append(again)
            line = next((ln for ln in stdout.splitlines() if ln.startswith("cache:")), "")
            print(
                f"  rebuild {k + 1} after adding 1 seed: {again:.1f} s, CPU {cpu:.1f} s, "
                f"{me:.0f} MB ({line})"
            )
        print(
            f"--jobs {jobs}: rebuild after adding 1 seed: median {statistics.median(times):.1f} s of 3"
        )
        for k in range(3):
            (seeds / f"zz_added_{k}.txt").unlink()
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
