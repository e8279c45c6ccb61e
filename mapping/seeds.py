"""Seeds: the news articles the map is built from, with their metadata.

A seed is a ``*.txt`` file in the seeds folder. Its metadata (all optional) comes from
YAML front matter at the top of the file, between two ``---`` lines, or from a sidecar
``NAME.yaml`` beside ``NAME.txt`` (for articles whose text must stay exactly as received);
front matter wins where both set a field. Fields: title, source, url, date (ISO date or
date-time), note.

Seed text is untrusted. Reading never raises for one bad file: it returns a SeedProblem
naming the file and what is wrong, so the other seeds still build.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_SEED_BYTES = 5 * 1024 * 1024     # larger files are skipped, never read whole into memory
META_FIELDS = {"title", "source", "url", "date", "note"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class Seed:
    path: Path
    text: str                    # the whole decoded file; mention offsets index into it
    body_start: int = 0          # where the article starts (after any front matter)
    title: str = ""
    source: str = ""
    url: str = ""
    date: str = ""               # ISO date or date-time, "" when unknown
    note: str = ""
    notes: list[str] = field(default_factory=list)   # remarks from reading, e.g. the encoding

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class SeedProblem:
    path: Path
    message: str
    fatal: bool = True            # False: the seed was read, with a remark

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SeedError(ValueError):
    """Raised by read_seed for a seed that cannot be used; str() names the file."""


def discover(seeds_dir: Path) -> list[Path]:
    """The seed files of a folder in a stable order; raises SeedError if there is none."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise SeedError(f"{seeds_dir}: seeds folder does not exist")
    paths = sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() == ".txt")
    if not paths:
        raise SeedError(f"{seeds_dir}: no seeds (*.txt files) in this folder")
    return paths


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text, with a remark when the encoding was not plain UTF-8.

    Why: seeds come from copy-paste and scrapers. BOMs say what they are; text that is not
    UTF-8 is almost always Windows-1252 in news copy, and is decoded as that, not mangled.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), "UTF-8 with BOM"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(enc), "UTF-16 with BOM"
    if b"\x00" in data[:4096] or data[:5] == b"%PDF-":
        raise SeedError("not text (binary file or PDF); skipped")
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, "not UTF-8; decoded as Windows-1252"


def _meta_from_yaml(raw: str, where: str) -> dict:
    try:
        meta = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        raise SeedError(f"{where}: malformed YAML ({str(exc).splitlines()[0]})") from exc
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise SeedError(f"{where}: metadata must be key: value lines")
    unknown = set(map(str, meta)) - META_FIELDS
    if unknown:
        raise SeedError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; "
                        f"allowed: {', '.join(sorted(META_FIELDS))}")
    out = {}
    for key, value in meta.items():
        if key == "date":
            out["date"] = _iso_date(value, where)
        elif value is not None:
            if not isinstance(value, (str, int, float)):
                raise SeedError(f"{where}: field '{key}' must be text")
            out[key] = str(value)
    return out


def _iso_date(value, where: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        parsed = dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise SeedError(f"{where}: field 'date' is not an ISO date ({value!r}); "
                        "use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    if len(str(value).strip()) == 10:
        return parsed.date().isoformat()
    return parsed.replace(tzinfo=None).isoformat(timespec="minutes")


def read_seed(path: Path) -> Seed:
    """Read one seed; raises SeedError with a one-line reason for an unusable file."""
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise SeedError("broken symbolic link; skipped")
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise SeedError(f"file is {size:,} bytes, over the {MAX_SEED_BYTES:,}-byte limit; skipped")
        data = path.read_bytes()
    except PermissionError:
        raise SeedError("cannot read file (permission denied); skipped") from None
    except OSError as exc:
        raise SeedError(f"cannot read file ({exc.strerror or exc}); skipped") from None
    text, remark = decode(data)
    if not text.strip():
        raise SeedError("empty file; skipped")
    seed = Seed(path=path, text=text, notes=[remark] if remark else [])
    meta = {}
    sidecar = path.with_suffix(".yaml")
    if sidecar.is_file():
        meta.update(_meta_from_yaml(sidecar.read_text(encoding="utf-8"), f"{sidecar.name}"))
    m = _FRONT_MATTER.match(text)
    if m:
        meta.update(_meta_from_yaml(m.group(1), "front matter"))
        seed.body_start = m.end()
    elif text.lstrip("\ufeff").startswith("---"):
        raise SeedError("front matter starts with '---' but has no closing '---' line")
    for key, value in meta.items():
        setattr(seed, key, value)
    if not seed.body.strip():
        raise SeedError("no article text after the front matter; skipped")
    return seed


def read_seeds(seeds_dir: Path) -> tuple[list[Seed], list[SeedProblem]]:
    """Every readable seed of a folder, and one problem line for each that is not."""
    seeds, problems = [], []
    for path in discover(seeds_dir):
        try:
            seed = read_seed(path)
        except SeedError as exc:
            problems.append(SeedProblem(path, str(exc)))
            continue
        seeds.append(seed)
        problems.extend(SeedProblem(path, n, fatal=False) for n in seed.notes)
    return seeds, problems
