"""The tables staged by a forked child while the parent draws the map (mapping.background,
outputs.write_all): the same files as staging them in one process, all-or-none when either
side fails, no temp file left, and no child outliving a killed build."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from mapping import outputs
from mapping.errors import OutputError
from mapping.files import text_writer

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _pid_writer(tag: str):
    """A writer whose file names the process that wrote it."""
    return lambda tmp: tmp.write_text(f"{tag} written by {os.getpid()}\n", encoding="utf-8")


def _failing(error: BaseException):
    def writer(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise error

    return writer


def _files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def _old_outputs(folder: Path) -> dict[str, str]:
    folder.mkdir()
    for name in ("a.csv", "b.csv", "map.html"):
        (folder / name).write_text(f"old {name}\n", encoding="utf-8")
    return _files(folder)


def test_background_files_are_written_by_another_process(tmp_path):
    writers = {"map.html": _pid_writer("map"), "a.csv": _pid_writer("a"), "b.csv": _pid_writer("b")}
    written = outputs.write_all(tmp_path, writers, background=("a.csv", "b.csv"))
    assert [p.name for p in written] == ["map.html", "a.csv", "b.csv"]  # the writers' order
    pids = {name: text.split()[-1] for name, text in _files(tmp_path).items()}
    assert pids["map.html"] == str(os.getpid())
    assert pids["a.csv"] == pids["b.csv"] != str(os.getpid())


def test_same_bytes_with_and_without_the_child(tmp_path):
    def writers():
        return {
            "map.html": text_writer("<p>map</p>\n"),
            "a.csv": text_writer(["id,x\n", b"1,2\n"]),
            "b.csv": text_writer("\ufeffname\nZaranj\n"),
        }

    one, two = tmp_path / "one", tmp_path / "two"
    outputs.write_all(one, writers())
    outputs.write_all(two, writers(), background=("a.csv", "b.csv"))
    assert _files(one) == _files(two)


def test_child_disk_full_changes_nothing_and_names_the_file(tmp_path):
    out = tmp_path / "out"
    before = _old_outputs(out)
    writers = {
        "map.html": _pid_writer("map"),
        "a.csv": _pid_writer("a"),
        "b.csv": _failing(OSError(errno.ENOSPC, "No space left on device")),
    }
    with pytest.raises(OutputError) as caught:
        outputs.write_all(out, writers, background=("a.csv", "b.csv"))
    assert "cannot write b.csv (disk full)" in str(caught.value)
    assert _files(out) == before  # old outputs intact, no temp file of either process


def test_child_bug_is_raised_and_nothing_changes(tmp_path):
    out = tmp_path / "out"
    before = _old_outputs(out)
    writers = {"map.html": _pid_writer("map"), "a.csv": _failing(ValueError("bad row"))}
    with pytest.raises(RuntimeError, match="ValueError: bad row"):
        outputs.write_all(out, writers, background=("a.csv",))
    assert _files(out) == before


def test_parent_failure_removes_the_childs_files(tmp_path):
    out = tmp_path / "out"
    before = _old_outputs(out)
    writers = {
        "map.html": _failing(OSError(errno.EACCES, "Permission denied")),
        "a.csv": _pid_writer("a"),
        "b.csv": _pid_writer("b"),
    }
    with pytest.raises(OutputError, match=r"cannot write map\.html"):
        outputs.write_all(out, writers, background=("a.csv", "b.csv"))
    assert _files(out) == before


STALLED_PARENT = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from mapping.background import stage_in_child

out = Path(sys.argv[1])

def stall(tmp):
    tmp.write_text("started")
    (out / "child.pid").write_text(str(os.getpid()))
    time.sleep(600)

stage_in_child(out, {"a.csv": stall}).wait()
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in state  # a zombie has finished


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
def test_a_killed_build_leaves_no_writing_child(tmp_path):
    script = tmp_path / "stalled.py"
    script.write_text(STALLED_PARENT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([sys.executable, str(script), str(out), str(ROOT)])
    pid_file = out / "child.pid"
    deadline = time.monotonic() + 60
    while not (pid_file.exists() and pid_file.read_text()):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    child = int(pid_file.read_text())
    assert _alive(child)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 30
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


TIMELINE_SEEDS = ROOT / "tests" / "data" / "timeline"


def test_seed_tables_are_started_before_the_timeline_and_match(tmp_path):
    """The child for mentions.csv, sentences.csv and events.csv starts from the build as
    its seeds are read (no timeline yet) and writes the bytes of a one-process write."""
    from mapping.pipeline import build_paths
    from mapping.seeds import discover

    told: list = []
    result = build_paths(discover(TIMELINE_SEEDS), seeds_ready=told.append)
    assert len(told) == 1 and told[0].timeline is None and not told[0].provinces
    assert [r.seed.name for r in told[0].seeds] == [r.seed.name for r in result.seeds]
    early = outputs.start_seed_tables(tmp_path / "early", told[0])
    assert early.names == set(outputs.SEED_TABLES)
    writers = outputs.output_writers(result, "<p>map</p>\n")
    outputs.write_all(tmp_path / "early", writers, outputs.BACKGROUND, early)
    outputs.write_all(tmp_path / "one", outputs.output_writers(result, "<p>map</p>\n"))
    for name in [*outputs.SEED_TABLES, "history.csv", "provinces.geojson", "map.html"]:
        assert (tmp_path / "early" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def test_failure_after_an_early_start_removes_its_tables(tmp_path):
    """The map fails after the seed tables were staged early: old outputs intact, and no
    temp file of the early child left behind."""
    from mapping.pipeline import build_paths
    from mapping.seeds import discover

    told: list = []
    result = build_paths(discover(TIMELINE_SEEDS), seeds_ready=told.append)
    out = tmp_path / "out"
    before = _old_outputs(out)
    early = outputs.start_seed_tables(out, told[0])
    writers = outputs.output_writers(result, "<p>map</p>\n")
    writers["map.html"] = _failing(OSError(errno.EACCES, "Permission denied"))
    with pytest.raises(OutputError, match=r"cannot write map\.html"):
        outputs.write_all(out, writers, outputs.BACKGROUND, early)
    assert _files(out) == before


def test_an_output_path_that_is_a_file_starts_no_child(tmp_path):
    """Nothing can be written there: no child, and write_all still names the problem."""
    from mapping.pipeline import build_paths
    from mapping.seeds import discover

    told: list = []
    result = build_paths(discover(TIMELINE_SEEDS), seeds_ready=told.append)
    out = tmp_path / "out"
    out.write_text("a file\n", encoding="utf-8")
    early = outputs.start_seed_tables(out, told[0])
    assert early.names == frozenset()
    with pytest.raises(OutputError, match="is a file, not a folder"):
        outputs.write_all(out, outputs.output_writers(result, "<p/>"), (), early)
