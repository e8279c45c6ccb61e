"""The pipeline in one place: seeds -> mentions -> statuses -> province statuses.

The CLI, the notebook API and the tests all go through these functions, so there is one
way a seed becomes a coloured province.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .algebra import seed_reports
from .budget import budget
from .cache import EntryMemo, ExtractCache
from .corrections import FILE_NAME, Corrections, drop_ignored, load_corrections
from .dates import date_readings, dated_sentences, sentence_spans
from .errors import ExtractionTimeout, SeedError
from .events import seed_event_rows
from .gazetteer import Gazetteer, load_gazetteer
from .history import EvidenceMemo, build_timeline, state_as_of
from .learned import relearned, rules_status, unlearned
from .mentions import find_mentions
from .model import (
    BuildResult,
    BuildStats,
    ForeignMention,
    ProvinceStatus,
    Reading,
    Report,
    SeedResult,
    Timeline,
    share_foreign,
    share_values,
)
from .progress import Progress, wrap
from .rows import SLOTS, mention_rows_text, sentence_rows_text
from .rules import Rules
from .seeds import (
    WARNING,
    Seed,
    SeedProblem,
    copy_key,
    discover,
    note_problems,
    one_line,
    read_one,
    settle_guessed_years,
)
from .statuses import read_statuses, unwrapped

# Told when a build's seeds are read and final, before its timeline is worked out: what
# needs only the seeds (outputs.start_seed_tables) can start then.
SeedsReady = Callable[[BuildResult], None]

# Most place mentions (and, apart, foreign names) one seed may give; the first ones in text
# order are kept. Why: a seed of "Kabul Kabul ..." names a place every six characters, and
# every mention costs a row in each output and in the cache.
MAX_MENTIONS_PER_SEED = 2000


def extract_text(
    text: str, gaz: Gazetteer, start: int = 0, rules: Rules | None = None, learned: bool = True
) -> tuple[list[Reading], list[ForeignMention]]:
    """Mentions and their statuses for one text (from offset `start`, e.g. after front
    matter), by `rules` (the package's lexicon when None), then, unless `learned` is False,
    the learned reading of each province's status (mapping/learned.py), the text undated."""
    readings, foreign, _ = extract_counted(text, gaz, start, rules)
    return (relearned(readings) if learned else readings), foreign


def extract_counted(
    text: str, gaz: Gazetteer, start: int = 0, rules: Rules | None = None
) -> tuple[list[Reading], list[ForeignMention], int]:
    """The rules' readings of a text (the learned reading comes once they are dated:
    extract_seed), at most MAX_MENTIONS_PER_SEED mentions (the first in text order) and
    foreign names, and how many mentions the text had.

    Why the cut comes before reading statuses: the readings of dropped mentions would not
    be kept, so they are not worked out (a status may then miss a trigger bound through a
    dropped mention; only in a seed over the limit).
    """
    text = unwrapped(text, start, rules)  # hard-wrapped copy read as running text
    mentions, foreign = find_mentions(text, gaz, start, rules)
    kept = mentions[:MAX_MENTIONS_PER_SEED]
    readings = read_statuses(text, kept, start, rules) if kept else []  # no place, no reading
    return readings, foreign[:MAX_MENTIONS_PER_SEED], len(mentions)


# The gazetteer the extractor of this process last warmed up for (warm_up).
_warmed_for: list[Gazetteer] = []

# What warm_up extracts: a place and a trigger, so every lazily built part is built.
_WARM_UP_TEXT = "Fighters captured Kabul on Monday, officials said.\n"


def warm_up(gaz: Gazetteer) -> None:
    """Build what the first extraction of a process builds (the lexicon's compiled
    patterns, the name automaton, the learned reading's weights) by extracting a sentence of our own, once per gazetteer.

    Why before the budget: that setup takes about half a second, more on a loaded machine;
    it is the process's cost, not the first seed's, and counted in the budget it made a
    worker skip an innocent short seed as "took longer than 1 s" (the tests' budget).
    """
    if not _warmed_for or _warmed_for[0] is not gaz:
        extract_text(_WARM_UP_TEXT, gaz)  # the learned reading's weights too
        _warmed_for[:] = [gaz]


def extract_seed(seed: Seed, gaz: Gazetteer, cache: ExtractCache | None = None) -> SeedResult:
    """One seed's readings, from the cache when its text has been read before."""
    found = cache.get(seed.digest, seed.name, seed.date) if cache else None
    if found is not None:
        return found.result(seed)
    text = seed.text  # first, as reading it may correct the index's metadata
    warm_up(gaz)
    with budget():  # a seed still extracting after MAX_SECONDS_PER_SEED is skipped
        readings, foreign, count = extract_counted(text, gaz, seed.body_start)
    named = [
        Reading(
            r.mention,
            r.status,
            r.rule,
            r.evidence,
            r.evidence_start,
            r.evidence_end,
            seed.name,
            seed.date,
            r.violence,
            act=r.act,
        )
        for r in readings
    ]
    spans = sentence_spans(named)
    date_readings(named, seed.date, spans)
    named = relearned(named)
    share_values(named)
    share_foreign(foreign)
    key = copy_key(seed.body)
    result = SeedResult(
        seed, named, foreign, reports=seed_reports(named), found=count, copy_key=key
    )
    if cache:
        slots = any(slot in text for slot in SLOTS)
        dated = dated_sentences(named, spans)
        rows = (
            None if slots else (mention_rows_text(result, gaz, dated), sentence_rows_text(result))
        )
        events = None if slots else seed_event_rows(result, gaz, dated)
        cache.put(
            seed.digest,
            len(text),
            named,
            foreign,
            rows,
            result.reports,
            count,
            key,
            spans,
            events,
            seed.date,
        )
    return result


def province_statuses(gaz: Gazetteer, results: list[SeedResult]) -> dict[str, ProvinceStatus]:
    return timeline(gaz, results).final


def timeline(
    gaz: Gazetteer,
    results: list[SeedResult],
    corrections: Sequence[Report] = (),
    evidence: EvidenceMemo | None = None,
) -> Timeline:
    """Statuses as of each report time (mapping.history), latest last; `evidence` a
    watch's seeds' readings grouped by its last build (history.EvidenceMemo)."""
    return build_timeline(gaz, sorted(results, key=lambda r: r.order), corrections, evidence)


def as_of(result: BuildResult, when: str) -> BuildResult:
    """The build as it stood at `when` (an ISO day, or day and time): the same seeds and
    corrections, with only the events up to then (mapping.history.state_as_of)."""
    _iso(when)
    ordered = sorted(result.seeds, key=lambda r: r.order)
    provinces, places = state_as_of(result.gazetteer, ordered, result.corrections, when)
    steps = Timeline([when], [], [], provinces, places)
    return replace(result, provinces=provinces, frames={}, timeline=steps)


def _iso(when: str) -> None:
    import datetime as dt

    try:
        (dt.date if len(when) == 10 else dt.datetime).fromisoformat(when)
    except (TypeError, ValueError):
        raise ValueError(f"{when!r} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None


def build(
    seeds_dir: Path | str = "seeds",
    cache_dir: Path | str | None = None,
    progress: bool | Progress = False,
    strict: bool = False,
    one_shot: bool = False,
    learned: bool = True,
) -> BuildResult:
    """Read every seed of a folder and work out the province statuses.

    With cache_dir, each seed's extraction is cached by content (mapping.cache), so a
    rebuild after adding one seed re-reads only that seed. With progress (True, or a
    mapping.progress.Progress that the caller carries on through its own stages), a bar
    appears on the terminal when the build takes more than two seconds. With strict, reading
    stops at the first seed that cannot be used. With one_shot (a process that exits after
    this build), the build's objects are frozen out of the garbage collector's sight, and
    each seed's text is let go once extracted (a 10,000-seed build held 30 MB of text for
    nothing: the outputs are made from the readings; Seed.text reads it again if asked,
    as for a seed the cache's index knew or a worker read). With learned False, the rules'
    reading alone (rules_reading).
    """
    paths = discover(Path(seeds_dir))
    fixes = Path(seeds_dir) / FILE_NAME
    return build_paths(paths, cache_dir, progress, strict, one_shot, fixes, learned=learned)


def build_paths(
    paths: list[Path],
    cache_dir: Path | str | None = None,
    progress: bool | Progress = False,
    strict: bool = False,
    one_shot: bool = False,
    corrections: Path | None = None,
    seeds_ready: SeedsReady | None = None,
    memo: EntryMemo | None = None,
    evidence: EvidenceMemo | None = None,
    learned: bool = True,
) -> BuildResult:
    """build() for a list of seed files (what `territory-map extract` is given), with the
    corrections of a corrections.csv (mapping.corrections) when one is given; `seeds_ready`
    is told when the seeds are read (finish_build); with a memo, the cache entries an
    earlier build of this process read are taken from memory (mapping.cache.EntryMemo),
    with `evidence`, the seeds' readings as its timeline grouped them (EvidenceMemo);
    with `learned` False, the rules' reading alone (rules_reading)."""
    problems: list[SeedProblem] = []
    results: list[SeedResult] = []
    with collector_paused(one_shot):
        gaz = load_gazetteer()
        cache = ExtractCache(Path(cache_dir), gaz, memo) if cache_dir else None
        read = []
        for path in paths:
            seed, found = _read(path, cache)
            read.append((path, seed, found))
            if strict and seed is None:
                break  # --strict: stop at the first bad seed
        # Before extraction, which dates every reading: a dateline's guessed year.
        settle_guessed_years([seed for _, seed, _ in read if seed is not None])
        for path, seed, found in wrap(read, progress):
            if seed is not None:
                found = note_problems(path, seed.notes) + _one_seed(seed, gaz, cache, results)
                if one_shot:
                    seed.loaded_text = None  # read again if asked (Seed.text); see build
            problems.extend(found)
            if strict and any(p.fatal for p in found):
                break  # --strict: stop at the first bad seed
        return finish_build(
            gaz, results, problems, cache, corrections, seeds_ready, evidence, learned
        )


def finish_build(
    gaz: Gazetteer,
    results: list[SeedResult],
    problems: list[SeedProblem],
    cache: ExtractCache | None,
    corrections: Path | None,
    seeds_ready: SeedsReady | None = None,
    evidence: EvidenceMemo | None = None,
    learned: bool = True,
) -> BuildResult:
    """What every build does once its seeds are extracted (in one process or in worker
    batches, mapping.batches): the rules' reading alone if `learned` is False
    (rules_reading), copies counted once, undated seeds named, corrections applied,
    `seeds_ready` told (with the build so far: seeds, problems, no timeline yet), the
    timeline worked out, the cache's index saved."""
    if not learned:
        rules_reading(results)
    results, copies = merge_copies(results)
    problems.extend(copies + undated_warning(results))
    fixes = load_corrections(corrections, gaz) if corrections else Corrections([], [], [])
    problems.extend(fixes.problems)
    drop_ignored(results, fixes.ignores)
    if seeds_ready is not None:
        seeds_ready(BuildResult(gaz, results, problems, corrections=fixes.reports))
    steps = timeline(gaz, results, fixes.reports, evidence)
    if cache:
        cache.save_index()
    return BuildResult(
        gaz,
        results,
        problems,
        steps.final,
        stats=_stats(cache),
        timeline=steps,
        corrections=fixes.reports,
    )


def rules_reading(results: list[SeedResult]) -> None:
    """Each seed's readings as the rules gave them, where the learned reading changed
    any (learned.unlearned: the status and rule text the rules had), with their reports
    and rows worked out again from them (the cache's rows show the learned reading).

    Why after extraction, not instead of it: the cache, the process pool and the Dask
    workers keep one reading of each text, and the rules' one is in it; an analyst who
    wants the map of the rules alone (`build --rules-only`) gets it from the same cache.
    """
    for res in results:
        if any(rules_status(r.rule) is not None for r in res.readings):
            res.readings = unlearned(res.readings)
            res.reports = seed_reports(res.readings)
            res.csv_rows = res.sentence_rows = res.event_rows = None
            res.stored_rows = None


def let_go_of_reports(result: BuildResult) -> None:
    """Each seed's reports dropped, in a one-shot build once its timeline is made.

    Why: the timeline is all they are for (history.dated_reports makes them again from
    the readings if asked), and a 10,000-seed build held a third of a million of them
    (about 30 MB) through the map and the files, where its memory peaks.
    """
    for res in result.seeds:
        res.reports = None


def _one_seed(
    seed: Seed, gaz: Gazetteer, cache: ExtractCache | None, results: list[SeedResult]
) -> list[SeedProblem]:
    """Extract one read seed into `results`; its problems. Never raises for one seed."""
    path = seed.path
    found: list[SeedProblem] = []
    try:
        results.append(extract_seed(seed, gaz, cache))
        found.extend(_after_extract(results[-1], cache))
    except SeedError as exc:  # its text, read only now, vanished or went bad
        found.append(SeedProblem(path, f"{exc}; skipped"))
    except ExtractionTimeout as exc:  # mapping.budget: the seed took too long
        found.append(SeedProblem(path, str(exc)))
    except Exception as exc:  # one seed's failure must not lose the others
        found.append(
            SeedProblem(
                path, f"extraction failed ({type(exc).__name__}: {exc}); please report this"
            )
        )
    return found


def merge_copies(results: list[SeedResult]) -> tuple[list[SeedResult], list[SeedProblem]]:
    """One result per article: of the files holding the same article (seeds.copy_key),
    the earliest dated one (then the first by name) is kept, the others are listed in its
    seed's `copies`; and a note per copy.

    Why here, before the timeline: every output (map, files, API) is made from these
    results, so the article counts once in each, and each lists both sources.
    """
    groups: dict[str, list[SeedResult]] = {}
    for res in results:
        if res.copy_key:
            groups.setdefault(res.copy_key, []).append(res)
    dropped: set[int] = set()
    notes = []
    for group in groups.values():
        if len(group) < 2:
            continue
        keep, *others = sorted(group, key=lambda r: (r.seed.date == "", r.seed.date, r.seed.name))
        keep.seed.copies = [r.seed for r in others]
        for r in others:
            dropped.add(id(r))
            notes.append(
                SeedProblem(
                    r.seed.path,
                    f"the same article as {keep.seed.name}: counted once, both listed as sources",
                    fatal=False,
                )
            )
    return [r for r in results if id(r) not in dropped], notes


def undated_warning(results: list[SeedResult]) -> list[SeedProblem]:
    """One warning naming the seeds with no date (no date: field, no dateline) when others
    have one: such a seed counts as older than every dated one, which may be wrong."""
    undated = [r.seed for r in results if not r.seed.date]
    if not undated or len(undated) == len(results):
        return []
    names = ", ".join(one_line(s.name) for s in undated[:5])
    more = f" and {len(undated) - 5} more" if len(undated) > 5 else ""
    return [
        SeedProblem(
            undated[0].path.parent,
            f"{WARNING}undated, no dateline, so counted as older than every dated article "
            f"(add a date: field): {names}{more}",
            fatal=False,
        )
    ]


def _stats(cache: ExtractCache | None) -> BuildStats | None:
    if cache is None:
        return None
    return BuildStats(
        reused=cache.hits,
        extracted=cache.misses,
        unchanged=cache.index.unchanged,
        damaged=cache.damaged,
        cache_note=cache.broken,
    )


def _read(path: Path, cache: ExtractCache | None) -> tuple[Seed | None, list[SeedProblem]]:
    """read_one, except that a seed the cache's index knows unchanged is not read again."""
    if cache is None:
        return read_one(path)
    stamps = cache.index.stamps(path)
    seed = cache.index.lookup(path, stamps)
    if seed is not None:
        return seed, note_problems(path, seed.notes)
    seed, found = read_one(path)
    if seed is not None:
        cache.index.remember(seed, stamps)
    return seed, found


def _after_extract(res: SeedResult, cache: ExtractCache | None) -> list[SeedProblem]:
    """The note of a seed over MAX_MENTIONS_PER_SEED; and the index corrected for a seed
    whose text was not what it said (Seed.reread), so that costs one re-read only."""
    if cache and res.seed.reread:
        cache.index.correct(res.seed)
    if res.found <= MAX_MENTIONS_PER_SEED:
        return []
    note = f"{res.found} mentions, only the first {MAX_MENTIONS_PER_SEED} kept"
    return [SeedProblem(res.seed.path, note, fatal=False)]


@contextmanager
def collector_paused(one_shot: bool, keeps: bool = False) -> Iterator[None]:
    """Python's cyclic garbage collector off while a build accumulates its objects; in a
    one-shot process (the CLI), and in one that `keeps` the build's objects until its next
    build (a watch), the build's objects are then frozen out of its sight.

    Why: a build of 10,000 seeds holds about a million small objects (readings, mentions),
    and the collector re-scans all of them each time the heap grows by a quarter: a third
    of a cached rebuild's time, for no garbage (these objects form no reference cycles;
    reference counting still frees everything as usual). A process that exits after the
    build keeps them to the end, so later collections need never scan them (gc.freeze).
    A watch's first collection after each build scanned them all again (about a fifth of
    its rebuild's CPU time); it frees what cycles its builds leave every few builds
    instead (collect_frozen).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if one_shot or keeps:
            gc.freeze()
        if was_enabled:
            gc.enable()


def collect_frozen() -> None:
    """Everything frozen by collector_paused back in the collector's sight, and one full
    collection: what a long-running process (a watch) does every few builds, so that the
    few reference cycles a build leaves (exceptions' tracebacks, say) are freed, not kept
    for the life of the process."""
    gc.unfreeze()
    gc.collect()
