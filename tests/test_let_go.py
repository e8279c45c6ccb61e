"""A one-shot `build` lets go of what only its timeline and a writing child need, before
the map and the files where its memory peaks: each seed's reports once the timeline is
made (pipeline.let_go_of_reports), the history rows once a forked child writes
history.csv (outputs.let_go_of_history); and the foreign names are shared like the
readings' values (model.share_foreign).

Why tested: none of it shows in the outputs when right; let go too early (history.csv
written in this process after all, or before the child forked), the rows must make the
build fail loudly, never write an empty file.
"""

from __future__ import annotations

import csv
import gc
import io
import os
from pathlib import Path

import pandas as pd
import pytest

from mapping import cli
from mapping.batches import build_jobs
from mapping.model import BuildResult, ForeignMention, LetGo, share_foreign
from mapping.outputs import history_csv, let_go_of_history
from mapping.pipeline import build
from tests.test_shared_values import four_seeds

TEXT = "Officials in Pakistan and Iran said fighters captured Kunduz and Taloqan on Monday."


def _seeds(tmp_path: Path) -> Path:
    return four_seeds(tmp_path, TEXT)


def _cli_build(seeds: Path, out: Path, monkeypatch) -> BuildResult:
    monkeypatch.setattr(gc, "freeze", lambda: None)  # this test's process goes on
    args = ["build", "--seeds", str(seeds), "--out", str(out), "--quiet", "--cdn", "--no-cache"]
    assert cli.main(args) == 0
    result = cli._KEPT[0]
    assert isinstance(result, BuildResult)
    return result


def test_let_go_rows_raise_on_any_use():
    rows = LetGo("the history rows")
    for use in (list, len, bool, lambda r: r[0], lambda r: csv.writer(io.StringIO()).writerows(r)):
        with pytest.raises(RuntimeError, match="history rows were let go"):
            use(rows)
    with pytest.raises(RuntimeError, match="let go"):
        pd.DataFrame(rows, columns=["a"])


def test_a_one_shot_build_lets_go_and_writes_the_same_history(tmp_path: Path, monkeypatch):
    seeds = _seeds(tmp_path)
    result = _cli_build(seeds, tmp_path / "out", monkeypatch)
    assert isinstance(result.timeline.events, LetGo)
    assert all(res.reports is None for res in result.seeds)
    with pytest.raises(RuntimeError, match="let go"):
        history_csv(result)
    kept = build(seeds)  # a build whose process goes on keeps them
    assert not isinstance(kept.timeline.events, LetGo) and len(kept.timeline.events) == 8
    assert all(res.reports for res in kept.seeds)
    written = (tmp_path / "out" / "history.csv").read_text(encoding="utf-8")
    assert written == history_csv(kept)


def test_without_fork_the_history_rows_are_kept_and_written(tmp_path: Path, monkeypatch):
    """Where no child can write history.csv, this process writes it: nothing let go."""
    monkeypatch.delattr(os, "fork")
    seeds = _seeds(tmp_path)
    result = _cli_build(seeds, tmp_path / "out", monkeypatch)
    assert not isinstance(result.timeline.events, LetGo)
    written = (tmp_path / "out" / "history.csv").read_text(encoding="utf-8")
    assert written == history_csv(build(seeds)) == history_csv(result)


def test_history_rows_are_let_go_only_for_a_child_writing_them():
    result = build_jobs(Path("seeds"))
    let_go_of_history(result, {"mentions.csv", "events.csv"})
    assert not isinstance(result.timeline.events, LetGo)
    let_go_of_history(result, {"history.csv"})
    assert isinstance(result.timeline.events, LetGo)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_shares_its_foreign_names(tmp_path: Path, jobs: int):
    """Extracted here and decoded from worker batches (four seeds: a process pool)."""
    result = build_jobs(_seeds(tmp_path), jobs=jobs)
    first, *others = result.seeds
    assert [f.surface for f in first.foreign] == ["Pakistan", "Iran"]
    for res in others:
        for a, b in zip(first.foreign, res.foreign, strict=True):
            assert a.surface is b.surface and a.country is b.country


def test_shared_foreign_names_keep_their_values():
    made = [ForeignMention("".join(["Pak", "istan"]), 1000 + n, 1008 + n, "PK") for n in (0, 0)]
    assert made[0].surface is not made[1].surface and made[0].start is not made[1].start
    shared = share_foreign(made)
    assert shared is made and made[0].surface is made[1].surface
    assert made[0].start is made[1].start and made[0].end is made[1].end
    assert [(f.surface, f.start, f.end, f.country) for f in made] == [
        ("Pakistan", 1000, 1008, "PK")
    ] * 2
    far = share_foreign([ForeignMention("Iran", 70000, 70004, "IR")])[0]
    assert (far.start, far.end) == (70000, 70004)
