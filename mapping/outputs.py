"""Writing the build's files: map.html, provinces.geojson, mentions.csv, sentences.csv,
extract JSON.

Every file is written to a temporary file in the same folder and moved into place with
os.replace, so a reader (or a build killed half-way) never sees a half-written file, and
two builds into one folder each leave a complete file.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from collections.abc import Callable, Collection, Iterator
from functools import partial
from pathlib import Path
from typing import NamedTuple

from .background import Child, ChildFailed, stage_in_child
from .corrections import FILE_NAME as CORRECTIONS_FILE
from .errors import OutputError
from .events import (
    EVENT_COLUMNS,
    correction_event_text,
    events_csv_parts,
    renumbered,
    seed_event_texts,
)
from .files import stage, text_writer
from .geojoin import provinces_frame, towns_frame
from .history import HISTORY_COLUMNS, build_timeline
from .model import VIOLENCE_FLAG, BuildResult, Gazetteer, LetGo, Reading, SeedResult, Status
from .rows import (
    MENTION_COLUMNS,
    META_COLUMNS,
    SENTENCE_COLUMNS,
    csv_rows,
    fill_name,
    fill_rows,
    mention_tuples,
    reading_evidence,
    sentence_tuples,
)
from .seeds import one_line

# Every CSV starts with a UTF-8 byte-order mark. Why: Excel on Windows reads a CSV without
# one in the system's code page, which garbles every name with a diacritic or curly quote;
# pandas, the csv module (encoding "utf-8-sig"), QGIS and R read it as plain UTF-8.
BOM = "\ufeff"


def _folder_problem(out_dir: Path, exc: OSError, what: str) -> OutputError:
    reason = {
        errno.ENOSPC: "disk full",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a path part is not a folder",
        errno.EEXIST: "exists and is not a folder",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(one_line(f"{out_dir}: cannot {what} ({reason}); no output was changed"))


# The outputs a forked child process stages while this one draws the map and stages the
# rest (write_all): the tables, which need only the build's results, about half the time of
# writing a large build's files.
BACKGROUND = ("mentions.csv", "sentences.csv", "history.csv", "events.csv")
# Of those, the ones made from the seeds' results alone (no timeline): their child can start
# as soon as the seeds are read (start_seed_tables), while this process works out the
# timeline and draws the map.
SEED_TABLES = ("mentions.csv", "sentences.csv", "events.csv")


def _prepare_folder(out_dir: Path) -> None:
    """The output folder, made if missing; raises OutputError naming it when it cannot be."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            one_line(f"{out_dir}: the output path is a file, not a folder; no output was changed")
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _folder_problem(out_dir, exc, "create the output folder") from None


def start_seed_tables(
    out_dir: Path, seeds_read: BuildResult, carried: TablesMemo | None = None
) -> Child:
    """A forked child staging SEED_TABLES from a build whose seeds are read (its timeline
    may not be worked out yet), for write_all to collect (`started`); a Child with nothing
    staged when the folder cannot be made (write_all then reports why) or there is no fork.
    With `carried` (a watch's), rows of the files it last wrote are copied (TablesMemo).

    Why so early: in a rebuild of 10,000 seeds these tables take about as long as the
    timeline and the map together; started here, they are written meanwhile.
    """
    out_dir = Path(out_dir)
    try:
        _prepare_folder(out_dir)
    except OutputError:
        return Child([])
    return stage_in_child(out_dir, seed_table_writers(seeds_read, carried))


class Kept(NamedTuple):
    """Where one seed's rows lie in a table file a watch wrote, and what they were made
    from: the readings list (by identity) and, for events.csv, how many rows came before
    (their ids count on from there) and how many are its own."""

    offset: int
    length: int
    readings: list[Reading]
    before: int
    own: int


class Layout(NamedTuple):
    """A table file a watch wrote: its stamp (inode, size, modification time) when moved
    into place, and each seed's rows in it (by table_key)."""

    stamp: tuple[int, int, int]
    rows: dict[tuple, Kept]


class TablesMemo:
    """Where a `watch` process's last build put each seed's rows in mentions.csv,
    sentences.csv and events.csv, so that its next build copies the rows of a seed that
    did not change from those files instead of making them again (CarriedTable).

    Why: after one seed is added to 10,000, writing those tables (every seed's rows file
    read and checked, its slots filled) took the writing child 3.3 CPU seconds, the
    longest part of a watch's rebuild. A seed's rows are the same bytes when its readings
    are the same objects (cache.EntryMemo gives a seed new readings when its text, name or
    date changes) and its name and metadata are the same (table_key); in events.csv, but
    for their ids, which count the rows before them (events.renumbered). A file is read
    only while it is the very file this process moved into place (its stamp). Anything
    else is made as a fresh build makes it.
    """

    def __init__(self) -> None:
        self.layouts: dict[str, Layout] = {}

    def remember(
        self, out_dir: Path, result: BuildResult, told: dict[str, list[list[int]]]
    ) -> None:
        """The tables of `result` are in place in `out_dir`, each seed's rows taking the
        bytes (and, in events.csv, the rows) `told` says, in the table's seed order
        (Child.lengths; a table not told of is forgotten)."""
        self.layouts = {}
        for name, sizes in told.items():
            try:
                st = os.stat(Path(out_dir) / name)
            except OSError:
                continue
            offset, before, rows = len(_TABLE_HEADS[name].encode("utf-8")), 0, {}
            for res, (length, count) in zip(_table_order(name, result), sizes):
                rows[table_key(name, res)] = Kept(offset, length, res.readings, before, count)
                offset, before = offset + length, before + count
            if offset <= st.st_size and len(sizes) == len(result.seeds):
                self.layouts[name] = Layout((st.st_ino, st.st_size, st.st_mtime_ns), rows)


def _table_order(name: str, result: BuildResult) -> list[SeedResult]:
    """The seeds in the order of their rows in the table: events.csv's in time order."""
    if name == "events.csv":
        return sorted(result.seeds, key=lambda r: r.order)
    return result.seeds


def table_key(name: str, res: SeedResult) -> tuple:
    """What a seed's rows in table `name` are made from, besides its readings' values:
    the readings list (by identity), the seed's name, and its metadata columns
    (mentions.csv: rows.META_COLUMNS, the copies of the article among them; events.csv:
    source, url and date)."""
    seed = res.seed
    if name == "mentions.csv":
        return (id(res.readings), seed.name, *(getattr(seed, k) for k in META_COLUMNS))
    if name == "events.csv":
        return id(res.readings), seed.name, seed.source, seed.url, seed.date
    return id(res.readings), seed.name


class CarriedTable:
    """The writer of one seed table with a TablesMemo: each seed's rows in the table's
    seed order, copied from the file the watch last wrote where they are the same
    (TablesMemo), else made as mentions_csv_parts, sentences_csv_parts or events_csv make
    them; `lengths` then tells the bytes and rows each seed's rows took (for the next)."""

    def __init__(self, name: str, result: BuildResult, before: Layout | None):
        self.name, self.result, self.before = name, result, before
        self.lengths: list[list[int]] | None = None

    def __call__(self, tmp: Path) -> None:
        old = self._open_before(tmp.parent / self.name)
        lengths: list[list[int]] = []
        try:
            text_writer(self._parts(old, lengths))(tmp)
        finally:
            if old is not None:
                os.close(old)
        self.lengths = lengths

    def _parts(self, old: int | None, lengths: list[list[int]]) -> Iterator[bytes]:
        """The table's bytes in parts (files.text_writer writes them), noting in `lengths`
        the bytes and rows each seed's rows take."""
        yield _TABLE_HEADS[self.name].encode("utf-8")
        count = 0
        for data, rows in self._chunks(old):
            lengths.append([len(data), rows])
            count += rows
            yield data
        if self.name == "events.csv":
            yield correction_event_text(self.result, count).encode("utf-8")

    def _chunks(self, old: int | None) -> Iterator[tuple[bytes, int]]:
        """Each seed's rows (UTF-8) in the table's order, and how many (events.csv)."""
        if self.name == "events.csv":
            reuse = None if old is None else partial(self._copied, old)
            for _, data, rows in seed_event_texts(self.result, reuse):
                yield data, rows
            return
        make = _mention_rows if self.name == "mentions.csv" else _sentence_rows
        gaz = self.result.gazetteer
        for res in self.result.seeds:
            copied = None if old is None else self._copied(old, res, 0)
            if copied is not None:
                yield copied
                continue
            part = make(res, gaz)
            yield (part.encode("utf-8") if isinstance(part, str) else part), 0

    def _open_before(self, path: Path) -> int | None:
        """The file the watch last wrote, open for reading, if it is still that file."""
        if self.before is None:
            return None
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        st = os.fstat(fd)
        if (st.st_ino, st.st_size, st.st_mtime_ns) != self.before.stamp:
            os.close(fd)
            return None
        return fd

    def _copied(self, fd: int, res: SeedResult, before: int) -> tuple[bytes, int] | None:
        """The seed's rows as the file holds them and how many, when they are the ones to
        write: the same readings, name and metadata; in events.csv, with ids counted on
        from `before` (events.renumbered, when more or fewer rows come before them now)."""
        assert self.before is not None
        kept = self.before.rows.get(table_key(self.name, res))
        if kept is None or kept.readings is not res.readings:
            return None
        data = os.pread(fd, kept.length, kept.offset)
        if len(data) != kept.length:
            return None
        if kept.before != before:
            moved = renumbered(data, kept.own, kept.before + 1, before + 1)
            return None if moved is None else (moved, kept.own)
        return data, kept.own


def write_all(
    out_dir: Path,
    files: dict[str, Callable[[Path], None]],
    background: Collection[str] = (),
    started: Child | None = None,
    forked: Callable[[frozenset[str]], None] | None = None,
) -> list[Path]:
    """Write every output or none: each goes to a temp file first, and only when all are
    complete on disk are they moved into place. Raises OutputError naming the folder.
    The files named in `background` are staged by a forked child at the same time as the
    others (mapping.background), where the system can fork; those a child `started` earlier
    stages (start_seed_tables) are taken from it. `forked` is told, once that child is
    forked, the names the children stage: what only they need this process may let go of
    before it stages the others (let_go_of_history).

    Why: a full disk or a read-only folder half-way through used to leave some outputs new
    and others old, a map that disagrees with its own CSV.
    """
    out_dir = Path(out_dir)
    early = started or Child([])
    try:
        _prepare_folder(out_dir)
    except OutputError:
        early.discard()
        raise
    staged: dict[str, Path] = {}
    doing = "write the outputs"
    later = {n: w for n, w in files.items() if n in background and n not in early.names}
    child = stage_in_child(out_dir, later)
    try:
        if forked is not None:
            forked(child.names | early.names)
        for name, writer in files.items():
            if name not in child.names and name not in early.names:
                doing = f"write {name}"
                staged[name] = stage(out_dir / name, writer)
        doing = "write the outputs"
        staged.update(child.wait())
        staged.update(early.wait())
        doing = "move the outputs into place"
        for name in files:
            os.replace(staged[name], out_dir / name)
        early.keep()
    except BaseException as exc:
        for tmp in [*staged.values(), *child.wait_quietly().values()]:
            tmp.unlink(missing_ok=True)
        early.discard()
        if isinstance(exc, ChildFailed):
            doing = f"write {exc.name}"
            exc = exc.error
        if isinstance(exc, OSError):
            raise _folder_problem(out_dir, exc, doing) from None
        raise exc from None
    return [out_dir / name for name in files]


def let_go_of_history(result: BuildResult, staged_elsewhere: Collection[str]) -> None:
    """The build's history rows dropped from this process when a forked child writes
    history.csv (write_all's `forked`, in a one-shot build): any later use of them raises
    (model.LetGo).

    Why: nothing else this process writes is made from them, and they are a tuple per
    report (about 40 MB in a 10,000-seed build), made together by the timeline, so their
    memory is given back before the map and the GeoPackage, where a build's memory peaks.
    """
    if "history.csv" in staged_elsewhere and result.timeline is not None:
        result.timeline.events = LetGo("the history rows")


def output_writers(
    result: BuildResult, page: str | Callable[[], str]
) -> dict[str, Callable[[Path], None]]:
    """Every file a build writes, by name: this module owns the list. The map's page may be
    given as a function that draws it, called when map.html is written (so a child can
    write the tables meanwhile: write_all)."""
    tables = seed_table_writers(result)
    return {
        "provinces.geojson": deferred_writer(lambda: provinces_geojson(result)),
        "mentions.csv": tables["mentions.csv"],
        "sentences.csv": tables["sentences.csv"],
        "history.csv": deferred_writer(lambda: history_csv(result)),
        "events.csv": tables["events.csv"],
        "map.html": _page_writer(page),
        "provinces.gpkg": lambda tmp: _geopackage(result, tmp),
        "provinces.parquet": lambda tmp: provinces_frame(result).reset_index().to_parquet(tmp),
    }


def seed_table_writers(
    result: BuildResult, carried: TablesMemo | None = None
) -> dict[str, Callable[[Path], None]]:
    """The writers of SEED_TABLES: what they need is the seeds' results, not the timeline
    (with a watch's TablesMemo, they copy the rows of seeds that did not change)."""
    if carried is None:
        return {
            "mentions.csv": text_writer(mentions_csv_parts(result)),
            "sentences.csv": text_writer(sentences_csv_parts(result)),
            "events.csv": text_writer(events_csv(result)),
        }
    return {name: CarriedTable(name, result, carried.layouts.get(name)) for name in SEED_TABLES}


def deferred_writer(make: Callable[[], str]) -> Callable[[Path], None]:
    """A writer of the text `make` gives, made only when the file is written. Why: whoever
    writes it (a child, or this process after the others) makes it, not output_writers."""
    return lambda tmp: text_writer(make())(tmp)


def _page_writer(page: str | Callable[[], str]) -> Callable[[Path], None]:
    return text_writer(page) if isinstance(page, str) else deferred_writer(page)


def _geopackage(result: BuildResult, tmp: Path) -> None:
    """provinces and towns layers, for QGIS: `latest_date` a real date-time field (UTC),
    and a default layer style (mapping.qgis_style) so QGIS opens it in the map's colours."""
    import sqlite3

    import pandas as pd
    from pyogrio.errors import DataLayerError, DataSourceError, FeatureError

    from .qgis_style import add_layer_style

    try:
        frame = provinces_frame(result).reset_index()
        frame["latest_date"] = pd.to_datetime(
            frame["latest_date"].replace("", None), utc=True, format="ISO8601"
        )
        frame.to_file(tmp, layer="provinces", driver="GPKG")
        towns = towns_frame(result)
        if len(towns):
            towns.to_file(tmp, layer="towns", driver="GPKG", mode="a")
        add_layer_style(tmp)
    except sqlite3.Error as exc:
        full = "full" in str(exc).lower()
        raise OSError(errno.ENOSPC if full else errno.EIO, str(exc)) from None
    except (DataLayerError, DataSourceError, FeatureError) as exc:
        # GDAL reports a full disk through SQLite's words; say it as the OS would.
        full = "full" in str(exc).lower() or "no space" in str(exc).lower()
        raise OSError(errno.ENOSPC if full else errno.EIO, str(exc)) from None


def provinces_geojson(result: BuildResult) -> str:
    """The province layer as GeoJSON; each Feature carries its id at Feature level (what
    Leaflet, Mapbox and QGIS join on) and in its properties."""
    frame = provinces_frame(result)
    frame.insert(0, "id", frame.index)
    return frame.to_json(ensure_ascii=False) + "\n"


def history_csv(result: BuildResult) -> str:
    """One row per (seed, place) report, with the csv module (fast for thousands of seeds)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HISTORY_COLUMNS)
    events = result.timeline.events if result.timeline else []
    writer.writerows(events)
    return out.getvalue()


def events_csv(result: BuildResult) -> Iterator[str | bytes]:
    """events.csv in parts: every reported event in ACLED's columns (mapping.events)."""
    yield BOM
    yield from events_csv_parts(result)


def mentions_csv_parts(result: BuildResult) -> Iterator[str | bytes]:
    """mentions.csv in parts, a seed each: from the cache's rows where it has them."""
    yield _TABLE_HEADS["mentions.csv"]
    for res in result.seeds:
        yield _mention_rows(res, result.gazetteer)


def _mention_rows(res: SeedResult, gaz: Gazetteer) -> str | bytes:
    """One seed's mentions.csv rows: the cache's, filled, where it has them."""
    res.take_stored_rows()
    filled = None if res.csv_rows is None else fill_rows(res.csv_rows, res)
    return filled if filled is not None else csv_rows(mention_tuples(res, gaz))


def sentences_csv_parts(result: BuildResult) -> Iterator[str | bytes]:
    """sentences.csv in parts, a seed each: each evidence sentence once, whole, which the
    sentence_id of mentions.csv refers to."""
    yield _TABLE_HEADS["sentences.csv"]
    for res in result.seeds:
        yield _sentence_rows(res)


def _sentence_rows(res: SeedResult, gaz: Gazetteer | None = None) -> str | bytes:
    """One seed's sentences.csv rows (the gazetteer is not needed: _mention_rows' shape)."""
    res.take_stored_rows()
    filled = None if res.sentence_rows is None else fill_name(res.sentence_rows, res)
    return filled if filled is not None else csv_rows(sentence_tuples(res))


# What the seed tables start with: the byte-order mark and the header.
_TABLE_HEADS = {
    "mentions.csv": BOM + ",".join(MENTION_COLUMNS) + "\n",
    "sentences.csv": BOM + ",".join(SENTENCE_COLUMNS) + "\n",
    "events.csv": BOM + ",".join(EVENT_COLUMNS) + "\n",
}


def seed_json(res: SeedResult, result: BuildResult) -> dict:
    """The stable `extract --json` shape for one seed (extended, never narrowed)."""
    gaz = result.gazetteer
    mentions = []
    for r in res.readings:
        m = r.mention
        mentions.append(
            {
                "surface": m.surface,
                "start": m.start,
                "end": m.end,
                "place": m.place.name,
                "kind": m.kind,
                "province": m.province,
                "province_name": gaz.province_name(m.province),
                "status": str(r.status),
                "evidence": reading_evidence(r),
                "match": m.match,
                "lat": m.place.lat,
                "lon": m.place.lon,
                "rule": r.rule,
                "evidence_start": r.evidence_start,
                "evidence_end": r.evidence_end,
                "antecedent": m.antecedent,
                "event_date": r.event_date or None,
                "date_precision": r.date_precision or None,
            }
        )
    provinces = build_timeline(gaz, [res]).final
    return {
        "path": str(res.seed.path),
        "date": res.seed.date or None,
        "title": res.seed.title,
        "source": res.seed.source,
        "url": res.seed.url,
        # What start/end index: the file's text, or a saved page's extracted article.
        "text": res.seed.text,
        # The other files holding the same article (pipeline.merge_copies), counted once.
        "copies": [
            {
                "path": str(c.path),
                "date": c.date or None,
                "title": c.title,
                "source": c.source,
                "url": c.url,
            }
            for c in res.seed.copies
        ],
        "mentions": mentions,
        "provinces": [
            {
                "province": pid,
                "province_name": gaz.province_name(pid),
                "status": str(ps.status),
                VIOLENCE_FLAG: ps.violence,
                "via": ps.via,
                "fuzzy": sorted(set(ps.fuzzy)),
            }
            for pid, ps in sorted(provinces.items())
            if ps.status != Status.NO_REPORT
        ],
        "foreign": [
            {"surface": f.surface, "start": f.start, "end": f.end, "country": f.country}
            for f in res.foreign
        ],
    }


def extract_json(result: BuildResult) -> str:
    doc = {
        "seeds": [seed_json(res, result) for res in result.seeds],
        "problems": [str(p) for p in result.problems],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def summary_table(result: BuildResult) -> str:
    """The terminal summary: one line per province with a report."""
    everything = provinces_frame(result)
    frame = everything[everything["status"] != Status.NO_REPORT]
    lines = [f"{'province':<14} {'status':<11} {VIOLENCE_FLAG:<8} evidence"]
    for _, row in frame.iterrows():
        extra = f"  (fuzzy: {row['fuzzy']})" if row["fuzzy"] else ""
        lines.append(
            f"{row['name']:<14} {row['status']:<11} {'yes' if row[VIOLENCE_FLAG] else '':<8} "
            f"{row['evidence_count']}{extra}"
        )
    rows = [p for p in result.skipped if p.path.name == CORRECTIONS_FILE]
    lines.append(
        f"{len(frame)} of {len(everything)} provinces reported; "
        f"{len(result.seeds)} seed(s) read, {len(result.skipped) - len(rows)} skipped"
        + (f"; {len(rows)} correction row(s) skipped" if rows else "")
    )
    return "\n".join(lines)
