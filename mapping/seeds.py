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
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from .errors import SeedError


class _MetaLoader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):  # type: ignore[misc]
    """YAML that keeps every value as the text written, and refuses duplicate keys.

    Why text: a title of 4,000 hex digits read as an integer could not even be printed
    (Python's int-to-text limit), and `title: 1e3` is a title, not 1000.0. Why no
    duplicates: with two `date:` lines, which one the article meant is a guess.
    libyaml's C parser when PyYAML has it: ten times faster on thousands of front matters.
    """

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"field '{_short(key, 40)}' is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_YAML_LOADER = _MetaLoader

MAX_SEED_BYTES = 5 * 1024 * 1024  # larger files are skipped, never read whole into memory
META_FIELDS = {"title", "source", "url", "date", "note"}
# The body group is optional so that an empty block ("---" then "---") is front matter too.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_OPENING_LINE = re.compile(r"\A\ufeff?---[ \t]*\r?(?:\n|\Z)")
# Byte-order marks, longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# C0 control bytes that plain text does not use (tab, LF, VT, FF, CR and ESC excepted).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_CP1252_FALLBACK = "territory-map-cp1252"
_META_CONTROLS = dict.fromkeys(b for b in range(32) if b not in (9, 10, 13))


@dataclass
class Seed:
    path: Path
    loaded_text: str | None = field(default=None, repr=False)  # see `text`
    body_start: int = 0  # where the article starts (after any front matter)
    title: str = ""
    source: str = ""
    url: str = ""
    date: str = ""  # ISO date or date-time, "" when unknown
    note: str = ""
    notes: list[str] = field(default_factory=list)  # remarks from reading, e.g. the encoding
    known_digest: str = field(default="", repr=False)
    reread: bool = field(default=False, repr=False)  # the text was not what the index said

    @cached_property
    def name(self) -> str:
        """The file name; cached because every mention row of the seed asks for it."""
        return self.path.name

    @property
    def text(self) -> str:
        """The whole decoded file; mention offsets index into it.

        A seed the cache's index knows to be unchanged since the last build is not read
        (mapping.cache.SeedIndex): its text is read here, on first use, if ever needed.
        """
        if self.loaded_text is None:
            fresh = read_seed(self.path)
            if self.known_digest and text_digest(fresh.text) != self.known_digest:
                self._adopt(fresh)
            self.loaded_text = fresh.text
        return self.loaded_text

    def _adopt(self, fresh: Seed) -> None:
        """Take what a new reading of the file gave, in place of what the index said.

        Why: the index's digest no longer matches the file (the file changed since, or
        the index was damaged); the text just read is the truth, so the seed is built
        from it, under its real digest, instead of being skipped on every build.
        """
        for key in (*META_FIELDS, "body_start", "notes"):
            setattr(self, key, getattr(fresh, key))
        self.known_digest = text_digest(fresh.text)
        self.reread = True

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def digest(self) -> str:
        """SHA-256 of the text: the seed's key in the extraction cache."""
        if not self.known_digest:
            self.known_digest = text_digest(self.text)
        return self.known_digest

    def metadata(self) -> dict:
        """The fields read from front matter or sidecar (what the cache index keeps)."""
        return {k: getattr(self, k) for k in sorted(META_FIELDS)}


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class SeedProblem:
    path: Path
    message: str
    fatal: bool = True  # False: the seed was read, with a remark

    def __str__(self) -> str:
        return one_line(f"{self.path}: {self.message}")


def one_line(text: str) -> str:
    """Text safe to print as one terminal line: line breaks, control characters and bytes
    that were not valid in a file name are shown as backslash escapes.

    Why: each bad seed is reported on exactly one line, and a file name or a YAML error
    may hold a newline or an escape sequence that would forge or hide report lines.
    """
    if text.isprintable():  # the usual case, at C speed: nothing to escape
        return text
    return "".join(
        c
        if c.isprintable() or unicodedata.category(c) == "Zs"
        else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        for c in text
    )


def _short(value, limit: int = 60) -> str:
    """A bounded repr for error messages, so a huge hostile value cannot flood the report."""
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit] + "\u2026"


def discover(seeds_dir: Path) -> list[Path]:
    """The seed files of a folder in a stable order; raises SeedError if there is none."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.exists():
        raise SeedError(f"{seeds_dir}: seeds folder does not exist")
    if not seeds_dir.is_dir():
        raise SeedError(f"{seeds_dir}: not a folder; give the folder that holds the *.txt seeds")
    try:
        paths = sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() == ".txt")
    except OSError as exc:
        raise SeedError(
            f"{seeds_dir}: cannot list the seeds folder ({exc.strerror or exc})"
        ) from None
    if not paths:
        raise SeedError(f"{seeds_dir}: no seeds (*.txt files) in this folder")
    return paths


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not valid UTF-8 are read as Windows-1252.

    Why: a file is often UTF-8 with a few pasted Windows-1252 bytes (a curly quote); only
    those bytes are reinterpreted, so the UTF-8 around them is not turned into mojibake.
    The five bytes Windows-1252 leaves undefined map to U+0081 etc., as browsers do (WHATWG).
    """
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in bad), err.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, a PDF header or many control bytes near the start: not an article."""
    head = data[:4096]
    if b"\x00" in head or head.lstrip()[:5] == b"%PDF-":
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(4, len(head) // 20)


def _decode_bom(data: bytes, enc: str, label: str) -> tuple[str, str]:
    """Text after a byte-order mark; damaged bytes never raise, they are noted."""
    fallback = _CP1252_FALLBACK if enc == "utf-8" else "replace"
    try:
        return data.decode(enc), f"{label} with BOM"
    except UnicodeDecodeError:
        how = "read as Windows-1252" if enc == "utf-8" else "replaced by U+FFFD"
        return data.decode(enc, fallback), f"{label} with BOM, but some bytes are invalid ({how})"


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text, with a remark when the encoding was not plain UTF-8.

    Why: seeds come from copy-paste and scrapers. BOMs say what they are; text that is not
    UTF-8 is almost always Windows-1252 in news copy, and is decoded as that, not mangled.
    """
    for bom, enc, label in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data[len(bom) :], enc, label)
    if _looks_binary(data):
        raise SeedError("not text (binary file, PDF, or UTF-16 without a BOM); skipped")
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    return _legacy(data), "not UTF-8; decoded as Windows-1252 (Latin-1)"


def _legacy(data: bytes) -> str:
    """Text that is not valid UTF-8: mostly UTF-8 with a few stray Windows-1252 bytes
    (a pasted curly quote) keeps its UTF-8, mostly Windows-1252 is read as that throughout.

    Why both: reading a UTF-8 file as Windows-1252 turns every accent into mojibake, and
    reading Windows-1252 as UTF-8 where it happens to look valid (German "ß“" is the UTF-8
    of one NKo letter) corrupts it; whichever the file holds more of decides.
    """
    utf8_chars = sum(1 for c in data.decode("utf-8", "ignore") if ord(c) > 127)
    stray = data.decode("utf-8", "replace").count("\ufffd")
    if utf8_chars > stray:
        return data.decode("utf-8", _CP1252_FALLBACK)
    return data.decode("cp1252", _CP1252_FALLBACK)  # the handler maps undefined bytes


def _without_nul(text: str) -> tuple[str, str]:
    """NUL characters (past the binary check's first 4 KiB) replaced by U+FFFD, noted.

    Why: a NUL cuts strings short in the GeoPackage and in C tools; one replacement
    character for each keeps every character offset (start/end) the same.
    """
    count = text.count("\x00")
    if not count:
        return text, ""
    return text.replace("\x00", "\ufffd"), f"{count} NUL character(s) replaced by U+FFFD"


MAX_META_CHARS = 64 * 1024  # front matter or sidecar: a few short fields
MAX_META_NESTING = 100  # brackets, braces, or block indentation/indicators
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.M)


def _too_complex(raw: str) -> str:
    """Why metadata must not reach the YAML parser, or "".

    Why: the fields are five short scalars, but YAML parsers take quadratic time on deep
    flow nesting ('[[[[...': minutes for 100 KB) and libyaml's loader (CSafeLoader)
    overflows the C stack and kills the process on deep nesting ('- - - ...'), which no
    except clause can catch. Depth is bounded here by counting what can open a level.
    """
    if len(raw) > MAX_META_CHARS:
        return f"metadata is over {MAX_META_CHARS:,} characters"
    block = max((len(m.group()) for m in _BLOCK_PREFIX.finditer(raw)), default=0)
    if raw.count("[") + raw.count("{") > MAX_META_NESTING or block > MAX_META_NESTING:
        return "metadata is nested too deeply; use plain key: value lines"
    return ""


def _meta_from_yaml(raw: str, where: str) -> dict:
    reason = _too_complex(raw)
    if reason:
        raise SeedError(f"{where}: {reason}; skipped")
    try:
        meta = yaml.load(raw, Loader=_YAML_LOADER) if raw.strip() else {}
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as exc:
        # ValueError: a YAML timestamp that is no date (2021-13-45); RecursionError: deep nesting.
        first = next((ln for ln in str(exc).splitlines() if ln.strip()), type(exc).__name__)
        raise SeedError(f"{where}: malformed YAML ({_short(first, 120)})") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise SeedError(f"{where}: metadata must be key: value lines")
    unknown = set(map(str, meta)) - META_FIELDS
    if unknown:
        shown = ", ".join(_short(k, 40) for k in sorted(unknown)[:5])
        raise SeedError(
            f"{where}: unknown field(s) {shown}; allowed: {', '.join(sorted(META_FIELDS))}"
        )
    out = {}
    for key, value in meta.items():
        if not isinstance(value, str):
            # Never str() a list or mapping: YAML aliases can make one of exponential size.
            wanted = "an ISO date such as 2021-08-15" if key == "date" else "text"
            raise SeedError(f"{where}: field '{key}' must be {wanted}, not a list or mapping")
        out[key] = _iso_date(value, where) if key == "date" else _clean_text(value)
    return out


def _clean_text(value: str) -> str:
    """Metadata text without NUL and other C0 controls (tab and line breaks kept).

    Why: a NUL cuts strings short in the GeoPackage (SQLite's C strings) and in terminals.
    """
    return value.translate(_META_CONTROLS)


def _iso_date(value: str, where: str) -> str:
    """An ISO date, or date and time (with its UTC offset when the seed gives one)."""
    value = value.strip()
    if not value:
        return ""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise SeedError(
            f"{where}: field 'date' is not an ISO date ({_short(value)!r}); "
            "use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    if len(value) == 10:
        return parsed.date().isoformat()
    # The offset is part of when it happened: 12:00+04:30 (Kabul) is kept as written.
    return parsed.isoformat(timespec="minutes")


def _os_reason(exc: OSError) -> str:
    """The skip reason for an OS error, worded for the person who owns the file."""
    if isinstance(exc, PermissionError):
        return "cannot read file (permission denied); skipped"
    return f"cannot read file ({exc.strerror or exc}); skipped"


def _too_big(size: str, limit: int) -> SeedError:
    """Names the limit and where it is set, so the fix (split the file) is obvious."""
    return SeedError(
        f"file is {size} bytes, over the {limit:,}-byte limit (MAX_SEED_BYTES); skipped"
    )


def read_bytes_limited(path: Path, limit: int = MAX_SEED_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; SeedError otherwise.

    Why: a hostile seed can be a pipe (reading blocks forever), a symlink to /dev/zero (no
    end), or a file that grows while it is read. Opening without blocking, checking the
    opened file rather than its name, and never reading past limit + 1 bytes keeps one bad
    file from hanging the build or filling memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SeedError(_os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe, socket or device"
            raise SeedError(f"not a regular file ({what}); skipped")
        if info.st_size > limit:
            raise _too_big(f"{info.st_size:,}", limit)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise SeedError(_os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_big(f"more than {limit:,}", limit)
    return data


def _sidecar_meta(path: Path) -> dict:
    """Metadata from NAME.yaml beside NAME.txt, read with the same limits as a seed."""
    sidecar = path.with_suffix(".yaml")
    if not os.path.lexists(sidecar):
        return {}  # a folder, pipe or broken link of that name is reported below
    try:
        text, _ = decode(read_bytes_limited(sidecar))
    except SeedError as exc:
        raise SeedError(f"{sidecar.name}: {exc}") from None
    return _meta_from_yaml(text, sidecar.name)


def _front_matter(text: str) -> tuple[dict, int]:
    """(metadata, where the body starts) from a leading '---' block, if there is one."""
    m = _FRONT_MATTER.match(text)
    if m:
        return _meta_from_yaml(m.group(1) or "", "front matter"), m.end()
    if _OPENING_LINE.match(text):
        raise SeedError(
            "front matter starts with a '---' line but has no closing '---' line; skipped"
        )
    return {}, 0


def read_seed(path: Path) -> Seed:
    """Read one seed; raises SeedError with a one-line reason for an unusable file."""
    path = Path(path)
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise SeedError("file name is not valid UTF-8 (rename the file); skipped") from None
    if path.is_symlink() and not path.exists():
        raise SeedError("broken symbolic link; skipped")
    text, remark = decode(read_bytes_limited(path))
    text, nul_remark = _without_nul(text)
    remark = "; ".join(r for r in (remark, nul_remark) if r)
    if not text.strip():
        raise SeedError("empty file (no text, or only whitespace); skipped")
    seed = Seed(path=path, loaded_text=text, notes=[remark] if remark else [])
    meta = _sidecar_meta(path)
    front, seed.body_start = _front_matter(text)
    meta.update(front)
    for key, value in meta.items():
        setattr(seed, key, value)
    if not seed.body.strip():
        raise SeedError("no article text after the front matter; skipped")
    return seed


def read_one(path: Path) -> tuple[Seed | None, list[SeedProblem]]:
    """One seed, or None, with its problem lines (a skip, or remarks such as the encoding)."""
    try:
        seed = read_seed(path)
    except SeedError as exc:
        return None, [SeedProblem(path, str(exc))]
    return seed, [SeedProblem(path, n, fatal=False) for n in seed.notes]
