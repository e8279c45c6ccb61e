"""The pipeline in one place: seeds -> mentions -> statuses -> province statuses.

The CLI, the notebook API and the tests all go through these functions, so there is one
way a seed becomes a coloured province.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .budget import ExtractionTimeout, budget
from .gazetteer import Gazetteer, load_gazetteer
from .mentions import ForeignMention, Mention, find_mentions
from .seeds import Seed, SeedError, SeedProblem, discover, read_one
from .history import Report, Timeline, build_timeline, seed_reports
from .statuses import ProvinceStatus, Reading, read_statuses


# Most place mentions (and, apart, foreign names) one seed may give; the first ones in text
# order are kept. Why: a seed of "Kabul Kabul ..." names a place every six characters, and
# every mention costs a row in each output and in the cache.
MAX_MENTIONS_PER_SEED = 2000


@dataclass
class SeedResult:
    seed: Seed
    readings: list[Reading]
    foreign: list[ForeignMention]
    csv_rows: str | None = None     # mentions.csv rows from the cache (outputs.NAME_SLOT ...)
    reports: list[Report] | None = None   # one per place (history.seed_reports), when known
    found: int = 0                  # place mentions in the text, kept or not

    @property
    def cap_note(self) -> str:
        """The note for a seed with more mentions than MAX_MENTIONS_PER_SEED, or ""."""
        if self.found <= MAX_MENTIONS_PER_SEED:
            return ""
        return f"{self.found} mentions, only the first {MAX_MENTIONS_PER_SEED} kept"

    @property
    def mentions(self) -> list[Mention]:
        return [r.mention for r in self.readings]


@dataclass
class BuildResult:
    gazetteer: Gazetteer
    seeds: list[SeedResult]
    problems: list[SeedProblem] = field(default_factory=list)
    provinces: dict[str, ProvinceStatus] = field(default_factory=dict)
    cache: object = None
    timeline: Timeline | None = None
    frames: dict = field(default_factory=dict)     # geojoin's frames, computed once

    @property
    def skipped(self) -> list[SeedProblem]:
        return [p for p in self.problems if p.fatal]

    @property
    def latest_date(self) -> str:
        return max((s.seed.date for s in self.seeds if s.seed.date), default="")


def extract_text(text: str, gaz: Gazetteer, start: int = 0) -> tuple[list[Reading], list[ForeignMention]]:
    """Mentions and their statuses for one text (from offset `start`, e.g. after front matter)."""
    return extract_counted(text, gaz, start)[:2]


def extract_counted(text: str, gaz: Gazetteer, start: int = 0
                    ) -> tuple[list[Reading], list[ForeignMention], int]:
    """extract_text, with at most MAX_MENTIONS_PER_SEED mentions (the first in text order)
    and foreign names, and how many mentions the text had.

    Why the cut comes before reading statuses: the readings of dropped mentions would not
    be kept, so they are not worked out (a status may then miss a trigger bound through a
    dropped mention; only in a seed over the limit).
    """
    mentions, foreign = find_mentions(text, gaz, start)
    kept = mentions[:MAX_MENTIONS_PER_SEED]
    return read_statuses(text, kept, start), foreign[:MAX_MENTIONS_PER_SEED], len(mentions)


def extract_seed(seed: Seed, gaz: Gazetteer, cache=None) -> SeedResult:
    """One seed's readings, from the cache when its text has been read before."""
    found = cache.get(seed.digest, seed.name, seed.date) if cache else None
    if found is not None:
        return SeedResult(seed, *found)
    text = seed.text          # first, as reading it may correct the index's metadata
    with budget():       # a seed still extracting after MAX_SECONDS_PER_SEED is skipped
        readings, foreign, count = extract_counted(text, gaz, seed.body_start)
    named = [Reading(r.mention, r.status, r.rule, r.evidence, r.evidence_start, r.evidence_end,
                     seed.name, seed.date, r.violence) for r in readings]
    result = SeedResult(seed, named, foreign, reports=seed_reports(named), found=count)
    if cache:
        from .outputs import META_SLOT, NAME_SLOT, mention_rows_text
        slots = NAME_SLOT in text or META_SLOT in text
        rows = None if slots else mention_rows_text(result, gaz)
        cache.put(seed.digest, len(text), readings, foreign, rows, result.reports, count)
    return result


def seed_order(result: SeedResult) -> tuple:
    """Time order of seeds: undated seeds count as older than every dated one."""
    return (result.seed.date != "", result.seed.date, result.seed.name)


def province_statuses(gaz: Gazetteer, results: list[SeedResult]) -> dict[str, ProvinceStatus]:
    return timeline(gaz, results).final


def timeline(gaz: Gazetteer, results: list[SeedResult]) -> Timeline:
    """Statuses as of each seed date (mapping.history), latest last."""
    return build_timeline(gaz, sorted(results, key=seed_order))


def build(seeds_dir: Path | str = "seeds", cache_dir: Path | str | None = None,
          progress: bool = False, strict: bool = False) -> BuildResult:
    """Read every seed of a folder and work out the province statuses.

    With cache_dir, each seed's extraction is cached by content (mapping.cache), so a
    rebuild after adding one seed re-reads only that seed. With progress, a progress bar
    appears on the terminal when the build takes more than a second. With strict, reading
    stops at the first seed that cannot be used.
    """
    return build_paths(discover(Path(seeds_dir)), cache_dir, progress, strict)


def build_paths(paths: list[Path], cache_dir: Path | str | None = None, progress: bool = False,
                strict: bool = False) -> BuildResult:
    """build() for a list of seed files (what `territory-map extract` is given)."""
    from .cache import ExtractCache

    gaz = load_gazetteer()
    cache = ExtractCache(Path(cache_dir), gaz) if cache_dir else None
    problems, results = [], []
    with _collector_paused():
        for path in _progress(paths, progress):
            seed, found = _read(path, cache)
            if seed is not None:
                try:
                    results.append(extract_seed(seed, gaz, cache))
                    found.extend(_after_extract(results[-1], cache))
                except SeedError as exc:     # its text, read only now, vanished or went bad
                    found.append(SeedProblem(path, f"{exc}; skipped"))
                except ExtractionTimeout as exc:     # mapping.budget: the seed took too long
                    found.append(SeedProblem(path, str(exc)))
                except Exception as exc:     # one seed's failure must not lose the others
                    found.append(SeedProblem(path, f"extraction failed ({type(exc).__name__}: "
                                                   f"{exc}); please report this"))
            problems.extend(found)
            if strict and any(p.fatal for p in found):
                break                        # --strict: stop at the first bad seed
        steps = timeline(gaz, results)
    if cache:
        cache.save_index()
    return BuildResult(gaz, results, problems, steps.final, cache=cache, timeline=steps)


def _read(path: Path, cache) -> tuple[Seed | None, list[SeedProblem]]:
    """read_one, except that a seed the cache's index knows unchanged is not read again."""
    if cache is None:
        return read_one(path)
    stamps = cache.index.stamps(path)
    seed = cache.index.lookup(path, stamps)
    if seed is not None:
        return seed, [SeedProblem(path, n, fatal=False) for n in seed.notes]
    seed, found = read_one(path)
    if seed is not None:
        cache.index.remember(seed, stamps)
    return seed, found


def _after_extract(res: SeedResult, cache) -> list[SeedProblem]:
    """The note of a seed over MAX_MENTIONS_PER_SEED; and the index corrected for a seed
    whose text was not what it said (Seed.reread), so that costs one re-read only."""
    if cache and res.seed.reread:
        cache.index.correct(res.seed)
    note = res.cap_note
    return [SeedProblem(res.seed.path, note, fatal=False)] if note else []


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off while a build accumulates its objects.

    Why: a build of 10,000 seeds holds about a million small objects (readings, mentions),
    and the collector re-scans all of them each time the heap grows by a quarter: a third
    of a cached rebuild's time, for no garbage (these objects form no reference cycles;
    reference counting still frees everything as usual).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _progress(paths: list[Path], show: bool):
    if not show:
        return paths
    from tqdm import tqdm
    return tqdm(paths, desc="reading seeds", unit="seed", delay=1.0, leave=False)
