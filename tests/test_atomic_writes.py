"""No half-written outputs: a killed build, or two builds at once, never leave a damaged file.

Two reference builds are made first: A from seeds/ and B from a large synthetic seeds
folder (so their outputs differ and are big enough to take a while to write). Then, in an
output folder holding a complete build A, build B is SIGKILLed:
* at several moments of its run (real timing);
* the moment a temporary output file appears (polling the folder);
* deterministically in the middle of writing each text output: a wrapper stalls the real
  mapping.files' text writer half-way through its first write() and the test kills it there.
Every output file must then parse and be byte-for-byte A's or B's version (the GeoPackage,
whose bytes hold a timestamp, must read back as A's or B's tables). A control run with a
plain in-place writer, killed the same way, must be caught as damaged, so the check can fail.
Two builds running at once into one folder, watched by a reader, must do no worse.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_cli

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")

SYNTHETIC_SEEDS = 150
BUILD_ARGS = ("--tiles", "none", "--quiet", "--no-cache")

STALL_WRAPPER = r'''
"""Run the CLI with mapping.files' file writes stalled half-way through one output."""
import os, sys, time
from pathlib import Path
sys.path.insert(0, os.environ["TM_ROOT"])
import mapping.files as files
import mapping.outputs as outputs

TARGET, MARKER = os.environ["TM_STALL_ON"], Path(os.environ["TM_STALL_MARKER"])


class Stalling:
    """write(): half the bytes reach the disk, the test is told, then we wait to be killed."""
    def __init__(self, fh):
        self._fh = fh

    def write(self, data):
        half = len(data) // 2
        self._fh.write(data[:half])
        self._fh.flush()
        os.fsync(self._fh.fileno())
        MARKER.write_text(str(half))
        time.sleep(600)
        return self._fh.write(data[half:])

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._fh.__exit__(*exc)


class OsProxy:
    """The os module as files.py sees it, with fdopen stalling the target's temp file."""
    def __getattr__(self, name):
        return getattr(os, name)

    def fdopen(self, fd, *args, **kwargs):
        fh = os.fdopen(fd, *args, **kwargs)
        name = Path(os.readlink(f"/proc/self/fd/{fd}")).name
        return Stalling(fh) if name.startswith(f".{TARGET}.") or name == TARGET else fh


files.os = OsProxy()
if os.environ.get("TM_STALL_MODE") == "naive":      # the control: write in place, no temp file
    from mapping.background import Child
    outputs.start_seed_tables = lambda out_dir, read, *_: Child([])  # every file written below
    def naive(out_dir, files, background=(), started=None, forked=None):
        paths = []
        for name, writer in files.items():
            path = Path(out_dir) / name
            path.unlink(missing_ok=True)
            writer(path)
            paths.append(path)
        return paths
    outputs.write_all = naive

from mapping.cli import main
sys.exit(main(sys.argv[1:]))
'''


def _synthetic_seeds(folder: Path) -> Path:
    """Many distinct seeds: the real article, renumbered and dated, plus a capture line."""
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    towns = ["Zaranj", "Sheberghan", "Kunduz", "Taloqan", "Pul-e-Khumri", "Ghazni", "Farah"]
    for i in range(SYNTHETIC_SEEDS):
        (folder / f"s{i:04d}.txt").write_text(
            f"---\ntitle: Synthetic report {i}\ndate: 2021-08-{1 + i % 28:02d}\n---\n"
            f"Report {i}: the Taliban captured {towns[i % len(towns)]} on day {i}.\n"
            + text.replace("Monday", f"Monday ({i})"),
            encoding="utf-8",
        )
    return folder


def _outputs(folder: Path) -> dict[str, Path]:
    """The build's output files (hidden entries are temp files or the cache)."""
    return {p.name: p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".cache")


def _tables(path: Path):
    """A GeoPackage's layers as plain data (its bytes hold a timestamp)."""
    import geopandas as gpd
    import pyogrio

    frames = {layer: gpd.read_file(path, layer=layer) for layer, _ in pyogrio.list_layers(path)}
    return {
        layer: (f.to_wkt() if hasattr(f, "to_wkt") else f).to_dict("list")  # layer_styles
        for layer, f in frames.items()
    }  # has no geometry


def _parses(path: Path) -> None:
    """Raise unless the file is complete enough to be read as what it claims to be."""
    data = path.read_bytes()
    if path.suffix == ".geojson":
        assert len(json.loads(data)["features"]) == 34
    elif path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        assert rows and all(len(r) == len(rows[0]) for r in rows)
    elif path.suffix == ".html":
        assert data.rstrip().endswith(b"</html>")
    elif path.suffix == ".parquet":
        import geopandas as gpd

        assert len(gpd.read_parquet(path)) == 34
    elif path.suffix == ".gpkg":
        assert len(_tables(path)["provinces"]["id"]) == 34


class Reference:
    """The complete outputs of one build, to compare a folder's files against."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files = _outputs(folder)
        self.bytes = {n: p.read_bytes() for n, p in self.files.items()}
        self._tables = {}

    def same(self, name: str, path: Path) -> bool:
        if name not in self.bytes:
            return False
        if name.endswith(".gpkg"):
            if name not in self._tables:
                self._tables[name] = _tables(self.files[name])
            return _tables(path) == self._tables[name]
        return path.read_bytes() == self.bytes[name]


def damaged_files(folder: Path, refs: list[Reference]) -> list[str]:
    """Output files of `folder` that do not parse or are not some reference's version."""
    bad = []
    for name, path in sorted(_outputs(folder).items()):
        try:
            _parses(path)
            ok = any(ref.same(name, path) for ref in refs)
        except Exception as exc:  # any failure to read is damage
            ok, name = False, f"{name} ({type(exc).__name__}: {exc})"
        if not ok:
            bad.append(name)
    return bad


@pytest.fixture(scope="module")
def refs(tmp_path_factory):
    """(A, B, seconds B took, B's seeds folder)."""
    base = tmp_path_factory.mktemp("atomic")
    synthetic = _synthetic_seeds(base / "synthetic")
    run_cli("build", "--seeds", str(ROOT / "seeds"), "--out", str(base / "A"), *BUILD_ARGS)
    t0 = time.monotonic()
    run_cli("build", "--seeds", str(synthetic), "--out", str(base / "B"), *BUILD_ARGS)
    seconds = time.monotonic() - t0
    a, b = Reference(base / "A"), Reference(base / "B")
    assert set(a.files) == set(b.files) and len(a.files) >= 5, (a.files, b.files)
    assert all(a.bytes[n] != b.bytes[n] for n in a.bytes if not n.endswith(".gpkg"))
    assert len(b.bytes["map.html"]) > 200_000
    return a, b, seconds, synthetic


def _folder_with_a(refs, path: Path) -> Path:
    shutil.copytree(refs[0].folder, path)
    return path


def _start_b(refs, out: Path, env=None, program=None) -> subprocess.Popen:
    cmd = [
        sys.executable,
        *(program or ["-m", "mapping"]),
        "build",
        "--seeds",
        str(refs[3]),
        "--out",
        str(out),
        *BUILD_ARGS,
    ]
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


def test_the_check_sees_a_damaged_file(refs, tmp_path):
    """damaged_files is not blind: a truncated copy of each output is caught."""
    for name in refs[1].files:
        out = _folder_with_a(refs, tmp_path / name)
        data = refs[1].bytes[name]
        (out / name).write_bytes(data[: len(data) // 2])
        bad = damaged_files(out, refs[:2])
        assert len(bad) == 1 and bad[0].startswith(name), bad


def test_normal_build_leaves_no_temp_files(refs, tmp_path):
    out = tmp_path / "out"
    run_cli(
        "build", "--seeds", str(ROOT / "seeds"), "--out", str(out), "--tiles", "none", "--quiet"
    )  # with the default cache
    assert _temp_files(out) == []
    assert set(_outputs(out)) == set(refs[0].files)
    assert damaged_files(out, refs[:1]) == []
    if (out / ".cache").exists():
        leftovers = [p for p in (out / ".cache").rglob("*") if p.name.startswith(".")]
        assert leftovers == []


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.8, 0.9, 0.95, 1.0])
def test_kill_at_several_moments(refs, tmp_path, fraction):
    out = _folder_with_a(refs, tmp_path / "out")
    proc = _start_b(refs, out)
    time.sleep(refs[2] * fraction)
    _kill(proc)
    assert damaged_files(out, refs[:2]) == []
    assert set(_outputs(out)) == set(refs[0].files)


def test_kill_the_moment_a_temp_file_appears(refs, tmp_path):
    """Real timing, no instrumentation: poll the folder and kill while a file is in flight."""
    caught = []
    for attempt in range(8):
        out = _folder_with_a(refs, tmp_path / f"out{attempt}")
        proc, temps = _start_b(refs, out), []
        deadline = time.monotonic() + refs[2] * 3 + 30
        while proc.poll() is None and time.monotonic() < deadline:
            temps = _temp_files(out)
            if temps:
                break
        _kill(proc)
        if temps and proc.returncode == -signal.SIGKILL:
            caught.append(temps)
        assert damaged_files(out, refs[:2]) == [], attempt
        if len(caught) >= 2:
            break
    assert caught, "never saw a temporary file: the build wrote nothing through a temp file?"


@pytest.fixture(scope="module")
def wrapper(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wrapper") / "stall_build.py"
    path.write_text(STALL_WRAPPER, encoding="utf-8")
    return path


def _stalled_run(refs, wrapper, out: Path, target: str, mode: str) -> int:
    """Build B, stalled half-way through writing `target`, then SIGKILLed; returns how many
    bytes of it had been written."""
    marker = out.parent / f"{out.name}.marker"
    env = dict(
        os.environ,
        TM_ROOT=str(ROOT),
        TM_STALL_ON=target,
        TM_STALL_MARKER=str(marker),
        TM_STALL_MODE=mode,
    )
    proc = _start_b(refs, out, env=env, program=[str(wrapper)])
    deadline = time.monotonic() + refs[2] * 3 + 60
    while not (marker.exists() and marker.read_text()):  # created, then written: wait for both
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the build never reached the write"
        time.sleep(0.01)
    _kill(proc)
    return int(marker.read_text())


TEXT_OUTPUTS = ["provinces.geojson", "mentions.csv", "map.html"]


@pytest.mark.parametrize("target", TEXT_OUTPUTS)
def test_killed_mid_write_leaves_the_previous_file(refs, wrapper, tmp_path, target):
    out = _folder_with_a(refs, tmp_path / "out")
    half = _stalled_run(refs, wrapper, out, target, mode="atomic")
    assert half > 0
    assert damaged_files(out, refs[:2]) == []
    assert (out / target).read_bytes() == refs[0].bytes[target]  # the previous map, intact
    temps = [out / n for n in _temp_files(out) if n.startswith(f".{target}.")]
    assert len(temps) == 1 and temps[0].stat().st_size == half  # killed mid-write indeed


@pytest.mark.parametrize("target", TEXT_OUTPUTS)
def test_control_in_place_writer_is_caught(refs, wrapper, tmp_path, target):
    """The same kill with a plain open(path, 'wb') writer damages the file, and the check
    says so: the tests above could fail."""
    out = _folder_with_a(refs, tmp_path / "out")
    half = _stalled_run(refs, wrapper, out, target, mode="naive")
    assert (out / target).stat().st_size == half
    assert [n for n in damaged_files(out, refs[:2]) if n.startswith(target)]


def test_two_builds_at_once_into_one_folder(refs, tmp_path):
    """Builds A, B and A race twice into one folder while a reader keeps reading the
    text outputs: every read is a complete version, and so is every file at the end."""
    out = _folder_with_a(refs, tmp_path / "out")
    complete = {n: {refs[0].bytes[n], refs[1].bytes[n]} for n in TEXT_OUTPUTS}
    torn, reads, stop = [], [0], threading.Event()

    def reader():
        while not stop.is_set():
            for name in TEXT_OUTPUTS:
                data = (out / name).read_bytes()
                reads[0] += 1
                if data not in complete[name]:
                    torn.append((name, len(data)))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        for _ in range(2):
            procs = [
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "mapping",
                        "build",
                        "--seeds",
                        str(seeds),
                        "--out",
                        str(out),
                        *BUILD_ARGS,
                    ],
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                for seeds in (ROOT / "seeds", refs[3], ROOT / "seeds")
            ]
            for p in procs:
                assert p.wait(timeout=600) == 0, p.stderr.read().decode()
    finally:
        stop.set()
        thread.join(timeout=60)
    assert torn == [] and reads[0] > 100
    assert damaged_files(out, refs[:2]) == []
    assert _temp_files(out) == []
