"""Extraction on several processes and on a Dask cluster gives the same outputs, byte for
byte, as a one-process build; a bad seed in a worker's batch is named, nothing else lost.

Real components only: the CLI as a user runs it, a real process pool, and a real
distributed.LocalCluster of two worker processes.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED

OUTPUTS = [
    "provinces.geojson",
    "mentions.csv",
    "sentences.csv",
    "history.csv",
    "map.html",
    "provinces.parquet",
]


def build(seeds: Path, out: Path, *extra: str, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "mapping", "build", "--seeds", str(seeds), "--out", str(out)]
        + ["--tiles", "none", "--quiet", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    """The timeline seeds, the real seed, a copy of one under another name (same text:
    one cache entry), and two bad files, so batches hold good and bad seeds together."""
    folder = tmp_path_factory.mktemp("many") / "seeds"
    shutil.copytree(ROOT / "tests" / "data" / "timeline", folder)
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED.with_suffix(".yaml"), folder / SEED.with_suffix(".yaml").name)
    shutil.copy(folder / "01_zaranj.txt", folder / "07_zaranj_again.txt")
    (folder / "03b_scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02binary" * 20)
    (folder / "05b_empty.txt").write_text("   \n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_process(seeds, tmp_path_factory):
    """The reference: `--jobs 1`, the one-process build."""
    out = tmp_path_factory.mktemp("jobs1") / "out"
    proc = build(seeds, out, "--jobs", "1")
    assert proc.returncode == 3, proc.stderr
    return out, proc


def gpkg_tables(path: Path) -> dict[str, list]:
    """Every table of a GeoPackage, rows sorted, without the time each layer was
    written (gpkg_contents.last_change, the style's update time): two builds of the
    same seeds differ only there."""
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        tables = {}
        for name in sorted(names):
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
            keep = [c for c in cols if c not in ("last_change", "update_time")]
            query = "SELECT " + ", ".join(f'"{c}"' for c in keep) + f' FROM "{name}"'
            tables[name] = sorted(con.execute(query).fetchall(), key=repr)
        return tables
    finally:
        con.close()


def assert_same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert gpkg_tables(a / "provinces.gpkg") == gpkg_tables(b / "provinces.gpkg")


def problem_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith(("skipped:", "note:"))]


def test_two_processes_write_the_same_bytes_and_name_the_bad_seeds(seeds, one_process, tmp_path):
    ref, ref_proc = one_process
    proc = build(seeds, tmp_path / "out", "--jobs", "2", "--no-cache")
    assert proc.returncode == 3, proc.stderr
    assert_same_outputs(ref, tmp_path / "out")
    lines = problem_lines(proc.stderr)
    assert lines == problem_lines(ref_proc.stderr)
    assert [ln.split(": ")[1] for ln in lines] == [
        str(seeds / "03b_scan.txt"),
        str(seeds / "05b_empty.txt"),
        str(seeds / "07_zaranj_again.txt"),  # the same article as 01_zaranj.txt: a note
    ]


def test_the_cache_is_filled_and_used_as_by_one_process(seeds, one_process, tmp_path):
    """The parent puts what workers found into the cache: a second build reads nothing,
    and its counts are the one-process build's."""
    ref, ref_proc = one_process
    out = tmp_path / "out"
    first = build(seeds, out, "--jobs", "2")
    assert _cache_line(first.stdout) == _cache_line(ref_proc.stdout)
    assert "7 read" in _cache_line(first.stdout)  # 8 good seeds, 2 of them the same text
    again = build(seeds, out, "--jobs", "2")
    assert ", 0 read;" in _cache_line(again.stdout), again.stdout
    assert_same_outputs(ref, out)


def _cache_line(stdout: str) -> str:
    return next(ln for ln in stdout.splitlines() if ln.startswith("cache:"))


def test_a_seed_over_its_time_budget_in_a_worker_is_named(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    from pathological import near_misses

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(4):
        (seeds / f"00{i}_short.txt").write_text(
            f"The Taliban captured Zaranj on day {i}, officials said.\n", encoding="utf-8"
        )
    (seeds / "002b_hostile.txt").write_text(near_misses(400_000), encoding="utf-8")
    env = dict(os.environ, TERRITORY_MAP_MAX_SECONDS_PER_SEED="1")
    proc = build(seeds, tmp_path / "out", "--jobs", "2", "--no-cache", env=env)
    assert proc.returncode == 3, proc.stderr
    assert problem_lines(proc.stderr) == [
        f"skipped: {seeds / '002b_hostile.txt'}: extraction took longer than 1 s"
    ]
    rows = (tmp_path / "out" / "history.csv").read_text(encoding="utf-8")
    assert all(f"00{i}_short.txt" in rows for i in range(4))


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_end_when_the_build_is_killed(tmp_path):
    """A build killed with SIGKILL cannot stop its pool: its workers must end by
    themselves, not wait for work forever."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(200):
        (seeds / f"{i:03d}.txt").write_text(text + f"\n(copy {i})\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "mapping", "build", "--seeds", str(seeds)]
    cmd += ["--out", str(tmp_path / "out"), "--quiet", "--cdn", "--jobs", "2", "--no-cache"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert len(workers) == 2, "the build never started two workers"
    proc.kill()
    proc.wait(timeout=60)
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()]
    for w in alive:  # not to leave them behind if the test fails
        os.kill(w, signal.SIGKILL)
    assert alive == []


def test_jobs_must_be_a_positive_number(tmp_path):
    proc = build(ROOT / "seeds", tmp_path / "out", "--jobs", "0")
    assert proc.returncode == 2
    assert "not a positive whole number: '0'" in proc.stderr


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_a_dask_cluster_writes_the_same_bytes(seeds, one_process, cluster, tmp_path):
    ref, ref_proc = one_process
    out = tmp_path / "out"
    parts = tmp_path / "parts"
    proc = build(seeds, out, "--dask", cluster.scheduler_address, "--parts", str(parts))
    assert proc.returncode == 3, proc.stderr
    assert problem_lines(proc.stderr) == problem_lines(ref_proc.stderr)
    assert_same_outputs(ref, out)
    assert _cache_line(proc.stdout) == _cache_line(ref_proc.stdout)
    assert not parts.exists()  # every part read, then removed
    again = build(seeds, out, "--dask", cluster.scheduler_address)
    assert ", 0 read;" in _cache_line(again.stdout)
    assert not (out / ".parts").exists()


def test_no_scheduler_at_the_address_is_a_clear_error(tmp_path):
    pytest.importorskip("distributed")
    env = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    proc = build(ROOT / "seeds", tmp_path / "out", "--dask", "tcp://127.0.0.1:9", env=env)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: tcp://127.0.0.1:9: no Dask scheduler answers there")
    assert not (tmp_path / "out" / "map.html").exists()


def test_workers_of_another_version_are_refused(gaz):
    from mapping.batches import Batch, ClusterError, _decoded

    with pytest.raises(ClusterError, match="another version of territory-map"):
        list(_decoded(Batch("0" * 16, columns=None), [(0, "x.txt")], [Path("x.txt")], gaz))
