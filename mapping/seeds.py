"""Seeds: the news articles the map is built from, with their metadata.

A seed is a ``*.txt`` file, or a saved web page (``*.html``, ``*.htm``: its article text,
see mapping.pages), in the seeds folder. Its metadata (all optional) comes from YAML front
matter at the top of a text file, between two ``---`` lines, from a page's own metadata,
or from a sidecar ``NAME.yaml`` beside the file (for articles whose text must stay
exactly as received); front matter wins over the sidecar, the sidecar over the page.
Fields: title, source, url, date (ISO, or a common written form: mapping.pubdates), note.
An undated article takes the date of its dateline. An unknown field is a warning.

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
from .pages import PAGE_SUFFIXES, declared_charset, is_page, read_page
from .pubdates import dateline_date, parse_date


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
# Other names people give the fields: read as the field, so `outlet:` is the source.
FIELD_ALIASES = {"outlet": "source", "publisher": "source", "headline": "title", "link": "url"}
SEED_SUFFIXES = (".txt", *PAGE_SUFFIXES)
WARNING = "warning: "  # a note that starts so is printed as a warning (still not a skip)
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
    copies: list[Seed] = field(default_factory=list, repr=False)  # same article, other files

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

    @property
    def also_in(self) -> str:
        """The other files holding this article, each with its outlet, date and address,
        on one line (mentions.csv's also_in column); "" when there is none."""
        return "; ".join(
            one_line(f"{c.name} ({', '.join(v for v in (c.source, c.date, c.url) if v)})")
            for c in self.copies
        )

    def metadata(self) -> dict:
        """The fields read from front matter or sidecar (what the cache index keeps)."""
        return {k: getattr(self, k) for k in sorted(META_FIELDS)}


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# What comes before a wire story's text in one outlet's copy and not another's: headline,
# standfirst and byline lines (no sentence ends on them), and a dateline ending in a dash
# ("KABUL, Aug 13 (Reuters) -", "KABUL (AP) —").
_SENTENCE_END = ".!?\"'\u201d\u2019)"
_HEAD_LINE = re.compile(r"[^\n]{1,200}\n")
_DATELINE_PREFIX = re.compile(r"[^\n.!?]{1,80}?[ \t]+[-\u2013\u2014][ \t]+")
# Typography outlets re-set: curly quotes, dashes, non-breaking and thin spaces.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def copy_key(body: str) -> str:
    """A key shared by the copies of one article: the same text saved twice (whatever its
    spacing, case, curly or straight quotes and dashes), or one wire story in two outlets
    under their own headlines and datelines; "" for a text too short to tell.

    Why the body only, and only that typography: outlets re-set a wire story's headline,
    dateline, line breaks and quotes, not its sentences. Every other character counts, so
    texts that differ in one word or sign (an edit, a correction) count on their own.
    """
    rest = body.lstrip()
    for _ in range(4):  # headline, standfirst, byline ...
        m = _HEAD_LINE.match(rest)
        if not m or m.group().rstrip().endswith(tuple(_SENTENCE_END)):
            break
        rest = rest[m.end() :].lstrip()
    if _DATELINE_PREFIX.match(rest):
        rest = _DATELINE_PREFIX.sub("", rest, count=1)
    words = rest.casefold().translate(_TYPOGRAPHY).split()
    if len(words) < 8:
        return ""
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


@dataclass
class SeedProblem:
    path: Path
    message: str
    fatal: bool = True  # False: the seed was read, with a remark

    def __str__(self) -> str:
        return one_line(f"{self.path}: {self.message.removeprefix(WARNING)}")

    @property
    def label(self) -> str:
        """How the CLI prefixes it: skipped, warning (metadata to fix) or note."""
        if self.fatal:
            return "skipped"
        return "warning" if self.message.startswith(WARNING) else "note"


def note_problems(path: Path, notes: list[str]) -> list[SeedProblem]:
    """A read seed's remarks (encoding, metadata warnings) as problem lines."""
    return [SeedProblem(path, n, fatal=False) for n in notes]


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
        raise SeedError(f"{seeds_dir}: not a folder; give the folder that holds the seeds")
    try:
        paths = sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in SEED_SUFFIXES)
    except OSError as exc:
        raise SeedError(
            f"{seeds_dir}: cannot list the seeds folder ({exc.strerror or exc})"
        ) from None
    if not paths:
        raise SeedError(f"{seeds_dir}: no seeds (*.txt, *.html or *.htm files) in this folder")
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


def _meta_from_yaml(raw: str, where: str) -> tuple[dict, list[str]]:
    """The fields of a front matter or sidecar, and warnings (unknown fields, ignored)."""
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
        return {}, []
    if not isinstance(meta, dict):
        raise SeedError(f"{where}: metadata must be key: value lines")
    meta, warnings = _known_fields(meta, where)
    return {key: _field(key, value, where) for key, value in meta.items()}, warnings


def _known_fields(meta: dict, where: str) -> tuple[dict, list[str]]:
    """The known fields (an alias read as its field, where the field itself is not
    given), and a warning naming the others, which are ignored. Why a warning: one field
    we do not use (author:) must not cost the article its place on the map."""
    out = {k: v for k, v in meta.items() if isinstance(k, str) and k in META_FIELDS}
    unknown = []
    for key, value in meta.items():
        if isinstance(key, str) and key in META_FIELDS:
            continue
        alias = FIELD_ALIASES.get(key.lower(), "") if isinstance(key, str) else ""
        if alias and alias not in out:
            out[alias] = value
        else:
            unknown.append(_short(key, 40))
    if not unknown:
        return out, []
    shown = ", ".join(repr(k) for k in sorted(unknown)[:5])
    more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
    return out, [
        f"{WARNING}{where}: unknown field(s) {shown}{more} ignored; "
        f"fields: {', '.join(sorted(META_FIELDS))}"
    ]


def _field(key: str, value, where: str) -> str:
    """One known field's value, checked: text, and for `date` a date we can read."""
    if not isinstance(value, str):
        # Never str() a list or mapping: YAML aliases can make one of exponential size.
        wanted = "a date such as 2021-08-15" if key == "date" else "text"
        raise SeedError(f"{where}: field '{key}' must be {wanted}, not a list or mapping")
    return _iso_date(value, where) if key == "date" else _clean_text(value)


def _clean_text(value: str) -> str:
    """Metadata text without NUL and other C0 controls (tab and line breaks kept).

    Why: a NUL cuts strings short in the GeoPackage (SQLite's C strings) and in terminals.
    """
    return value.translate(_META_CONTROLS)


def _iso_date(value: str, where: str) -> str:
    """An ISO date, or date and time (with its UTC offset when the seed gives one: 12:00+04:30
    in Kabul is kept as written), from any form mapping.pubdates reads; a date that cannot
    be read for sure skips the seed, with the reason (a wrong date misplaces the article)."""
    try:
        return parse_date(_clean_text(value))
    except ValueError as exc:
        raise SeedError(f"{where}: field 'date': {exc}") from None


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


def _sidecar_meta(path: Path) -> tuple[dict, list[str]]:
    """Metadata from NAME.yaml beside the seed, read with the same limits as a seed."""
    sidecar = path.with_suffix(".yaml")
    if not os.path.lexists(sidecar):
        return {}, []  # a folder, pipe or broken link of that name is reported below
    try:
        text, _ = decode(read_bytes_limited(sidecar))
    except SeedError as exc:
        raise SeedError(f"{sidecar.name}: {exc}") from None
    return _meta_from_yaml(text, sidecar.name)


def _front_matter(text: str) -> tuple[dict, list[str], int]:
    """(metadata, warnings, where the body starts) from a leading '---' block, if any."""
    m = _FRONT_MATTER.match(text)
    if m:
        return *_meta_from_yaml(m.group(1) or "", "front matter"), m.end()
    if _OPENING_LINE.match(text):
        raise SeedError(
            "front matter starts with a '---' line but has no closing '---' line; skipped"
        )
    return {}, [], 0


_UNICODE_CODECS = ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")


def decode_page(data: bytes) -> tuple[str, str]:
    """A saved page as text: by its byte-order mark, else by the charset it declares
    (<meta charset>), else as a text seed is decoded. Why the declaration: pages in
    legacy encodings (windows-1256, koi8-r) say so, and guessing would garble them."""
    codec = declared_charset(data)
    if not codec or codec in _UNICODE_CODECS or any(data.startswith(b) for b, _, _ in _BOMS):
        return decode(data)
    if _looks_binary(data):
        raise SeedError("not text (binary file, PDF, or UTF-16 without a BOM); skipped")
    try:
        return data.decode(codec), ""
    except UnicodeDecodeError:
        return data.decode(
            codec, "replace"
        ), f"{codec} as declared, invalid bytes replaced by U+FFFD"


def _page_meta(meta: dict) -> tuple[dict, list[str]]:
    """A page's own metadata, checked as a sidecar's is; a date the page gives that cannot
    be read is a warning and left out (the page's markup is not the analyst's to fix)."""
    out, warnings = {}, []
    for key, value in meta.items():
        try:
            out[key] = _field(key, value, "page metadata")
        except SeedError as exc:
            warnings.append(f"{WARNING}{exc}; ignored")
    return out, warnings


def _read_text(path: Path) -> tuple[str, str, dict, list[str], int]:
    """(text, remark, metadata, warnings, body start) of a text seed or a saved page."""
    data = read_bytes_limited(path)
    if is_page(path.name):
        html, remark = decode_page(data)
        page = read_page(html)
        meta, warnings = _page_meta(page.meta)
        return page.text, remark, meta, warnings, 0
    text, remark = decode(data)
    if not text.strip():
        raise SeedError("empty file (no text, or only whitespace); skipped")
    front, warnings, body_start = _front_matter(text)
    return text, remark, front, warnings, body_start


def read_seed(path: Path) -> Seed:
    """Read one seed; raises SeedError with a one-line reason for an unusable file."""
    path = Path(path)
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise SeedError("file name is not valid UTF-8 (rename the file); skipped") from None
    if path.is_symlink() and not path.exists():
        raise SeedError("broken symbolic link; skipped")
    text, remark, own, warnings, body_start = _read_text(path)
    text, nul_remark = _without_nul(text)
    remark = "; ".join(r for r in (remark, nul_remark) if r)
    sidecar, sidecar_warnings = _sidecar_meta(path)
    # A page's own metadata < the sidecar < front matter: what a person wrote wins.
    meta = {**own, **sidecar} if is_page(path.name) else {**sidecar, **own}
    notes = [remark] if remark else []
    seed = Seed(path=path, loaded_text=text, body_start=body_start, notes=notes)
    seed.notes += sidecar_warnings + warnings
    for key, value in meta.items():
        setattr(seed, key, value)
    if not seed.body.strip():
        raise SeedError("no article text after the front matter; skipped")
    if not seed.date:
        note = _date_from_dateline(seed)
        seed.notes += [note] if note else []
    return seed


def _date_from_dateline(seed: Seed) -> str:
    """Date an undated seed by its dateline; the note (or warning) that says how, or ""
    when it has no dateline (pipeline.undated_warning names such seeds).

    Why: an undated article counts as older than every dated one, so a report of 13 August
    would be overruled by one of 6 August; its dateline usually says the day. Without a
    year in the text, the year the file was last saved is a guess, and is said to be one.
    """
    try:
        saved = dt.datetime.fromtimestamp(os.stat(seed.path).st_mtime).year
    except OSError:
        saved = dt.date.today().year
    found = dateline_date(seed.body, saved)
    if found is None:
        return ""
    seed.date = found.date
    if found.year_from:
        return f"undated; dated {found.date} by its dateline '{_short(found.words)}' (year from {found.year_from})"
    return (
        f"{WARNING}undated; dated {found.date} by its dateline '{_short(found.words)}', "
        f"the year {found.date[:4]} {_FILE_YEAR}; add a date: field"
    )


_FILE_YEAR = "a guess (the file's date)"
_OTHERS_YEAR = "a guess (the year of the other articles)"


def settle_guessed_years(seeds: list[Seed]) -> None:
    """Give the seeds whose dateline year was guessed from the file's date the year most
    of the other dated seeds have, when there are such seeds (and say so in the warning).

    Why: an article of August 2021 saved in 2026 would otherwise land five years late; the
    articles of one seeds folder are mostly of one period. Done on every build (the cache's
    index keeps the first guess), before extraction dates the readings.
    """
    guessed = [s for s in seeds if any(_FILE_YEAR in n for n in s.notes)]
    if not guessed:
        return
    years = [s.date[:4] for s in seeds if s.date and s not in guessed]
    if not years:
        return
    year = max(set(years), key=lambda y: (years.count(y), y))
    for seed in guessed:
        old = seed.date
        try:
            new = dt.date.fromisoformat(year + old[4:10]).isoformat()
        except ValueError:  # 29 February in another year
            continue
        seed.date = new
        seed.notes = [
            n.replace(old, new).replace(f"{old[:4]} {_FILE_YEAR}", f"{year} {_OTHERS_YEAR}")
            if _FILE_YEAR in n
            else n
            for n in seed.notes
        ]


def read_one(path: Path) -> tuple[Seed | None, list[SeedProblem]]:
    """One seed, or None, with its problem lines (a skip, or remarks such as the encoding)."""
    try:
        seed = read_seed(path)
    except SeedError as exc:
        return None, [SeedProblem(path, str(exc))]
    return seed, note_problems(path, seed.notes)
