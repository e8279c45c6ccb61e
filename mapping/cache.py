"""Incremental builds: each seed's extraction cached by content hash and tool version.

Adding one article to a folder of thousands re-reads only that article. Entries live in a
folder named after the tool fingerprint (package version and the bytes of the code, the
lexicon and the geodata), so changing any of them invalidates every entry, and the folders
of other versions are removed when a cache is opened.

Entries prove themselves: each carries an HMAC-SHA256 of its whole content, under a random
key kept in the version folder (KEY_FILE, made on first use), and names the key (text
digest) it was stored under. An entry whose check fails (one flipped bit, a cut, an edited
status, an entry copied over another) is re-extracted and counted in `damaged`; the
values of an entry that passes are still checked (known statuses and places, offsets in
range) before any reaches an output. Why keyed: a plain hash stored beside the data is
as easy to rewrite as the data; the key is not in any entry.

Unchanged seed files are not even read again: SeedIndex remembers each file's stamp and
what reading it gave (metadata, key), each entry under the same HMAC.

An entry holds what the seed's text alone gives: readings, foreign names, one report per
place, each evidence sentence once with the spans of its time words (so event dates are
resolved against the date of the seed it is read for), never the seed's name, title,
source or url (joined when outputs are written). The one exception is a date: a text that
names times also keeps its readings' and reports' event dates as worked out for the seed
date it was stored under (`dated`), and a rebuild for that same date takes them as they
are instead of resolving every time word and combining every place again; for any other
date they are worked out anew. Any other text keeps empty event dates: its events happened
on the seed's date, whatever that is.

Layout: an entry is two files. The head (named by the key): the HMAC (hex) on the first
line, then a line of JSON. The rows (the key + ROWS_SUFFIX): the HMAC of the entry's key
and the rows on the first line, then the seed's mentions.csv, sentences.csv and events.csv
rows as raw text with slots for name, event dates, ids and metadata (rows.NAME_SLOT,
WHEN_SLOT, DATED_MARK, META_SLOT, ROW_MARK ...; the head's JSON says where the first end
and the last begin). Why the rows are raw text: parsing them as a JSON string doubled a
rebuild's reading. Why a file of their own: they are three quarters of an entry, and only
the writer of the tables needs them (EntryRows, read in the child that writes them), so a
rebuild's reading of every entry skips them. A rows file that is lost or fails its check
costs speed only: the rows are formatted again from the readings.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, le, lt, sub
from pathlib import Path
from typing import NamedTuple

import orjson

from .dates import date_readings, sentence_spans
from .files import write_atomic
from .gazetteer import GEODATA_DIR, Gazetteer
from .learned import MODEL_FILE, relearned, unlearned
from .model import (
    VIOLENCE_FLAG,
    ForeignMention,
    MatchKind,
    Mention,
    Place,
    Reading,
    Report,
    SeedResult,
    Status,
    shared_offsets,
    shared_words,
)
from .rows import sentence_ids
from .rules import ACTS as DECLARED_ACTS
from .rules import RULES_PATH
from .seeds import META_FIELDS, Seed

FORMAT = 15  # head: HMAC line, JSON line (tables of columns: sentences once with their time
# expressions, readings with the act of the trigger that set each status, reports with their
# event dates for a text that names times; words as codes); rows file: HMAC line, raw CSV
# rows (mentions.csv, sentences.csv, events.csv)
ROWS_SUFFIX = ".rows"  # an entry's rows file: its key and this
MARKER = "territory-map-cache"  # in each version folder: only such folders are ever pruned
INDEX = "seeds.json"  # SeedIndex, in the version folder
KEY_FILE = "key"  # the HMAC key of the version folder's entries and index
_SHA256 = re.compile(r"[0-9a-f]{64}")
RECENT_NS = 2_000_000_000  # files changed this shortly before being read are not indexed
# The words an entry stores as codes (their position here): a status a reading may report,
# how a mention was matched, the act of a trigger, an event date's precision. An entry
# names its places and rules in tables of its own ("places", "rules") and codes them alike.
STATUSES = tuple(s for s in Status if s is not Status.NO_REPORT)
MATCHES = tuple(MatchKind)
ACTS = tuple(DECLARED_ACTS)
PRECISIONS = ("", "day", "week", "month", "year")
STATUS_CODES: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}
MATCH_CODES: dict[str, int] = {m: i for i, m in enumerate(MATCHES)}
ACT_CODES = {a: i for i, a in enumerate(ACTS)}
PRECISION_CODES = {p: i for i, p in enumerate(PRECISIONS)}
READING_COLUMNS = (
    "surface",
    "start",
    "end",
    "place",
    "match",
    "antecedent",
    "status",
    "rule",
    "sentence",
    VIOLENCE_FLAG,
    "act",
    "event_date",
    "date_precision",
)
REPORT_COLUMNS = ("place", "status", VIOLENCE_FLAG, "event_date", "date_precision")
_READING_PLACE, _REPORT_PLACE = READING_COLUMNS.index("place"), REPORT_COLUMNS.index("place")
_KIND = attrgetter("kind")


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Package version, code, lexicon, learned model and geodata: all an extraction depends
    on besides the text. The code is included so that a changed rule in Python invalidates
    the cache too."""
    from . import __version__

    h = hashlib.sha256(f"{__version__}:{FORMAT}".encode())
    code = sorted(Path(__file__).parent.glob("*.py"))
    model = Path(__file__).parent / MODEL_FILE
    for path in [RULES_PATH, model, *code, *sorted(GEODATA_DIR.iterdir())]:
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _mac(key: bytes, *data: bytes | memoryview) -> bytes:
    """HMAC-SHA256 of the data (its parts one after the other), as 64 hex digits (ASCII)."""
    mac = hmac.new(key, data[0], hashlib.sha256)
    for part in data[1:]:
        mac.update(part)
    return mac.hexdigest().encode("ascii")


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


@dataclass(frozen=True)
class EntryRows:
    """An entry's rows file (model.StoredRows): read and checked only when loaded."""

    path: str
    key: str  # the entry's key: the rows file's HMAC covers it, so no entry takes another's
    mac_key: bytes
    split: int | None  # bytes of mentions.csv rows, then sentences.csv rows (None: neither)
    events: int | None  # bytes of events.csv rows, at the end (None: not kept)

    def load(self) -> tuple[bytes | None, bytes | None, bytes | None] | None:
        """The mentions.csv, sentences.csv and events.csv rows (None where not kept), or
        None for a rows file that is lost, short or fails its HMAC: the caller then formats
        the rows again from the readings, so damage here costs speed, never a wrong row."""
        try:
            with open(self.path, "rb") as fh:
                raw = fh.read()
            body = raw.index(b"\n") + 1
        except (OSError, ValueError):
            return None
        split, events = self.split or 0, self.events or 0
        if len(raw) - body < split + events or not hmac.compare_digest(
            raw[: body - 1], _mac(self.mac_key, self.key.encode("ascii"), memoryview(raw)[body:])
        ):
            return None
        end = len(raw) - events
        return (
            None if self.split is None else raw[body : body + split],
            None if self.split is None else raw[body + split : end],
            None if self.events is None else raw[end:],
        )


class Entry(NamedTuple):
    """What ExtractCache.get gives for a text: its extraction, named after the seed and
    dated for it."""

    readings: list[Reading]
    foreign: list[ForeignMention]
    reports: list[Report] | None  # None: worked out again (the text's times read anew)
    found: int  # place mentions the text had, kept or not
    copy_key: str  # seeds.copy_key of the text
    rows: EntryRows | None  # its output rows, not yet read (None: none kept)

    def result(self, seed: Seed) -> SeedResult:
        """The seed's result, its rows left to whoever writes the tables."""
        return SeedResult(
            seed,
            self.readings,
            self.foreign,
            reports=self.reports,
            found=self.found,
            copy_key=self.copy_key,
            stored_rows=self.rows,
        )


def _is_int(value) -> bool:
    return type(value) is int  # not bool, not float


class EntryMemo:
    """The entries one build parsed, kept in memory for the next build of the same process
    (`territory-map watch`), so an unchanged seed's entry is neither read nor checked again:
    with thousands of seeds that is most of a rebuild's time.

    Only the entries the latest build used are kept: they are what the next build needs,
    and they are in memory anyway while that build's result is, so a watch that runs for
    days over a changing folder does not grow. What is kept was checked when it was read.
    The builds share the lists it holds and never change them in place (a correction that
    drops readings gives the seed new lists: mapping.corrections.drop_ignored).
    """

    def __init__(self) -> None:
        self._latest: dict[tuple[str, str, str], Entry] = {}
        self._now: dict[tuple[str, str, str], Entry] = {}

    def next_build(self) -> None:
        """A build starts: what the one before used is what may be asked for again."""
        if self._now:
            self._latest, self._now = self._now, {}

    def get(self, key: tuple[str, str, str]) -> Entry | None:
        found = self._now.get(key) or self._latest.get(key)
        if found is not None:
            self._now[key] = found
        return found

    def put(self, key: tuple[str, str, str], entry: Entry) -> None:
        self._now[key] = entry


class ExtractCache:
    """A folder of entries, one per (seed text, tool fingerprint); with a memo (EntryMemo),
    the entries an earlier build of this process read are taken from memory."""

    def __init__(self, folder: Path, gaz: Gazetteer, memo: EntryMemo | None = None):
        self.folder = Path(folder)
        self.memo = memo
        if memo is not None:
            memo.next_build()
        self.places = {**gaz.provinces, **gaz.places}  # one lookup per cached mention
        self.version = tool_fingerprint()
        self._entries = str(self.folder / self.version)
        self.hits = self.misses = 0
        self.damaged = 0  # entries that failed their check, re-extracted
        self.broken = ""  # set when the cache folder cannot be written
        self._marked = False  # MARKER written in this version's folder
        self._prune_other_versions()
        self.key = self._load_key()
        self.index = SeedIndex(self.folder / self.version / INDEX, self.key)

    def _path(self, key: str) -> str:
        """The entry head's path (a string: a rebuild makes ten thousand of them, and
        pathlib's joins cost more than reading the file)."""
        if not _SHA256.fullmatch(key):
            raise ValueError("not a SHA-256 key")
        return os.path.join(self._entries, key[:2], key)

    def _rows_path(self, key: str) -> str:
        return self._path(key) + ROWS_SUFFIX

    def _load_key(self) -> bytes:
        """The version folder's HMAC key, made (random, 32 bytes) when there is none or it
        is damaged. A new key only costs re-extraction: no old entry passes under it."""
        path = self.folder / self.version / KEY_FILE
        key = _read_key(path)
        if key is None:
            # Linked into place when there is none: of two builds starting at once, the
            # first key stays and both use it.
            self._write(
                path, secrets.token_bytes(32).hex().encode("ascii") + b"\n", replace=path.exists()
            )
            key = _read_key(path)
        return key or secrets.token_bytes(32)  # an unwritable cache: nothing to check

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

    def get(self, key: str, seed: str = "", date: str = "") -> Entry | None:
        """The cached extraction of the text with this key (seeds.text_digest), its readings
        named after `seed` and dated `date` (event dates resolved against it), its reports
        None for a text that names times read for another date than the one it was stored
        for (they follow its event dates and are worked out again); None for no entry, or
        one whose head fails its check (counted in `damaged`)."""
        kept = self.memo.get((key, seed, date)) if self.memo is not None else None
        if kept is not None:
            self.hits += 1
            return kept
        try:
            with open(self._path(key), "rb") as fh:
                raw = fh.read()
        except (OSError, ValueError):
            self.misses += 1
            return None
        try:
            result = self._parse(raw, key, seed, date)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            self.misses += 1  # (UnicodeDecodeError and JSONDecodeError are ValueErrors)
            self.damaged += 1
            return None
        self.hits += 1
        if self.memo is not None:
            self.memo.put((key, seed, date), result)
        return result

    def _parse(self, raw: bytes, key: str, seed: str, date: str) -> Entry:
        """An entry's content, once its HMAC, key, version and values check out."""
        body = raw.index(b"\n") + 1  # positions, not partitions: no copy of the body
        _check(
            hmac.compare_digest(raw[: body - 1], _mac(self.key, memoryview(raw)[body:])),
            "HMAC does not match",
        )
        _check(raw.index(b"\n", body) == len(raw) - 1, "not one JSON line")
        data = orjson.loads(memoryview(raw)[body:])
        _check(data["key"] == key and data["version"] == self.version, "another entry")
        chars = data["chars"]
        _check(_is_int(chars) and chars > 0, "bad text length")
        sentences = self._sentences(data["sentences"], chars)
        # A text that names times: its event dates (and so its reports) follow the date of
        # the seed it is read for: as stored when that is the date they were worked out for
        # (`dated`), else resolved now from the stored expressions, its reports worked out
        # again (None). Any other text's events happened on the seed's date, whatever it is.
        dated = {(s[0], s[1]): s[3] for s in sentences if s[3]}
        stored_for = data["dated"]
        _check((stored_for is not None) == bool(dated), "bad dated")
        _check(stored_for is None or isinstance(stored_for, str), "bad dated")
        as_stored = True if stored_for == date else (False if not dated else None)
        places = self._places(data["places"])
        readings = self._readings(
            data["readings"], places, data["rules"], sentences, seed, date, as_stored
        )
        reports = self._reports(data["reports"], places, seed, date, as_stored)
        found = data["found"]
        _check(_is_int(found) and found >= len(readings), "bad mention count")
        split, events = data["rows"], data["events"]  # bytes of mentions.csv, events.csv rows
        _check(split is None or (_is_int(split) and split >= 0), "bad rows")
        _check(events is None or (_is_int(events) and events >= 0), "bad event rows")
        copy = data["copy"]
        _check(isinstance(copy, str) and bool(re.fullmatch(r"(?:[0-9a-f]{64})?", copy)), "bad copy")
        _check(
            set(data["reports"][_REPORT_PLACE])
            == set(data["readings"][_READING_PLACE])
            == set(range(len(places))),
            "reports do not match readings",
        )
        told: list[Report] | None = reports
        if dated and not as_stored:  # read again for the new date, as extract_seed reads
            stored = [(r.status, r.rule) for r in readings]
            readings = unlearned(readings)
            date_readings(readings, date, dated)
            readings = relearned(readings)
            told = None
            if stored != [(r.status, r.rule) for r in readings]:
                split = events = None  # the stored rows tell the statuses of another date
        rows = None
        if split is not None or events is not None:
            rows = EntryRows(self._rows_path(key), key, self.key, split, events)
        return Entry(readings, self._foreigns(data["foreign"], chars), told, found, copy, rows)

    def put(
        self,
        key: str,
        chars: int,
        readings: list[Reading],
        foreign: list[ForeignMention],
        rows: tuple[str, str] | None = None,
        reports: list[Report] | None = None,
        found: int = 0,
        copy: str = "",
        spans: dict[tuple[int, int], list[tuple[int, int]]] | None = None,
        events: str | None = None,
        date: str = "",
    ) -> None:
        """Store the extraction of a text of `chars` characters: its readings, foreign
        names, mentions.csv and sentences.csv rows (with slots for name, event dates and
        metadata, or None), reports, how many mentions it had (found), its seeds.copy_key,
        the time expressions of each evidence sentence (dates.sentence_spans; found here
        when None), its events.csv rows (events.seed_event_rows, or None) and the seed date
        its readings' event dates and its reports were worked out for."""
        if self.broken:
            return
        ids = sentence_ids(readings)  # the numbering sentences.csv uses too
        mention_rows, sentence_rows = (r.encode("utf-8") for r in rows or ("", ""))
        event_rows = (events or "").encode("utf-8")
        if spans is None:
            spans = sentence_spans(readings)
        dated = any(spans.values())  # the text names times: its event dates are kept
        sentences: list[list] = []
        for r, sid in zip(readings, ids):
            if sid == len(sentences):
                span = (r.evidence_start, r.evidence_end)
                sentences.append([*span, r.evidence, [list(t) for t in spans[span]]])
        places: dict[str, int] = {}  # place key -> its code, in order of first use
        try:
            table, rules = self._readings_table(readings, ids, dated, places)
            reports_table = self._reports_table(reports or [], dated, places)
        except KeyError:  # a word with no code (a new status?): not kept, costs only speed
            return
        head = {
            "key": key,
            "version": self.version,
            "chars": chars,
            "found": found,
            "sentences": _transposed(sentences, 4),
            "readings": table,
            "reports": reports_table,
            "places": list(places),
            "rules": rules,
            "foreign": _transposed([[f.surface, f.start, f.end, f.country] for f in foreign], 4),
            "rows": None if rows is None else len(mention_rows),
            "events": None if events is None else len(event_rows),
            "copy": copy,
            "dated": date if dated else None,
        }
        rows_body = mention_rows + sentence_rows + event_rows
        if rows is not None or events is not None:  # first: a head never names rows not there
            mac = _mac(self.key, key.encode("ascii"), rows_body)
            self._write(self._rows_path(key), mac + b"\n" + rows_body)
            if self.broken:
                return
        # JSON escapes every line break, so the head is exactly one line.
        body = orjson.dumps(head) + b"\n"
        self._write(self._path(key), _mac(self.key, body) + b"\n" + body)

    def _write(self, path: Path | str, data: bytes, replace: bool = True) -> None:
        """Atomically, so a killed build leaves no half entry; a failure only costs speed.
        With replace False, a file already there (another build's) is kept."""
        try:
            if not self._marked:
                version_dir = self.folder / self.version
                version_dir.mkdir(parents=True, exist_ok=True)
                (version_dir / MARKER).write_text("entries of one territory-map version\n")
                self._marked = True
            write_atomic(Path(path), data, durable=False, replace=replace)
        except OSError as exc:
            # A full disk or read-only cache folder costs speed, never the build.
            self.broken = f"cache not written ({exc.strerror or exc}): {self.folder}"

    @staticmethod
    def _readings_table(
        readings: list[Reading], ids: list[int], dated: bool, places: dict[str, int]
    ) -> tuple[list[list], list[str]]:
        """The readings as the columns of READING_COLUMNS, and the rule names they code."""
        rules: dict[str, int] = {}
        rows = [
            [
                r.mention.surface,
                r.mention.start,
                r.mention.end,
                places.setdefault(r.mention.place.key, len(places)),
                MATCH_CODES[r.mention.match],
                r.mention.antecedent,
                STATUS_CODES[r.status],
                rules.setdefault(r.rule, len(rules)),
                sid,
                r.violence,
                ACT_CODES[r.act],
                *_event_columns(r, dated),
            ]
            for r, sid in zip(readings, ids)
        ]
        return _transposed(rows, len(READING_COLUMNS)), list(rules)

    @staticmethod
    def _reports_table(reports: list[Report], dated: bool, places: dict[str, int]) -> list[list]:
        """The reports as the columns of REPORT_COLUMNS (event dates: _event_columns)."""
        rows = [
            [
                places.setdefault(r.place.key, len(places)),
                STATUS_CODES[r.status],
                r.violence,
                *_event_columns(r, dated),
            ]
            for r in reports
        ]
        return _transposed(rows, len(REPORT_COLUMNS))

    @staticmethod
    def _sentences(columns: list, chars: int) -> list[tuple[int, int, str, list]]:
        start, end, text, times = _table(columns, 4, "bad sentence")
        _check(
            _all_ints(start, end)
            and all(map(le, start, end))
            and min(start, default=0) >= 0
            and max(end, default=0) <= chars
            and _all_of(str, text)
            and list(map(len, text)) == list(map(sub, end, start))
            and _all_of(list, times)
            # Most sentences name no time: only the lists that hold spans are walked.
            and all(_time_spans_fit(t, len(s)) for t, s in zip(times, text) if t),
            "bad sentence",
        )
        # Shared values (shared_words): a rebuild holds every entry's sentences at once.
        start, end, text = shared_offsets(start), shared_offsets(end), shared_words(text)
        return list(zip(start, end, text, times))  # times: [start, end] lists, as stored

    def _places(self, keys: list) -> list[Place]:
        """An entry's place table: each a place the gazetteer knows, once."""
        _check(type(keys) is list and len(set(keys)) == len(keys), "bad places")
        return list(map(self.places.__getitem__, keys))

    def _readings(
        self,
        columns: list,
        places: list[Place],
        rules: list,
        sentences: list[tuple],
        seed: str,
        date: str,
        as_stored: bool | None,
    ) -> list[Reading]:
        """An entry's readings, every value checked column by column, each dated as stored
        (`as_stored` True: a text that names times, read for the date it was stored for),
        else the seed's day (with None, a text that names times read for another date,
        dated again after: _parse).

        Why by column, with codes for the words: a rebuild of 10,000 seeds loads half a
        million readings, and a check written as one C-level pass per column (set of
        types, min, max, map) costs a fraction of the same check made reading by reading
        in Python; a code (a small int, one shared object) decodes by one lookup where a
        word would be one more string to parse and check.
        """
        (
            surface,
            start,
            end,
            place,
            match,
            antecedent,
            status,
            rule,
            sid,
            violence,
            act,
            when,
            precision,
        ) = _table(columns, len(READING_COLUMNS), "bad reading")
        if not surface:
            return []
        _check(_all_of(str, rules), "bad rules")
        at = _decoded(place, places)
        ev_start, ev_end, evidence, _ = zip(*_decoded(sid, sentences))
        _check(
            _all_of(str, surface, antecedent)
            and _all_ints(start, end)
            and all(map(le, ev_start, start))
            and all(map(lt, start, end))
            and all(map(lt, start, ev_end))
            and list(map(sub, end, start)) == list(map(len, surface))
            and _all_of(bool, violence),
            "bad reading",
        )
        dates, precisions = _event_dates(when, precision, date, as_stored)
        # Each word and offset the one object of its value in the process, as an extracted
        # reading's (model.share_values): a rebuild holds every entry's readings at once.
        mentions = map(
            Mention,
            shared_words(surface),
            shared_offsets(start),
            shared_offsets(end),
            at,
            _decoded(match, MATCHES),
            map(_KIND, at),
            shared_words(antecedent),
        )
        return list(
            map(
                Reading,
                mentions,
                _decoded(status, STATUSES),
                _decoded(rule, shared_words(rules)),
                evidence,
                ev_start,
                ev_end,
                repeat(seed),
                repeat(date),
                violence,
                dates,
                precisions,
                _decoded(act, ACTS),
            )
        )

    @staticmethod
    def _reports(
        columns: list, places: list[Place], seed: str, date: str, as_stored: bool | None
    ) -> list[Report]:
        """An entry's reports, dated as its readings are (_readings)."""
        place, status, violence, when, precision = _table(
            columns, len(REPORT_COLUMNS), "bad report"
        )
        at = _decoded(place, places)
        _check(_all_of(bool, violence), "bad report")
        events, precisions = _event_dates(when, precision, date, as_stored)
        return list(
            map(
                Report,
                at,
                map(_KIND, at),
                _decoded(status, STATUSES),
                repeat(date),
                repeat(seed),
                violence,
                events,
                precisions,
            )
        )

    @staticmethod
    def _foreigns(columns: list, chars: int) -> list[ForeignMention]:
        surface, start, end, country = _table(columns, 4, "bad foreign name")
        _check(
            _all_of(str, surface, country)
            and _all_ints(start, end)
            and all(map(lt, start, end))
            and min(start, default=0) >= 0
            and max(end, default=0) <= chars
            and list(map(sub, end, start)) == list(map(len, surface)),
            "bad foreign name",
        )
        return list(
            map(
                ForeignMention,
                shared_words(surface),
                shared_offsets(start),
                shared_offsets(end),
                shared_words(country),
            )
        )


def _event_columns(item: Reading | Report, dated: bool) -> tuple[str, int]:
    """A reading's or report's event date and precision code as an entry keeps them: only
    for a text that names times (any other text's events happened on the seed's date)."""
    return (item.event_date, PRECISION_CODES[item.date_precision]) if dated else ("", 0)


def _event_dates(when: list, precision: list, date: str, as_stored: bool | None) -> tuple:
    """The event dates and precisions of an entry's readings or reports: as stored (checked)
    when `as_stored`, else the seed's date for each: stored as empty strings (False), or
    stored for another date and worked out again after (None)."""
    _check(_all_of(str, when), "bad event dates")
    precisions = _decoded(precision, PRECISIONS)
    if as_stored:
        return shared_words(when), precisions
    _check(as_stored is None or set(when) <= {""}, "bad event dates")
    return repeat(date), repeat("day" if date else "")


def _transposed(rows: list[list], width: int) -> list[list]:
    """Rows as `width` columns (empty columns for no rows)."""
    return [list(col) for col in zip(*rows)] if rows else [[] for _ in range(width)]


def _table(columns: list, width: int, what: str) -> list:
    """A JSON table (a list of `width` columns of one length) as its columns. Why columns:
    each check is then one C-level pass (see _readings), and the JSON holds one list per
    column instead of one per row."""
    _check(
        type(columns) is list
        and len(columns) == width
        and set(map(type, columns)) <= {list}
        and len(set(map(len, columns))) <= 1,
        what,
    )
    return columns


def _decoded(codes: list, table: list | tuple) -> list:
    """Codes as the entries of `table` they index: whatever decodes is an entry of the
    table (a known status, a place the entry names), and anything that does not (a word,
    a float, a code past the end) raises, as damage. Why one pass: this runs for seven
    columns of half a million readings in a rebuild of 10,000 seeds."""
    return list(map(table.__getitem__, codes))


def _all_of(kind: type, *columns: list | tuple) -> bool:
    """Every value of the columns has exactly this type (a bool is no int, an int no float)."""
    return all(set(map(type, col)) <= {kind} for col in columns)


def _all_ints(*columns: list | tuple) -> bool:
    return _all_of(int, *columns)


def _time_spans_fit(times: list, length: int) -> bool:
    """A sentence's time expressions: [start, end] pairs inside its `length` characters."""
    return all(
        type(t) is list
        and len(t) == 2
        and _is_int(t[0])
        and _is_int(t[1])
        and 0 <= t[0] < t[1] <= length
        for t in times
    )


def _read_key(path: Path) -> bytes | None:
    """The key in KEY_FILE (64 hex digits); None if there is none, or not only that."""
    try:
        with open(path, "rb") as fh:
            key = bytes.fromhex(fh.read(100).decode("ascii").strip())
    except (OSError, ValueError):
        return None
    return key if len(key) == 32 else None


def _remove_flat_entries(folder: Path) -> None:
    """Remove the old layout's entries (64 hex digits + .json, or their temp files) from one
    two-digit folder, and the folder if that empties it; any other file stays."""
    try:
        for f in folder.iterdir():
            if (
                re.fullmatch(rf"{folder.name}[0-9a-f]{{62}}\.json|\.tmp-\w+\.json", f.name)
                and f.is_file()
            ):
                f.unlink()
        folder.rmdir()
    except OSError:
        pass  # not empty (a file of someone else's), or not ours to change


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
    change within the file system's timestamp granularity could not be told apart. Each
    entry carries an HMAC (the cache's key) over itself and its file's path: an index that
    does not parse, or an entry of the wrong shape, damaged or moved to another file, is
    ignored, never trusted, and its seed read again.
    """

    def __init__(self, path: Path, key: bytes = b""):
        self.path = path
        self.key = key
        self.known = self._load()
        self.seen: dict[str, list] = {}
        self.unchanged = 0  # files this build did not read (lookup hits)

    def _load(self) -> dict:
        try:
            seeds = json.loads(self.path.read_bytes())["seeds"]
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        return seeds if isinstance(seeds, dict) else {}

    def _sign(self, key: str, fields: list) -> str:
        """The HMAC of an entry's fields and the path they belong to. (orjson: this runs
        for every seed of a rebuild; a path that is no valid UTF-8, held with surrogate
        escapes, which orjson refuses, is serialised by json.)"""
        try:
            data = orjson.dumps([key, *fields], option=orjson.OPT_SORT_KEYS)
        except TypeError:
            text = json.dumps([key, *fields], ensure_ascii=False, sort_keys=True)
            data = text.encode("utf-8", "surrogatepass")
        return _mac(self.key, data).decode("ascii")

    @staticmethod
    def stamps(path: Path) -> tuple[str, list]:
        """The index key of a seed file and its stamps, taken before it is read."""
        return os.path.abspath(path), [file_stamp(path), file_stamp(path.with_suffix(".yaml"))]

    def lookup(self, path: Path, stamps: tuple[str, list]) -> Seed | None:
        """The seed as last read, if its file and sidecar have the same stamps and its
        entry passes its check; its text is only read if something asks for it (Seed.text)."""
        key, now = stamps
        entry = self.known.get(key)
        if now[0] is None or not isinstance(entry, list) or len(entry) != 6 or entry[0] != now:
            return None
        _, digest, meta, body_start, notes, mac = entry
        if not (
            isinstance(mac, str)
            and hmac.compare_digest(mac, self._sign(key, entry[:5]))
            and isinstance(digest, str)
            and re.fullmatch(r"[0-9a-f]{64}", digest)
            and isinstance(meta, dict)
            and set(meta) <= META_FIELDS
            and all(isinstance(v, str) for v in meta.values())
            and _is_int(body_start)
            and body_start >= 0
            and isinstance(notes, list)
            and all(isinstance(n, str) for n in notes)
        ):
            return None
        self.seen[key] = entry
        self.unchanged += 1
        return Seed(
            path=path, body_start=body_start, notes=list(notes), known_digest=digest, **meta
        )

    def remember(self, seed: Seed, stamps: tuple[str, list]) -> None:
        key, now = stamps
        recent = time.time_ns() - RECENT_NS
        if now[0] is None or any(s and max(s[3], s[4]) > recent for s in now):
            return
        fields = [now, seed.digest, seed.metadata(), seed.body_start, seed.notes]
        self.seen[key] = [*fields, self._sign(key, fields)]

    def correct(self, seed: Seed) -> None:
        """Record what reading a looked-up file really gave (Seed.reread), under the
        stamps of the lookup. Why those: if the file changed since, its stamps changed
        too, and the next build reads it again; if the index was wrong, it is now right."""
        key = os.path.abspath(seed.path)
        entry = self.seen.pop(key, None)
        if entry is not None:
            self.remember(seed, (key, entry[0]))
