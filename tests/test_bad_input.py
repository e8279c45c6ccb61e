"""Bad seeds: one clear stderr line each, the other seeds still build, exit codes say which.

One temporary seeds folder holds every kind of bad input from the issue (encodings, binary
and PDF files, empty files, a file over MAX_SEED_BYTES, an unreadable file, a broken
symlink, hostile names, broken front matter ...) next to a copy of the real seed and its
sidecar. The real CLI builds it; each case is also read in-process through
mapping.seeds.read_one, which is what the pipeline calls per file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import ctypes
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_cli

from mapping.seeds import MAX_SEED_BYTES, SeedError, decode, read_one, read_seed

OUTPUTS = ("provinces.geojson", "mentions.csv", "map.html")

# Good seeds in unusual encodings: (file name, text, encoding, BOM, note expected on stderr).
NIMROZ = (
    "NIMROZ, Aug 6 - Taliban fighters captured Zaranj, the capital of Nimroz province, on Friday.\n"
)
JAWZJAN = (
    "Taliban fighters overran Sheberghan, the capital of Jawzjan province, on Saturday, "
    "officials said.\n"
)
FARAH = "The Taliban took control of Farah city, the capital of Farah province, on Tuesday.\n"
HELMAND = (
    "Government forces repelled an attack on Lashkar Gah, the capital of Helmand province "
    "\u2013 \u201cwe held,\u201d said caf\u00e9 owner Jos\u00e9, paying 5 \u20ac.\n"
)
GHAZNI = (
    "The Taliban captured Ghazni, the capital of Ghazni province, on Thursday; the na\u00efve "
    "fa\u00e7ade of calm ended at 10\u00b0C.\n"
)
BAGHLAN = "The Taliban captured Pul-e-Khumri, the capital of Baghlan province, on Wednesday.\n"
NON_ASCII_NAME = "Kabul news \u00e9t\u00e9 \u062e\u0628\u0631.txt"

ENCODED = [
    ("utf8 bom.txt", NIMROZ, "utf-8", codecs.BOM_UTF8, "UTF-8 with BOM"),
    ("utf16 le.txt", JAWZJAN, "utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 with BOM"),
    ("utf16 be.txt", FARAH, "utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 with BOM"),
    ("windows-1252.txt", HELMAND, "cp1252", b"", "Windows-1252"),
    ("latin-1.txt", GHAZNI, "latin-1", b"", "Windows-1252"),
    (NON_ASCII_NAME, BAGHLAN, "utf-8", b"", None),
]
GOOD_TEXT = {name: text for name, text, *_ in ENCODED}
EXPECTED_PROVINCES = {
    "AF-SAM": "captured",
    "AF-NIM": "captured",
    "AF-JOW": "captured",
    "AF-FRA": "captured",
    "AF-HEL": "government",
    "AF-GHA": "captured",
    "AF-BGL": "captured",
}

DEEP_YAML = "---\ntitle: " + "[" * 5000 + "\n---\nThe Taliban captured Herat.\n"
# 32,000 nested block sequences: libyaml's loader (CSafeLoader) overflows the C stack on it.
DEEP_BLOCK_YAML = "---\nnote:\n" + "- " * 32000 + "x\n---\nThe Taliban captured Herat.\n"
# 60,000 '[': YAML parsers take minutes on this (quadratic), then the C loader crashes.
DEEP_FLOW_YAML = "---\ntitle: " + "[" * 60000 + "\n---\nThe Taliban captured Herat.\n"
BIG_FRONT_MATTER = "---\nnote: " + "x" * 70000 + "\n---\nThe Taliban captured Herat.\n"
# Nine levels of nine YAML aliases: harmless as parsed, ~387 million items if ever str()-ed.
LAUGHS = (
    "---\ndate: [&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol], "
    + ", ".join(f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10))
    + "]\n---\nThe Taliban captured Herat.\n"
)


def _text(content: str):
    return lambda p: p.write_bytes(content.encode("utf-8"))


def _bytes(content: bytes):
    return lambda p: p.write_bytes(content)


def _sparse(size: int):
    """A file of `size` bytes that takes no disk space and no memory to create."""

    def make(p: Path) -> None:
        with open(p, "wb") as fh:
            fh.truncate(size)

    return make


def _symlink(target: str):
    return lambda p: os.symlink(target, p)


def _with_sidecar(body: str, sidecar: str):
    def make(p: Path) -> None:
        p.write_text(body, encoding="utf-8")
        p.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")

    return make


def _with_odd_sidecar(make_sidecar):
    """A good seed whose NAME.yaml is a folder or a pipe: reported, never silently ignored."""

    def make(p: Path) -> None:
        p.write_text("The Taliban captured Herat.\n", encoding="utf-8")
        make_sidecar(p.with_suffix(".yaml"))

    return make


def _locked(p: Path) -> None:
    p.write_text("The Taliban captured Herat on Friday.\n", encoding="utf-8")
    p.chmod(0)


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 20
BINARY = random.Random(20210815).randbytes(8192)

# (file name, how the name is shown on stderr, maker, reason that must be on its line)
BAD = [
    ("binary.txt", None, _bytes(BINARY), "not text"),
    ("scan.txt", None, _bytes(PDF), "not text"),
    ("empty.txt", None, _bytes(b""), "empty"),
    ("whitespace only.txt", None, _bytes(b"  \n\t \r\n\n   "), "empty"),
    ("huge.txt", None, _sparse(MAX_SEED_BYTES + 1), f"{MAX_SEED_BYTES:,}-byte limit"),
    ("locked.txt", None, _locked, "permission denied"),
    ("broken link.txt", None, _symlink("no-such-article.dat"), "broken symbolic link"),
    ("endless.txt", None, _symlink("/dev/zero"), "not a regular file"),
    ("pipe.txt", None, lambda p: os.mkfifo(p), "not a regular file"),
    ("folder.txt", None, lambda p: p.mkdir(), "not a regular file"),
    (
        "bad yaml.txt",
        None,
        _text("---\ntitle: [unclosed\n---\nThe Taliban captured Herat.\n"),
        "malformed YAML",
    ),
    (
        "unclosed front matter.txt",
        None,
        _text("---\ntitle: Herat falls\nThe Taliban captured Herat.\n"),
        "no closing '---'",
    ),
    (
        "ambiguous date.txt",
        None,
        _text("---\ndate: 03/04/2021\n---\nThe Taliban captured Herat.\n"),
        "'03/04/2021' is ambiguous",
    ),
    (
        "impossible date.txt",
        None,
        _text("---\ndate: 2021-13-45\n---\nThe Taliban captured Herat.\n"),
        "'2021-13-45' is no calendar date",
    ),
    (
        "duplicate key.txt",
        None,
        _text("---\ndate: 2021-08-10\ndate: 2021-08-11\n---\nKabul.\n"),
        "field 'date' is given twice",
    ),
    (
        "sidecar folder.txt",
        None,
        _with_odd_sidecar(os.mkdir),
        "sidecar folder.yaml: not a regular file (a folder)",
    ),
    (
        "sidecar pipe.txt",
        None,
        _with_odd_sidecar(os.mkfifo),
        "sidecar pipe.yaml: not a regular file (a pipe",
    ),
    ("deeply nested.txt", None, _text(DEEP_YAML), "nested too deeply"),
    ("deep block yaml.txt", None, _text(DEEP_BLOCK_YAML), "nested too deeply"),
    ("deep flow yaml.txt", None, _text(DEEP_FLOW_YAML), "nested too deeply"),
    ("big front matter.txt", None, _text(BIG_FRONT_MATTER), "over 65,536 characters"),
    ("billion laughs.txt", None, _text(LAUGHS), "field 'date' must be a date such as"),
    ("front matter only.txt", None, _text("---\ntitle: Herat\n---\n\n"), "no article text"),
    (
        "bad sidecar.txt",
        None,
        _with_sidecar("The Taliban captured Herat.\n", "title: [oops\n"),
        "bad sidecar.yaml: malformed YAML",
    ),
    ("line\nbreak.txt", "line\\nbreak.txt", _bytes(b""), "empty"),
    (
        os.fsdecode(b"caf\xe9.txt"),
        "caf\\udce9.txt",
        _text("The Taliban captured Herat.\n"),
        "file name is not valid UTF-8",
    ),
]


def _drop_dac_caps() -> None:
    """preexec_fn: a root child loses the capability to read files whatever their mode."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@contextlib.contextmanager
def _as_unprivileged():
    """Run subprocesses (hence conftest.run_cli) without root's read-anything capability,
    so a chmod 000 file really is unreadable; a no-op for a normal user."""
    if os.geteuid() != 0:
        yield
        return
    real = subprocess.run
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(subprocess, "run", lambda *a, **k: real(*a, preexec_fn=_drop_dac_caps, **k))
        yield


def _lock_works(path: Path) -> bool:
    """Whether a child process really cannot read `path` (false only if caps cannot be dropped)."""
    try:
        with _as_unprivileged():
            proc = subprocess.run(
                [sys.executable, "-c", f"open({str(path)!r}, 'rb').read()"],
                capture_output=True,
                text=True,
                timeout=60,
            )
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode != 0 and "PermissionError" in proc.stderr


def _copy_real_seed(folder: Path) -> None:
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED.with_suffix(".yaml"), folder / SEED.with_suffix(".yaml").name)


def _make_folder(folder: Path, bad=BAD, good=True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if good:
        _copy_real_seed(folder)
        for name, text, enc, bom, _ in ENCODED:
            (folder / name).write_bytes(bom + text.encode(enc))
    for name, _, make, _ in bad:
        make(folder / name)
    return folder


def _shown(seeds: Path, name: str, display: str | None) -> str:
    return f"{seeds}/{display or name}: "


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    """The real CLI on the mixed folder: (seeds folder, output folder, process, lock works)."""
    base = tmp_path_factory.mktemp("bad_input")
    seeds = _make_folder(base / "seeds")
    locked = _lock_works(seeds / "locked.txt")
    if not locked:  # cannot make it unreadable here: leave it out
        (seeds / "locked.txt").chmod(0o644)
        (seeds / "locked.txt").unlink()
    out = base / "out"
    with _as_unprivileged():
        proc = run_cli(
            "build",
            "--seeds",
            str(seeds),
            "--out",
            str(out),
            "--tiles",
            "none",
            "--quiet",
            check=False,
        )
    yield seeds, out, proc, locked
    if (seeds / "locked.txt").exists():
        (seeds / "locked.txt").chmod(0o644)


def _cases(locked: bool):
    return [c for c in BAD if locked or c[0] != "locked.txt"]


def test_partial_build_exits_3_without_a_traceback(bad_build):
    _, out, proc, _ = bad_build
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    assert all((out / name).is_file() for name in OUTPUTS)


def test_every_bad_seed_gets_exactly_one_clear_line(bad_build):
    seeds, _, proc, locked = bad_build
    lines = proc.stderr.splitlines()
    for name, display, _, reason in _cases(locked):
        mine = [ln for ln in lines if _shown(seeds, name, display) in ln]
        assert len(mine) == 1, (name, mine, proc.stderr)
        assert mine[0].startswith("skipped: ") and reason in mine[0], mine[0]


def test_unreadable_seed_is_reported(bad_build):
    seeds, _, proc, locked = bad_build
    if not locked:
        pytest.skip("cannot drop root's read-anything capability in this environment")
    line = [ln for ln in proc.stderr.splitlines() if f"{seeds}/locked.txt: " in ln]
    assert line and "permission denied" in line[0]


def test_odd_encodings_build_with_one_note_each(bad_build):
    seeds, _, proc, _ = bad_build
    lines = proc.stderr.splitlines()
    for name, _, _, _, note in ENCODED:
        mine = [ln for ln in lines if f"{seeds}/{name}: " in ln and not ln.startswith("warning")]
        if note is None:
            assert mine == [], mine
        else:
            assert len(mine) == 1 and mine[0].startswith("note: ") and note in mine[0], mine
    assert not [ln for ln in lines if f"{seeds}/{SEED.name}" in ln]


def test_stderr_holds_only_report_lines(bad_build):
    """Nothing but one line per problem: no line is forged or split by a hostile file name."""
    _, _, proc, locked = bad_build
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    # Two warnings: Nimroz's dateline has no year, and the undated seeds are named.
    expected = len(_cases(locked)) + sum(1 for *_, note in ENCODED if note) + 2
    assert len(lines) == expected, proc.stderr
    assert all(ln.startswith(("skipped: ", "note: ", "warning: ")) for ln in lines), proc.stderr


def test_good_seeds_still_on_the_map(bad_build):
    _, out, _, _ = bad_build
    doc = json.loads((out / "provinces.geojson").read_text(encoding="utf-8"))
    status = {f["properties"]["id"]: f["properties"]["status"] for f in doc["features"]}
    assert len(status) == 34
    for pid, expected in EXPECTED_PROVINCES.items():
        assert status[pid] == expected, pid
    assert "seized Aybak" in next(
        f["properties"]["evidence"] for f in doc["features"] if f["properties"]["id"] == "AF-SAM"
    )


def _mention_rows(out: Path) -> list[dict]:
    with open(out / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_only_the_good_seeds_are_in_mentions(bad_build):
    _, out, _, _ = bad_build
    seeds_used = {r["seed"] for r in _mention_rows(out)}
    assert seeds_used == {SEED.name, *GOOD_TEXT}


def test_legacy_encodings_decoded_not_mangled(bad_build):
    _, out, _, _ = bad_build
    rows = _mention_rows(out)
    evidence = {r["seed"]: r["evidence"] for r in rows}
    assert (
        "\u2013 \u201cwe held,\u201d said caf\u00e9 owner Jos\u00e9, paying 5 \u20ac."
        in evidence["windows-1252.txt"]
    )
    assert "na\u00efve fa\u00e7ade of calm ended at 10\u00b0C" in evidence["latin-1.txt"]
    page = (out / "map.html").read_text(encoding="utf-8")
    for junk in ("\u00c3\u00a9", "\u00e2\u20ac", "\ufffd"):  # mojibake of é, of “ and –
        assert not any(junk in r["evidence"] for r in rows), junk
        assert junk not in page, junk


def test_offsets_index_the_decoded_text(bad_build):
    """start/end index the decoded text (BOM removed), whatever the file's encoding."""
    _, out, _, _ = bad_build
    texts = dict(GOOD_TEXT, **{SEED.name: SEED.read_text(encoding="utf-8")})
    rows = _mention_rows(out)
    assert {r["seed"] for r in rows} == set(texts)
    for r in rows:
        assert texts[r["seed"]][int(r["start"]) : int(r["end"])] == r["surface"], r


def test_strict_stops_and_writes_nothing(tmp_path):
    seeds = _make_folder(tmp_path / "seeds", bad=[c for c in BAD if c[0] == "empty.txt"])
    out = tmp_path / "out"
    proc = run_cli(
        "build",
        "--seeds",
        str(seeds),
        "--out",
        str(out),
        "--tiles",
        "none",
        "--strict",
        check=False,
    )
    assert proc.returncode == 3, proc.stderr
    assert "--strict" in proc.stderr and f"{seeds}/empty.txt: " in proc.stderr
    assert not any((out / name).exists() for name in OUTPUTS)


def test_strict_with_good_seeds_builds(tmp_path):
    proc = run_cli(
        "build",
        "--seeds",
        str(ROOT / "seeds"),
        "--out",
        str(tmp_path),
        "--tiles",
        "none",
        "--quiet",
        "--strict",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert all((tmp_path / name).is_file() for name in OUTPUTS)


def test_notes_alone_still_exit_0(tmp_path):
    """A seed decoded from Windows-1252 is built (with a note): that is not a skip."""
    seeds = _make_folder(tmp_path / "seeds", bad=[], good=False)
    _copy_real_seed(seeds)
    (seeds / "windows-1252.txt").write_bytes(HELMAND.encode("cp1252"))
    proc = run_cli(
        "build",
        "--seeds",
        str(seeds),
        "--out",
        str(tmp_path / "out"),
        "--tiles",
        "none",
        "--quiet",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("note: ") and "Windows-1252" in proc.stderr


def test_nothing_buildable_exits_4_and_writes_nothing(tmp_path):
    few = [c for c in BAD if c[0] in ("binary.txt", "scan.txt", "empty.txt", "bad yaml.txt")]
    seeds = _make_folder(tmp_path / "seeds", bad=few, good=False)
    out = tmp_path / "out"
    proc = run_cli(
        "build", "--seeds", str(seeds), "--out", str(out), "--tiles", "none", check=False
    )
    assert proc.returncode == 4, proc.stderr
    for name, *_ in few:
        assert f"{seeds}/{name}: " in proc.stderr
    assert "no seed could be read" in proc.stderr and "Traceback" not in proc.stderr
    assert not any((out / name).exists() for name in OUTPUTS)


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("missing", "does not exist"),
        ("empty", "no seeds"),
        ("no txt", "no seeds"),
        ("a file", "not a folder"),
    ],
)
def test_no_seeds_folder_exits_4(tmp_path, kind, reason):
    seeds = tmp_path / "seeds"
    if kind == "empty":
        seeds.mkdir()
    elif kind == "no txt":
        seeds.mkdir()
        (seeds / "README.md").write_text("Herat fell.\n")
        (seeds / "article.pdf").write_bytes(PDF)
    elif kind == "a file":
        seeds.write_text("The Taliban captured Herat.\n")
    proc = run_cli("build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), check=False)
    assert proc.returncode == 4, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(seeds) in lines[0] and reason in lines[0], proc.stderr
    assert not (tmp_path / "out").exists()


def test_usage_error_exits_2(tmp_path):
    proc = run_cli("build", "--no-such-option", check=False)
    assert proc.returncode == 2 and "usage" in proc.stderr


def test_exit_codes_are_distinct():
    from mapping.errors import ExitCode

    assert [int(c) for c in ExitCode] == [0, 2, 3, 4, 5, 6]


def _raise(exc: Exception):
    raise exc


# ---- the same cases in-process: mapping.seeds.read_one, what the pipeline calls per file


@pytest.mark.parametrize("name, display, make, reason", BAD, ids=[c[0] for c in BAD])
def test_read_one_skips_bad_seed_with_one_problem(
    tmp_path, monkeypatch, name, display, make, reason
):
    path = tmp_path / name
    make(path)
    if name == "locked.txt" and os.geteuid() == 0:
        # root reads any file: make open() answer as it does for anyone else (EACCES); the
        # CLI test above runs with the capability dropped for the real thing.
        real_open = os.open
        monkeypatch.setattr(
            os,
            "open",
            lambda p, *a, **k: (
                _raise(PermissionError(13, "Permission denied", str(p)))
                if Path(p) == path
                else real_open(p, *a, **k)
            ),
        )
    try:
        seed, problems = read_one(path)
    finally:
        if name == "locked.txt":
            monkeypatch.undo()
            path.chmod(0o644)
    assert seed is None
    assert len(problems) == 1 and problems[0].fatal
    line = str(problems[0])
    assert reason in line and "\n" not in line and (display or name) in line


@pytest.mark.parametrize("name, text, enc, bom, note", ENCODED, ids=[c[0] for c in ENCODED])
def test_read_one_decodes_each_encoding_exactly(tmp_path, name, text, enc, bom, note):
    path = tmp_path / name
    path.write_bytes(bom + text.encode(enc))
    seed, problems = read_one(path)
    assert seed is not None and seed.text == text
    problems = [p for p in problems if p.label == "note"]  # not the dateline's warning
    if note:
        assert len(problems) == 1 and not problems[0].fatal and note in problems[0].message
    else:
        assert problems == []


def test_mixed_utf8_with_stray_windows_1252_bytes():
    """Only the bytes that are not UTF-8 are reinterpreted; the UTF-8 around them survives."""
    data = "Caf\u00e9 \u201cnews\u201d: ".encode("utf-8") + b"the Taliban\x92s advance \x96 Herat"
    text, note = decode(data)
    assert text == "Caf\u00e9 \u201cnews\u201d: the Taliban\u2019s advance \u2013 Herat"
    assert "Windows-1252" in note


def test_undefined_windows_1252_bytes_are_kept_not_replaced():
    text, _ = decode(b"Herat \x81\x8d\x8f\x90\x9d \xe9")
    assert text == "Herat \x81\x8d\x8f\x90\x9d \u00e9"


@pytest.mark.parametrize(
    "data, note",
    [
        (codecs.BOM_UTF8 + b"Herat \xff fell", "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE + "Herat fell".encode("utf-16-le") + b"x", "UTF-16 with BOM"),
        (codecs.BOM_UTF16_BE + b"\xd8\x00" + "Herat".encode("utf-16-be"), "UTF-16 with BOM"),
        (codecs.BOM_UTF32_LE + "Herat fell".encode("utf-32-le"), "UTF-32 with BOM"),
    ],
)
def test_damaged_or_rare_bom_text_never_raises(data, note):
    text, remark = decode(data)
    assert "Herat" in text and remark.startswith(note)


def test_utf16_without_bom_is_not_text():
    with pytest.raises(SeedError, match="not text"):
        decode("The Taliban captured Herat.".encode("utf-16-le"))


def test_large_and_endless_files_do_not_use_memory(tmp_path):
    """A 2 GiB (sparse) seed and a symlink to /dev/zero are refused without reading them;
    measured in a child process: its peak memory must not grow by more than 64 MiB."""
    (tmp_path / "huge.txt").touch()
    os.truncate(tmp_path / "huge.txt", 2 * 1024**3)
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.mkfifo(tmp_path / "fifo.txt")
    code = f"""
import resource, sys
sys.path.insert(0, {str(ROOT)!r})
from mapping.seeds import read_one
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for name in ("huge.txt", "zero.txt", "fifo.txt"):
    seed, problems = read_one(__import__("pathlib").Path({str(tmp_path)!r}) / name)
    assert seed is None, name
    print(problems[0])
print("grew", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert (
        "limit" in lines[0]
        and "not a regular file" in lines[1]
        and "not a regular file" in lines[2]
    )
    assert int(lines[-1].split()[1]) < 64 * 1024  # ru_maxrss is in KiB on Linux


def test_file_growing_past_the_limit_is_not_read_whole(tmp_path, monkeypatch):
    """The limit holds on the bytes read, not only on the size the file had when checked
    (a file that grows between the check and the read)."""
    from mapping.seeds import read_bytes_limited

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    def stale_size(fd):  # what fstat said before the file grew: 10 bytes
        st = real_fstat(fd)
        return os.stat_result(
            (st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10, 0, 0, 0)
        )

    monkeypatch.setattr(os, "fstat", stale_size)
    with pytest.raises(SeedError, match="limit"):
        read_bytes_limited(path, 50)
    monkeypatch.undo()
    assert read_bytes_limited(path, 100) == b"x" * 100


def test_read_seed_error_is_one_line_without_the_folder(tmp_path):
    """read_seed's reason is relative; the problem line adds the path once."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(SeedError) as info:
        read_seed(path)
    assert str(tmp_path) not in str(info.value) and "\n" not in str(info.value)
