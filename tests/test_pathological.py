"""Hostile seed shapes: extraction time grows with the text, and a seed over budget is skipped.

Each shape of tools/pathological.py is extracted at two sizes 8 times apart; linear work
takes about 8 times as long, the quadratic shapes this guards against took 64 times as
long or more. The test fails when wall-clock and CPU time both grow more than 16 times
(see _growth). Absolute seconds are machine-dependent and belong to
`tools/benchmark.py --pathological`, not here.

The time budget (mapping.budget) is checked end to end: with the budget set tiny through
its environment variable, a hostile seed is skipped with one line and exit code 3, and the
other seeds are still built.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest
from conftest import ROOT, SEED

sys.path.insert(0, str(ROOT / "tools"))
from pathological import SHAPES, near_misses

from mapping import budget
from mapping.pipeline import extract_seed, extract_text
from mapping.seeds import read_seed

GROWTH_LIMIT = 16  # for 8 times the text; linear is ~8, quadratic ~64


@pytest.mark.parametrize("shape", list(SHAPES))
def test_extraction_time_grows_linearly(gaz, shape):
    generate, n = SHAPES[shape]
    small, large = generate(n), generate(8 * n)
    assert 7 * len(small) <= len(large) <= 9 * len(small)
    wall, cpu = _growth(small, large, gaz)
    if min(wall, cpu) > GROWTH_LIMIT:  # a busy machine only ever adds time: look again
        again = _growth(small, large, gaz)
        wall, cpu = min(wall, again[0]), min(cpu, again[1])
    assert min(wall, cpu) <= GROWTH_LIMIT, (
        f"{shape}: {len(large):,} chars took {wall:.1f} times as long as {len(small):,} "
        f"(CPU time: {cpu:.1f} times)"
    )


def _growth(small: str, large: str, gaz, runs: int = 3) -> tuple[float, float]:
    """How many times as long the large text takes as the small one, in wall-clock time
    (time.perf_counter) and in CPU time: each the fastest of `runs`, sizes in turn.

    Why both: on a machine shared with other jobs, a short run often fits between two
    preemptions while a long one never does, so wall-clock growth alone can double
    without any change in the work done; CPU time does not see the other jobs. Work that
    grows faster than the text shows in both.
    """
    times = [_timed(small, gaz) + _timed(large, gaz) for _ in range(runs)]
    best = [min(t[k] for t in times) for k in range(4)]
    return best[2] / max(best[0], 1e-4), best[3] / max(best[1], 1e-4)


def _timed(text: str, gaz) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one extraction."""
    wall, cpu = time.perf_counter(), time.process_time()
    extract_text(text, gaz)
    return time.perf_counter() - wall, time.process_time() - cpu


def test_the_shapes_still_read_as_before(gaz):
    """Bounded look-around keeps what short texts say: the verb of a short list reaches
    every item, and a name and its near-miss in a list are both found."""
    readings, _ = extract_text(SHAPES["capture list"][0](5), gaz)
    assert len(readings) == 5 and {r.status for r in readings} == {"captured"}
    readings, _ = extract_text("Fighting was reported in Herat, Jalalabat and Kunduz.", gaz)
    assert [r.mention.match for r in readings] == ["exact", "fuzzy", "exact"]


def test_a_list_shares_its_verb_with_a_bounded_number_of_places(gaz):
    from mapping.statuses import MAX_LIST_ITEMS

    readings, _ = extract_text(SHAPES["capture list"][0](3 * MAX_LIST_ITEMS), gaz)
    captured = [r for r in readings if r.status == "captured"]
    assert len(captured) == MAX_LIST_ITEMS
    assert captured == readings[:MAX_LIST_ITEMS]


def test_budget_raises_in_a_worker_thread(gaz, tmp_path, monkeypatch):
    """The deadline is checked by the extraction loops, not by a signal: it works off the
    main thread (and so in any worker)."""
    seed_path = tmp_path / "hostile.txt"
    seed_path.write_text(near_misses(20_000), encoding="utf-8")
    seed = read_seed(seed_path)
    monkeypatch.setattr(budget, "MAX_SECONDS_PER_SEED", 0.05)
    with ThreadPoolExecutor(1) as pool:
        with pytest.raises(budget.ExtractionTimeout, match=r"longer than 0\.05 s"):
            pool.submit(extract_seed, seed, gaz).result()
    budget.check()  # outside a budget, never raises


def test_budget_raises_in_a_worker_process(tmp_path):
    seed_path = tmp_path / "hostile.txt"
    seed_path.write_text(near_misses(20_000), encoding="utf-8")
    with ProcessPoolExecutor(1, initializer=_set_budget, initargs=(0.05,)) as pool:
        assert pool.submit(_extract_in_worker, seed_path).result() == (
            "ExtractionTimeout: extraction took longer than 0.05 s; skipped"
        )


def test_a_fresh_process_does_not_charge_its_setup_to_the_first_seed(tmp_path):
    """The first extraction of a process builds the lexicon's patterns and the name
    automaton (over half a second here); a short first seed under a 0.2 s budget is read,
    not skipped, in a freshly started (spawned, so nothing is inherited) worker."""
    seed_path = tmp_path / "short.txt"
    seed_path.write_text("The Taliban captured Zaranj on Friday.\n", encoding="utf-8")
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, spawn, initializer=_set_budget, initargs=(0.2,)) as pool:
        assert pool.submit(_extract_in_worker, seed_path).result() == "no exception"


def _set_budget(seconds: float) -> None:
    budget.MAX_SECONDS_PER_SEED = seconds


def _extract_in_worker(path) -> str:
    """What extracting the seed at path raises in this process, as text."""
    from mapping.gazetteer import load_gazetteer

    try:
        extract_seed(read_seed(path), load_gazetteer())
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return "no exception"


def test_seed_over_budget_is_skipped_with_one_line(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    (seeds / "001_short.txt").write_text(
        "The Taliban captured Zaranj on Friday.\n", encoding="utf-8"
    )
    # 200,000 names (1.9 MB): some seconds of matching even after the fast matcher, where
    # 40,000 now took about one second and so sometimes stayed under the budget.
    (seeds / "002_hostile.txt").write_text(near_misses(200_000), encoding="utf-8")
    env = dict(os.environ, TERRITORY_MAP_MAX_SECONDS_PER_SEED="1")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mapping",
            "build",
            "--seeds",
            str(seeds),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
            "--no-cache",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 3, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith(("skipped:", "note:"))]
    assert lines == [f"skipped: {seeds / '002_hostile.txt'}: extraction took longer than 1 s"]
    with open(tmp_path / "out" / "mentions.csv", encoding="utf-8-sig") as fh:
        names = {row["seed"] for row in csv.DictReader(fh)}
    assert names == {SEED.name, "001_short.txt"}
