"""Incremental builds: each seed's extraction cached by content hash and tool version.

Adding one article to a folder of thousands re-reads only that article. Entries live in a
folder named after the tool fingerprint (package version and the bytes of the code, the
lexicon and the geodata), so changing any of them invalidates every entry, and the folders
of other versions are removed when a cache is opened. An entry that cannot be read, does
not parse, is cut short or names another version is rebuilt, never trusted.

Unchanged seed files are not even read again: SeedIndex remembers each file's stamp and
what reading it gave (metadata, key), as git and make know unchanged files.

An entry is one file: a line of JSON (readings, reports, foreign names), then the seed's
mentions.csv rows as raw text, whose byte length the JSON records. Why not all JSON: the
rows are half of each entry, and parsing them as a JSON string doubled a rebuild's reading.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from .gazetteer import GEODATA_DIR, Gazetteer
from .mentions import ForeignMention, Mention
from .rules import RULES_PATH
from .history import Report
from .seeds import META_FIELDS, Seed
from .statuses import Reading

FORMAT = 5      # JSON line (readings, sentences once, reports), then the raw mentions.csv rows
MARKER = "territory-map-cache"     # in each version folder: only such folders are ever pruned
INDEX = "seeds.json"               # SeedIndex, in the version folder
RECENT_NS = 2_000_000_000          # files changed this shortly before being read are not indexed


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Package version, code, lexicon and geodata: all an extraction depends on besides the
    text. The code is included so that a changed rule in Python invalidates the cache too."""
    from . import __version__

    h = hashlib.sha256(f"{__version__}:{FORMAT}".encode())
    code = sorted(Path(__file__).parent.glob("*.py"))
    for path in [RULES_PATH, *code, *sorted(GEODATA_DIR.iterdir())]:
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


class ExtractCache:
    """A folder of entries, one per (seed text, tool fingerprint)."""

    def __init__(self, folder: Path, gaz: Gazetteer):
        self.folder = Path(folder)
        self.places = {**gaz.provinces, **gaz.places}    # one lookup per cached mention
        self.version = tool_fingerprint()
        self.hits = self.misses = 0
        self.broken = ""          # set when the cache folder cannot be written
        self._marked = False      # MARKER written in this version's folder
        self._prune_other_versions()
        self.index = SeedIndex(self.folder / self.version / INDEX)

    def _path(self, key: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", key):
            raise ValueError("not a SHA-256 key")
        return self.folder / self.version / key[:2] / key

    def save_index(self) -> None:
        """Write the seed index of this build (seeds of earlier builds only are dropped)."""
        self._write(self.index.path, json.dumps({"seeds": self.index.seen}).encode("utf-8"))

    def _prune_other_versions(self) -> None:
        """Entries of another tool version can never be read again: remove their folders
        (only those holding the MARKER file, so a wrong --cache path loses nothing), and
        the entries of the flat layout used before version folders (FORMAT 4 and older)."""
        try:
            folders = [d for d in self.folder.iterdir() if d.is_dir() and d.name != self.version]
        except OSError:
            return
        for d in folders:
            if re.fullmatch(r"[0-9a-f]{16}", d.name) and (d / MARKER).is_file():
                shutil.rmtree(d, ignore_errors=True)
            elif re.fullmatch(r"[0-9a-f]{2}", d.name):
                _remove_flat_entries(d)

    def get(self, key: str, seed: str = "", date: str = ""
            ) -> tuple[list[Reading], list[ForeignMention], str | None, list[Report]] | None:
        """The cached readings of the text with this key (seeds.text_digest), named after
        `seed` and dated `date`, its foreign names, its mentions.csv rows (or None) and its
        reports (one per place)."""
        try:
            head, _, rows = self._path(key).read_bytes().partition(b"\n")
            data = json.loads(head)
            if data.get("version") != self.version:
                raise ValueError("other version")
            if data["rows_bytes"] is not None and data["rows_bytes"] != len(rows):
                raise ValueError("entry cut short")
            sentences = data["sentences"]
            result = ([self._reading(r, sentences, seed, date) for r in data["readings"]],
                      [ForeignMention(*f) for f in data["foreign"]],
                      None if data["rows_bytes"] is None else rows.decode("utf-8"),
                      [self._report(r, seed, date) for r in data["reports"]])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            self.misses += 1       # (UnicodeDecodeError and JSONDecodeError are ValueErrors)
            return None
        self.hits += 1
        return result

    def put(self, key: str, readings: list[Reading], foreign: list[ForeignMention],
            rows: str | None = None, reports: list[Report] = ()) -> None:
        if self.broken:
            return
        sentences = list(dict.fromkeys(r.evidence for r in readings))
        index = {t: i for i, t in enumerate(sentences)}
        raw_rows = b"" if rows is None else rows.encode("utf-8")
        head = {"version": self.version, "sentences": sentences,
                "readings": [self._plain(r, index) for r in readings],
                "foreign": [[f.surface, f.start, f.end, f.country] for f in foreign],
                "reports": [[r.place.key, r.kind, r.status, r.violence] for r in reports],
                "rows_bytes": None if rows is None else len(raw_rows)}
        # json.dumps escapes every line break, so the head is exactly the first line.
        self._write(self._path(key), json.dumps(head, ensure_ascii=False).encode("utf-8")
                    + b"\n" + raw_rows)

    def _write(self, path: Path, data: bytes) -> None:
        """Atomically, so a killed build leaves no half entry; a failure only costs speed."""
        tmp = None
        try:
            if not self._marked:
                version_dir = self.folder / self.version
                version_dir.mkdir(parents=True, exist_ok=True)
                (version_dir / MARKER).write_text("entries of one territory-map version\n")
                self._marked = True
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError as exc:
            # A full disk or read-only cache folder costs speed, never the build.
            self.broken = f"cache not written ({exc.strerror or exc}): {self.folder}"
            if tmp:
                Path(tmp).unlink(missing_ok=True)

    @staticmethod
    def _plain(r: Reading, index: dict[str, int]) -> list:
        m = r.mention
        return [m.surface, m.start, m.end, m.place.key, m.match, m.kind, m.antecedent,
                r.status, r.rule, index[r.evidence], r.evidence_start, r.evidence_end,
                r.violence]

    def _reading(self, row: list, sentences: list[str], seed: str, date: str) -> Reading:
        (surface, start, end, key, match, kind, antecedent, status, rule, sentence,
         ev_start, ev_end, violence) = row
        m = Mention(surface, start, end, self.places[key], match, kind, antecedent)
        return Reading(m, status, rule, sentences[sentence], ev_start, ev_end, seed, date, violence)

    def _report(self, row: list, seed: str, date: str) -> Report:
        key, kind, status, violence = row
        return Report(self.places[key], kind, status, date, seed, violence)


def _remove_flat_entries(folder: Path) -> None:
    """Remove the old layout's entries (64 hex digits + .json, or their temp files) from one
    two-digit folder, and the folder if that empties it; any other file stays."""
    try:
        for f in folder.iterdir():
            if re.fullmatch(rf"{folder.name}[0-9a-f]{{62}}\.json|\.tmp-\w+\.json", f.name) \
                    and f.is_file():
                f.unlink()
        folder.rmdir()
    except OSError:
        pass      # not empty (a file of someone else's), or not ours to change


def file_stamp(path: Path) -> list | None:
    """[device, inode, size, mtime_ns, ctime_ns] of a file, None if there is none. The
    change time catches a rewrite that restores the modification time (cp -p, touch -d)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


class SeedIndex:
    """Seed files unchanged since the last build, known by the stamps of the file and of
    its sidecar, so a rebuild of thousands neither reads them nor parses their metadata.

    A file changed less than RECENT_NS before it was read is not remembered: a second
    change within the file system's timestamp granularity could not be told apart. An
    index that does not parse, or an entry of the wrong shape, is ignored, never trusted.
    """

    def __init__(self, path: Path):
        self.path = path
        self.known = self._load()
        self.seen: dict[str, list] = {}
        self.unchanged = 0          # files this build did not read (lookup hits)

    def _load(self) -> dict:
        try:
            seeds = json.loads(self.path.read_bytes())["seeds"]
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        return seeds if isinstance(seeds, dict) else {}

    @staticmethod
    def stamps(path: Path) -> tuple[str, list]:
        """The index key of a seed file and its stamps, taken before it is read."""
        return os.path.abspath(path), [file_stamp(path), file_stamp(path.with_suffix(".yaml"))]

    def lookup(self, path: Path, stamps: tuple[str, list]) -> Seed | None:
        """The seed as last read, if its file and sidecar have the same stamps; its text
        is only read if something asks for it (Seed.text)."""
        key, now = stamps
        entry = self.known.get(key)
        if now[0] is None or not isinstance(entry, list) or len(entry) != 5 or entry[0] != now:
            return None
        _, digest, meta, body_start, notes = entry
        if not (isinstance(digest, str) and isinstance(meta, dict) and set(meta) <= META_FIELDS
                and all(isinstance(v, str) for v in meta.values())
                and type(body_start) is int and isinstance(notes, list)
                and all(isinstance(n, str) for n in notes)):
            return None
        self.seen[key] = entry
        self.unchanged += 1
        return Seed(path=path, body_start=body_start, notes=list(notes), known_digest=digest, **meta)

    def remember(self, seed: Seed, stamps: tuple[str, list]) -> None:
        key, now = stamps
        recent = time.time_ns() - RECENT_NS
        if now[0] is None or any(s and max(s[3], s[4]) > recent for s in now):
            return
        self.seen[key] = [now, seed.digest, seed.metadata(), seed.body_start, seed.notes]
