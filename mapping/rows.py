"""The row schema of mentions.csv and sentences.csv, shared by the cache, the CSV files,
the frames and `extract --json`: one place that says how a reading becomes a row.

Why its own module: the cache stores these rows (without the seed's name and metadata,
which are joined at write time), so the cache, the pipeline and the outputs all need them,
and none of those may import another stage to get them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Container
from functools import lru_cache

from .gazetteer import Gazetteer
from .model import Reading, SeedResult
from .seeds import one_line

# Longest evidence an output row repeats. Why: every mention row carries its sentence, so
# a seed of one endless sentence naming a place 10,000 times would write that sentence
# 10,000 times; longer sentences are shown as a window around the mention instead, and
# sentences.csv holds each sentence once, whole. Real sentences are far shorter.
EVIDENCE_CHARS = 400
CUT = "\u2026"


def clip_evidence(sentence: str, start: int, end: int) -> str:
    """The sentence if it has at most EVIDENCE_CHARS characters, else a window of at most
    that many around sentence[start:end] (the mention), with CUT marking each cut end."""
    if len(sentence) <= EVIDENCE_CHARS:
        return sentence
    room = EVIDENCE_CHARS - 2 * len(CUT)
    start = min(max(start, 0), len(sentence))
    end = min(max(end, start), len(sentence), start + room)
    left = max(0, min(start - (room - (end - start)) // 2, len(sentence) - room))
    right = left + room
    if left == 0:
        right += len(CUT)
    if right >= len(sentence):
        left = max(0, len(sentence) - EVIDENCE_CHARS + len(CUT))
        right = len(sentence)
    return (CUT if left else "") + sentence[left:right] + (CUT if right < len(sentence) else "")


def reading_evidence(r: Reading) -> str:
    """A reading's evidence as the outputs show it (clip_evidence around its mention)."""
    return clip_evidence(
        r.evidence, r.mention.start - r.evidence_start, r.mention.end - r.evidence_start
    )


def evidence_line(sentence: str, seed: str) -> str:
    """One line of a frame's evidence column: the sentence and, in brackets, its seed
    (line breaks in a file name shown as \\n, so the line stays one line)."""
    return f"{sentence} [{one_line(seed)}]"


def evidence_seed(line: str, known: Container[str] = ()) -> str:
    """The seed named by an evidence_line: the bracketed tail that is a `known` name (a
    file name may itself hold '[' or ' ['), else the text after the last '['."""
    if line.endswith("]"):
        pos = len(line)
        while (pos := line.rfind(" [", 0, pos)) >= 0:
            if line[pos + 2 : -1] in known:
                return line[pos + 2 : -1]
    return line.rsplit("[", 1)[-1].rstrip("]")


# sentence_id: the row of sentences.csv (same seed) holding the whole evidence sentence.
MENTION_COLUMNS = [
    "seed",
    "surface",
    "start",
    "end",
    "place",
    "kind",
    "province",
    "province_name",
    "status",
    "rule",
    "sentence_id",
    "evidence",
    "match",
    "antecedent",
    "lat",
    "lon",
    "event_date",
    "date_precision",
    "date",
    "source",
    "title",
    "url",
    "also_in",
]
# The seed's, last in each row; also_in: the other files holding the same article.
META_COLUMNS = ("date", "source", "title", "url", "also_in")
# Before them, each reading's event date and its precision: the seed's date ("day") in
# cached rows, which are kept only for texts that name no time (pipeline.extract_seed).
EVENT_COLUMNS = ("event_date", "date_precision")
SENTENCE_COLUMNS = ["seed", "sentence_id", "start", "end", "text"]


def sentence_ids(readings: list[Reading]) -> list[int]:
    """Each reading's sentence_id: the sentences of a seed numbered from 0 in order of
    first use (one sentence is one span of the text)."""
    ids: dict[tuple[int, int], int] = {}
    return [ids.setdefault((r.evidence_start, r.evidence_end), len(ids)) for r in readings]


def sentence_tuples(res: SeedResult) -> list[tuple]:
    """The sentences.csv rows of one seed (SENTENCE_COLUMNS order): each evidence
    sentence once, whole."""
    seen: dict[tuple[int, int], tuple] = {}
    for r in res.readings:
        span = (r.evidence_start, r.evidence_end)
        if span not in seen:
            seen[span] = (res.seed.name, len(seen), *span, r.evidence)
    return list(seen.values())


def mention_core(res: SeedResult, gaz: Gazetteer) -> list[tuple]:
    """The mentions.csv columns of one seed's rows that come from its text alone (all but
    the seed's name and META_COLUMNS): what the cache may keep."""
    names = {pid: p.name for pid, p in gaz.provinces.items()}
    return [
        (
            r.mention.surface,
            r.mention.start,
            r.mention.end,
            r.mention.place.name,
            r.mention.kind,
            r.mention.province,
            names[r.mention.province],
            r.status,
            r.rule,
            sid,
            reading_evidence(r),
            r.mention.match,
            r.mention.antecedent,
            r.mention.place.lat,
            r.mention.place.lon,
        )
        for r, sid in zip(res.readings, sentence_ids(res.readings))
    ]


def mention_tuples(res: SeedResult, gaz: Gazetteer) -> list[tuple]:
    """The mentions.csv rows of one seed, as tuples in MENTION_COLUMNS order (fast path
    for thousands of seeds)."""
    seed = res.seed
    meta = tuple(getattr(seed, k) for k in META_COLUMNS)
    return [
        (seed.name, *core, r.event_date, r.date_precision, *meta)
        for core, r in zip(mention_core(res, gaz), res.readings)
    ]


# Stand for the seed's file name and its metadata columns in cached mentions.csv rows: the
# cache is keyed by the seed's text alone, and the same text may sit in a file of another
# name, or have its sidecar edited, so both are joined in only when the file is written.
# The event-date columns depend on the seed's date too: WHEN_SLOT stands for the seed's own
# (a reading whose sentence names no time), DATED_MARK + row number + DATED_MARK for a
# reading dated by its sentence (filled from the reading, resolved at load).
NAME_SLOT = "\ue000seed\ue000"
META_SLOT = "\ue000meta\ue000"
WHEN_SLOT = "\ue000when\ue000"
DATED_MARK = "\ue001"
# Cached events.csv rows (mapping.events.seed_event_rows) start with ROW_MARK, standing for
# the row's event_id_cnty (numbered over the whole build), and have SOURCE_SLOT for the
# seed's source and url columns and NAME_SLOT for its name. Their date columns: DAY_SLOT
# (event_date, year, time_precision) and PRECISION_SLOT (date_precision) for the seed's own
# date, DATED_MARK + row number + DATED_MARK and PRECISION_MARK + row number +
# PRECISION_MARK for a reading dated by its sentence.
ROW_MARK = "\ue002"
SOURCE_SLOT = "\ue000source\ue000"
DAY_SLOT = "\ue000day\ue000"
PRECISION_SLOT = "\ue000precision\ue000"
PRECISION_MARK = "\ue003"
SLOTS = (
    NAME_SLOT,
    META_SLOT,
    WHEN_SLOT,
    DATED_MARK,
    ROW_MARK,
    SOURCE_SLOT,
    DAY_SLOT,
    PRECISION_SLOT,
    PRECISION_MARK,
)


def mention_rows_text(res: SeedResult, gaz, dated: Container[tuple[int, int]] = ()) -> str:
    """One seed's mentions.csv rows as CSV text, with slots for the seed's name, event
    dates and metadata (fill_rows puts the seed's own in); `dated` holds the spans of the
    sentences that name a time."""
    return csv_rows(
        (
            NAME_SLOT,
            *row,
            f"{DATED_MARK}{i}{DATED_MARK}"
            if (r.evidence_start, r.evidence_end) in dated
            else WHEN_SLOT,
            META_SLOT,
        )
        for i, (row, r) in enumerate(zip(mention_core(res, gaz), res.readings))
    )


def sentence_rows_text(res: SeedResult) -> str:
    """One seed's sentences.csv rows as CSV text, with NAME_SLOT in the seed column."""
    return csv_rows((NAME_SLOT, *row[1:]) for row in sentence_tuples(res))


# The slots as the cache stores them: rows are kept as UTF-8 bytes, and filled and written
# as bytes (UTF-8 can only match a whole encoded character, so a bytes replace is the text
# replace). Why bytes: decoding and encoding again every row of a 10,000-seed rebuild cost
# more than reading them.
NAME_SLOT_BYTES, META_SLOT_BYTES = NAME_SLOT.encode("utf-8"), META_SLOT.encode("utf-8")
WHEN_SLOT_BYTES = WHEN_SLOT.encode("utf-8")
ROW_MARK_BYTES, SOURCE_SLOT_BYTES = ROW_MARK.encode("utf-8"), SOURCE_SLOT.encode("utf-8")
DAY_SLOT_BYTES, PRECISION_SLOT_BYTES = DAY_SLOT.encode("utf-8"), PRECISION_SLOT.encode("utf-8")
PRECISION_MARK_BYTES = PRECISION_MARK.encode("utf-8")
DATED_MARK_BYTES = DATED_MARK.encode("utf-8")


def fill_name(rows: bytes, res: SeedResult) -> bytes | None:
    """sentence_rows_text (as UTF-8) with the seed's name in place of the slot; None if the
    name holds a slot itself."""
    name = csv_line([res.seed.name])
    if NAME_SLOT in name or META_SLOT in name:
        return None
    return rows.replace(NAME_SLOT_BYTES, name.encode("utf-8"))


def fill_rows(rows: bytes, res: SeedResult) -> bytes | None:
    """mention_rows_text (as UTF-8) with the seed's name, event dates and metadata in place
    of the slots (a replace per seed instead of formatting every row again: the rebuild of
    thousands of seeds depends on it); None if the name or metadata hold a slot themselves."""
    name = csv_line([res.seed.name])
    meta = csv_line([getattr(res.seed, k) for k in META_COLUMNS])
    if any(slot in name or slot in meta for slot in SLOTS):
        return None
    date = res.seed.date
    when = csv_line([date, "day" if date else ""]).encode("utf-8")
    filled = (
        rows.replace(META_SLOT_BYTES, meta.encode("utf-8"))
        .replace(NAME_SLOT_BYTES, name.encode("utf-8"))
        .replace(WHEN_SLOT_BYTES, when)
    )
    if DATED_MARK_BYTES not in filled:
        return filled
    readings = res.readings

    def dated(i: int) -> bytes:
        r = readings[i]
        return _dates_csv(r.event_date, r.date_precision)

    try:
        return fill_marks(filled, DATED_MARK_BYTES, dated)
    except (IndexError, ValueError):  # marks that fit no reading: made from the readings
        return None


def fill_marks(rows: bytes, mark: bytes, value: Callable[[int], bytes]) -> bytes:
    """Rows with each mark + number + mark replaced by value(number). Raises ValueError
    for marks that do not pair up around a number (and what `value` raises).

    Why a split, not a regex with a function: a 10,000-seed rebuild fills a hundred
    thousand marks, and a call per match from the regex engine cost twice as much."""
    pieces = rows.split(mark)  # text, number, text, number, ..., text
    if len(pieces) % 2 == 0:
        raise ValueError("unpaired mark")
    pieces[1::2] = [value(int(number)) for number in pieces[1::2]]
    return b"".join(pieces)


@lru_cache(maxsize=4096)
def _dates_csv(event_date: str, precision: str) -> bytes:
    """A reading's event-date columns as CSV (UTF-8): a corpus has a few hundred distinct
    ones, and a 10,000-seed rebuild fills a hundred thousand rows with them."""
    return csv_line([event_date, precision]).encode("utf-8")


def csv_rows(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def csv_line(values: list) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(values)
    return out.getvalue()
