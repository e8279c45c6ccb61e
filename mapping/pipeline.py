"""The pipeline in one place: seeds -> mentions -> statuses -> province statuses.

The CLI, the notebook API and the tests all go through these functions, so there is one
way a seed becomes a coloured province.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .gazetteer import Gazetteer, load_gazetteer
from .mentions import ForeignMention, Mention, find_mentions
from .seeds import Seed, SeedProblem, read_seeds
from .statuses import ProvinceStatus, Reading, read_statuses, roll_up


@dataclass
class SeedResult:
    seed: Seed
    readings: list[Reading]
    foreign: list[ForeignMention]

    @property
    def mentions(self) -> list[Mention]:
        return [r.mention for r in self.readings]


@dataclass
class BuildResult:
    gazetteer: Gazetteer
    seeds: list[SeedResult]
    problems: list[SeedProblem] = field(default_factory=list)
    provinces: dict[str, ProvinceStatus] = field(default_factory=dict)

    @property
    def skipped(self) -> list[SeedProblem]:
        return [p for p in self.problems if p.fatal]

    @property
    def latest_date(self) -> str:
        return max((s.seed.date for s in self.seeds if s.seed.date), default="")


def extract_text(text: str, gaz: Gazetteer, start: int = 0) -> tuple[list[Reading], list[ForeignMention]]:
    """Mentions and their statuses for one text (from offset `start`, e.g. after front matter)."""
    mentions, foreign = find_mentions(text, gaz, start)
    return read_statuses(text, mentions, start), foreign


def extract_seed(seed: Seed, gaz: Gazetteer) -> SeedResult:
    readings, foreign = extract_text(seed.text, gaz, seed.body_start)
    return SeedResult(seed, [replace(r, seed=seed.name) for r in readings], foreign)


def seed_order(result: SeedResult) -> tuple:
    """Time order of seeds: undated seeds count as older than every dated one."""
    return (result.seed.date != "", result.seed.date, result.seed.name)


def province_statuses(gaz: Gazetteer, results: list[SeedResult]) -> dict[str, ProvinceStatus]:
    ordered = sorted(results, key=seed_order)
    return roll_up(gaz, [r for res in ordered for r in res.readings])


def build(seeds_dir: Path | str = "seeds", geodata_dir: Path | str | None = None) -> BuildResult:
    """Read every seed of a folder and work out the province statuses."""
    gaz = load_gazetteer(geodata_dir) if geodata_dir else load_gazetteer()
    seeds, problems = read_seeds(Path(seeds_dir))
    results = [extract_seed(s, gaz) for s in seeds]
    return BuildResult(gaz, results, problems, province_statuses(gaz, results))
