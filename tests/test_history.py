"""Many dated seeds: latest wins, claims, same-day conflicts, undated seeds, the cache,
and the timeline in the HTML. Fixtures are short articles written for these tests, in
tests/data/timeline/ (seeds/ holds only real articles)."""

import json
import shutil

import pytest
from conftest import ROOT, run_cli

import mapping
from mapping.cache import (
    INDEX,
    KEY_FILE,
    MARKER,
    READING_COLUMNS,
    ROWS_SUFFIX,
    STATUS_CODES,
    ExtractCache,
    _mac,
)
from mapping.gazetteer import load_gazetteer
from mapping.pipeline import build
from mapping.seeds import text_digest

TIMELINE = ROOT / "tests" / "data" / "timeline"


@pytest.fixture(scope="module")
def result():
    return build(TIMELINE)


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def entries(cache):
    """The cache's entry heads (not its version markers, nor the entries' rows files)."""
    return [
        f
        for f in cache.rglob("*")
        if f.is_file() and f.name not in (MARKER, INDEX, KEY_FILE) and f.suffix != ROWS_SUFFIX
    ]


def dated(day, body, title="t"):
    return f"---\ntitle: {title}\ndate: {day}\n---\n{body}\n"


def test_latest_dated_report_wins(result):
    assert result.provinces["AF-JOW"].status == "recaptured"  # captured 7th, retaken 10th
    assert result.provinces["AF-NIM"].status == "captured"


def test_later_claim_beats_older_verified_status(result):
    # Lashkar Gah: repelled (6th), fighting (7th), a Taliban claim (8th)
    assert result.provinces["AF-HEL"].status == "claimed"


def test_claim_never_overrides_verified_status_of_same_or_later_date(tmp_path):
    seeds = tmp_path / "s"
    write(seeds, "a.txt", dated("2021-08-12", "Government forces repelled an attack on Ghazni."))
    write(seeds, "b.txt", dated("2021-08-12", "The Taliban said they had captured Ghazni."))
    write(seeds, "c.txt", dated("2021-08-11", "The Taliban said they had captured Gardez."))
    write(seeds, "d.txt", dated("2021-08-13", "Government forces repelled an attack on Gardez."))
    res = build(seeds)
    assert res.provinces["AF-GHA"].status == "government"
    assert res.provinces["AF-PIA"].status == "government"


def test_a_capture_dated_only_by_its_month_shows_once_the_article_reports_it(tmp_path):
    """ "Captured in August" in an article of 12 August happened on some day up to the 12th:
    the map shows it from the article's day, not from 1 August, while history.csv keeps
    the date as the text gives it (the month, month precision)."""
    seeds = tmp_path / "s"
    write(seeds, "a.txt", dated("2021-08-05", "Government forces repelled an attack on Zaranj."))
    write(
        seeds, "b.txt", dated("2021-08-12", "The first capital they captured in August was Zaranj.")
    )
    res = build(seeds)
    nim = dict(zip(res.timeline.dates, [state["AF-NIM"][0] for state in res.timeline.states]))
    assert nim == {"2021-08-05": "government", "2021-08-12": "captured"}
    hist = mapping.history(res)
    row = hist[(hist["place"] == "Zaranj") & (hist["seed"] == "b.txt")].iloc[0]
    assert (row["event_date"], row["date_precision"]) == ("2021-08-01", "month")


def test_same_day_disagreement_is_conflicting(result):
    kdz = result.provinces["AF-KDZ"]
    assert kdz.status == "captured"  # the stronger one
    assert any("03_kunduz_claim.txt" in c for c in kdz.conflict)
    assert any("04_kunduz_repelled.txt" in c for c in kdz.conflict)
    frame = mapping.provinces(result)
    assert "government (04_kunduz_repelled.txt" in frame.loc["AF-KDZ", "conflict"]


def test_one_articles_own_sequence_is_no_conflict(tmp_path):
    """An article that tells a capture earlier in the week and a recapture now: both reach
    the timeline on the article's day (a week is shown at its end, never after the
    article), but they are the article's own story in its order, not two sources that
    disagree: the recapture stands, with no conflict."""
    seeds = tmp_path / "s"
    text = (
        "Government forces have retaken Tala wa Barfak district after heavy fighting, "
        "officials said. The Taliban had captured Tala wa Barfak early this week."
    )
    write(seeds, "a.txt", dated("2021-06-18", text))
    res = build(seeds)
    place = next(s for s in res.timeline.places.values() if s.place.name.startswith("Tala"))
    assert place.status == "recaptured" and not place.conflict


def test_conflict_shown_in_popup_with_both_sources(tmp_path):
    run_cli("build", "--seeds", str(TIMELINE), "--out", str(tmp_path), "--tiles", "none")
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Conflicting reports the same day:" in page
    assert "Kunduz and Taloqan fall" in page and "Officials say Kunduz attack repelled" in page
    assert "tm-conflict" in page


def test_undated_seeds_count_as_older(result):
    # 06_undated says government holds Taloqan; the dated 8 August capture wins
    assert result.provinces["AF-TAK"].status == "captured"
    first = mapping.history(result).iloc[0]
    assert first["seed"] == "06_undated.txt" and first["date"] == ""


def test_only_undated_seeds_give_one_step(tmp_path):
    write(tmp_path / "s", "a.txt", "The Taliban captured Farah.")
    res = build(tmp_path / "s")
    assert res.timeline.dates == [""] and res.provinces["AF-FRA"].status == "captured"


def test_timeline_steps_through_seed_dates(result):
    """One step per report time: 05_recapture is dated with its time of day."""
    assert result.timeline.dates == ["2021-08-06", "2021-08-07", "2021-08-08", "2021-08-10T09:30"]
    jow = [state["AF-JOW"][0] for state in result.timeline.states]
    assert jow == ["no_report", "captured", "captured", "recaptured"]
    table = mapping.timeline(result)
    assert table.loc["AF-JOW"].tolist() == jow


def test_history_table_and_csv(tmp_path, result):
    hist = mapping.history(result)
    assert {"province", "date", "status", "seed"} <= set(hist.columns)
    assert hist["date"].tolist() == sorted(hist["date"].tolist())
    run_cli("build", "--seeds", str(TIMELINE), "--out", str(tmp_path), "--tiles", "none")
    csv_text = (tmp_path / "history.csv").read_text(encoding="utf-8-sig")
    assert "2021-08-10T09:30,AF-JOW" in csv_text


def test_timeline_control_in_html_and_self_contained(tmp_path):
    run_cli(
        "build",
        "--seeds",
        str(TIMELINE),
        "--out",
        str(tmp_path),
        "--tiles",
        "none",
        "--self-contained",
    )
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "id='tm-time-range'" in page and "as of 2021-08-10 09:30 (latest)" in page
    data = page.split("id='tm-data'>", 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["timeline"]["dates"] == [
        "2021-08-06",
        "2021-08-07",
        "2021-08-08",
        "2021-08-10T09:30",
    ]


def test_single_date_map_has_no_time_control(built):
    page = (built / "map.html").read_text(encoding="utf-8")
    assert "id='tm-time-range'" not in page and "id='tm-time'" not in page


def test_bad_metadata_names_file_and_field(tmp_path):
    seeds = tmp_path / "s"
    write(seeds, "good.txt", dated("2021-08-12", "The Taliban captured Farah."))
    write(seeds, "bad date.txt", "---\ndate: 12 August\n---\nFighting in Kunduz.\n")
    write(seeds, "bad field.txt", "---\nauthor: me\n---\nFighting in Kunduz.\n")
    proc = run_cli("build", "--seeds", str(seeds), "--out", str(tmp_path / "o"), check=False)
    assert proc.returncode == 3
    assert "bad date.txt" in proc.stderr and "'date'" in proc.stderr
    assert "bad field.txt" in proc.stderr and "author" in proc.stderr


class TestCache:
    def test_rebuild_reads_only_the_new_seed(self, tmp_path):
        seeds = tmp_path / "s"
        shutil.copytree(TIMELINE, seeds)
        out = tmp_path / "o"
        first = run_cli("build", "--seeds", str(seeds), "--out", str(out), "--tiles", "none")
        assert "0 seed(s) reused, 6 read" in first.stdout
        write(seeds, "07_new.txt", dated("2021-08-11", "The Taliban captured Ghazni."))
        again = run_cli("build", "--seeds", str(seeds), "--out", str(out), "--tiles", "none")
        assert "6 seed(s) reused, 1 read" in again.stdout
        assert json.loads((out / "provinces.geojson").read_text())["features"]

    def test_changed_seed_is_read_again(self, tmp_path):
        gaz = load_gazetteer()
        cache = ExtractCache(tmp_path / "c", gaz)
        seeds = tmp_path / "s"
        write(seeds, "a.txt", "The Taliban captured Farah.")
        build(seeds, cache_dir=tmp_path / "c")
        write(seeds, "a.txt", "Government forces repelled an attack on Farah.")
        res = build(seeds, cache_dir=tmp_path / "c")
        assert res.stats.extracted == 1 and res.provinces["AF-FRA"].status == "government"
        assert cache.get(text_digest("Government forces repelled an attack on Farah.")) is not None

    def test_corrupt_entry_is_rebuilt_not_trusted(self, tmp_path):
        seeds = tmp_path / "s"
        write(seeds, "a.txt", "The Taliban captured Farah.")
        build(seeds, cache_dir=tmp_path / "c")
        for f in entries(tmp_path / "c"):
            f.write_text('{"version": "x", "readings": [{"place": "nowhere"', encoding="utf-8")
        res = build(seeds, cache_dir=tmp_path / "c")
        assert res.stats.reused == 0 and res.stats.extracted == 1
        assert res.provinces["AF-FRA"].status == "captured"

    def test_entry_cut_short_is_rebuilt(self, tmp_path):
        """An entry's head cut short, its JSON line no longer whole."""
        seeds = tmp_path / "s"
        write(seeds, "a.txt", "The Taliban captured Farah and Zaranj.")
        build(seeds, cache_dir=tmp_path / "c")
        (entry,) = entries(tmp_path / "c")
        entry.write_bytes(entry.read_bytes()[:-10])
        res = build(seeds, cache_dir=tmp_path / "c")
        assert res.stats.reused == 0 and res.stats.extracted == 1
        assert build(seeds, cache_dir=tmp_path / "c").stats.reused == 1  # rewritten whole

    def test_entry_from_another_version_is_rebuilt(self, tmp_path):
        seeds = tmp_path / "s"
        write(seeds, "a.txt", "The Taliban captured Farah.")
        build(seeds, cache_dir=tmp_path / "c")
        for f in entries(tmp_path / "c"):
            _, head, rows = f.read_bytes().split(b"\n", 2)
            data = json.loads(head)
            data["version"] = "0000000000000000"
            data["readings"][READING_COLUMNS.index("status")][0] = STATUS_CODES["government"]
            body = json.dumps(data).encode() + b"\n" + rows  # signed: only the version tells
            key = bytes.fromhex((f.parent.parent / KEY_FILE).read_text())
            f.write_bytes(_mac(key, body) + b"\n" + body)
        res = build(seeds, cache_dir=tmp_path / "c")
        assert res.stats.reused == 0 and res.provinces["AF-FRA"].status == "captured"

    def test_other_versions_are_pruned_and_nothing_else(self, tmp_path):
        """Entries of another tool version, or of the old flat layout, are removed when a
        cache is opened; anything else is left alone (a mistyped --cache path)."""
        seeds, cache = tmp_path / "s", tmp_path / "c"
        write(seeds, "a.txt", "The Taliban captured Farah.")
        build(seeds, cache_dir=cache)
        (current,) = [d for d in cache.iterdir() if d.is_dir()]
        stale = cache / "0123456789abcdef"
        shutil.copytree(current, stale)
        unmarked = cache / "fedcba9876543210"
        (unmarked / "ab").mkdir(parents=True)
        (unmarked / "ab" / "notes.txt").write_text("the user's own file")
        legacy = cache / "ab"  # the flat layout of FORMAT 4 and older
        legacy.mkdir()
        (legacy / ("ab" + "0" * 62 + ".json")).write_text("{}")
        mixed = cache / "cd"
        mixed.mkdir()
        (mixed / ("cd" + "1" * 62 + ".json")).write_text("{}")
        (mixed / "keep.json").write_text("the user's own file")
        res = build(seeds, cache_dir=cache)
        assert res.stats.reused == 1
        assert not stale.exists() and current.is_dir() and not legacy.exists()
        assert (unmarked / "ab" / "notes.txt").read_text() == "the user's own file"
        assert [f.name for f in mixed.iterdir()] == ["keep.json"]

    def test_cached_build_equals_fresh_build(self, tmp_path):
        fresh = build(TIMELINE)
        build(TIMELINE, cache_dir=tmp_path / "c")
        cached = build(TIMELINE, cache_dir=tmp_path / "c")
        assert cached.stats.reused == 6
        assert mapping.mentions(cached).equals(mapping.mentions(fresh))
        assert {k: v.status for k, v in cached.provinces.items()} == {
            k: v.status for k, v in fresh.provinces.items()
        }


def test_cached_outputs_are_byte_identical(tmp_path):
    """mentions.csv rebuilt from cached rows equals the one formatted from scratch, also
    when the same text sits in a file of another name."""
    seeds = tmp_path / "s"
    shutil.copytree(TIMELINE, seeds)
    shutil.copy(seeds / "02_sheberghan.txt", seeds / '02 copy, "quoted".txt')
    fresh, cached = tmp_path / "fresh", tmp_path / "cached"
    run_cli("build", "--seeds", str(seeds), "--out", str(fresh), "--tiles", "none", "--no-cache")
    run_cli("build", "--seeds", str(seeds), "--out", str(cached), "--tiles", "none")
    again = run_cli("build", "--seeds", str(seeds), "--out", str(cached), "--tiles", "none")
    assert "7 seed(s) reused, 0 read" in again.stdout
    for name in ("mentions.csv", "history.csv", "provinces.geojson", "map.html"):
        assert (cached / name).read_bytes() == (fresh / name).read_bytes(), name
