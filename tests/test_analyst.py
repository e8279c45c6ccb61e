"""The analyst's workflow: event dates in every output and in the timeline's order,
corrections by hand, events.csv in ACLED's columns, and CSVs Excel opens right.

Passages are our own sentences, in the shapes news copy uses; the seed article is the
real one in seeds/."""

from __future__ import annotations

import csv
import json
import shutil

import pandas as pd
import pytest
from conftest import ROOT, build_cli, run_cli

from mapping.events import events_csv_parts, events_frame
from mapping.pipeline import build

SEEDS = ROOT / "seeds"


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def dated(day, body, title="t"):
    return f"---\ntitle: {title}\nsource: Test Wire\ndate: {day}\n---\n{body}\n"


def read_csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# ---- event dates


def test_seed_dates_aybak_capture_to_the_monday(seed_json):
    """'On Monday' in the article of Tuesday 10 August 2021: the capture was on the 9th."""
    aybak = [m for m in seed_json["mentions"] if m["place"] == "Aybak"]
    assert (aybak[0]["status"], aybak[0]["event_date"], aybak[0]["date_precision"]) == (
        "captured",
        "2021-08-09",
        "day",
    )
    herat = next(m for m in seed_json["mentions"] if m["place"] == "Herat")
    assert (herat["event_date"], herat["date_precision"]) == ("2021-08-02", "week")  # last week


def test_event_dates_in_mentions_and_history_csv(built):
    rows = read_csv_rows(built / "mentions.csv")
    aybak = next(r for r in rows if r["place"] == "Aybak" and r["status"] == "captured")
    assert (aybak["event_date"], aybak["date_precision"], aybak["date"]) == (
        "2021-08-09",
        "day",
        "2021-08-10",
    )
    hist = read_csv_rows(built / "history.csv")
    sam = next(r for r in hist if r["place"] == "Aybak")
    assert (sam["event_date"], sam["date_precision"], sam["status"]) == (
        "2021-08-09",
        "day",
        "captured",
    )
    assert [r["event_date"] for r in hist] == sorted(r["event_date"] for r in hist)


def test_a_report_dated_earlier_by_its_text_does_not_beat_a_later_event(tmp_path):
    """The later article recalls a fall of the week before; the recapture in between wins."""
    seeds = tmp_path / "s"
    write(
        seeds,
        "a.txt",
        dated("2021-08-12", "Government forces recaptured Ghazni on Wednesday, officials said."),
    )
    write(seeds, "b.txt", dated("2021-08-13", "The Taliban captured Ghazni last week."))
    res = build(seeds)
    assert res.provinces["AF-GHA"].status == "recaptured"
    events = [(e[8], str(e[4])) for e in res.timeline.events if e[2] == "Ghazni"]
    assert events == [("2021-08-02", "captured"), ("2021-08-11", "recaptured")]


def test_background_keeps_its_old_date(tmp_path):
    """An old fall recalled in a new article keeps its year and does not capture the city."""
    seeds = tmp_path / "s"
    write(
        seeds,
        "a.txt",
        dated(
            "2021-08-10",
            "Residents of Kunduz remember how the Taliban briefly captured Kunduz in 2015.",
        ),
    )
    res = build(seeds)
    r = next(r for r in res.seeds[0].readings if r.mention.surface == "Kunduz")
    assert all(r.event_date == "2015-01-01" for r in res.seeds[0].readings[1:])
    assert r.date_precision in ("day", "year")
    assert res.provinces["AF-KDZ"].status != "captured"


def test_cached_entry_follows_a_new_seed_date(tmp_path):
    """The cache keeps where the time words are, not the dates: a seed whose sidecar date
    changes is re-dated on a cached rebuild, and a second build's files are the same."""
    seeds, out = tmp_path / "s", tmp_path / "o"
    write(seeds, "a.txt", "On Monday the Taliban seized Aybak.\n")
    write(seeds, "a.yaml", "date: 2021-08-10\n")
    build_cli(seeds, out)
    first = (out / "mentions.csv").read_bytes()
    again = build_cli(seeds, out)
    assert "1 seed(s) reused" in again.stdout and (out / "mentions.csv").read_bytes() == first
    assert read_csv_rows(out / "mentions.csv")[0]["event_date"] == "2021-08-09"
    write(seeds, "a.yaml", "date: 2021-08-18\n")  # a Wednesday: Monday is the 16th
    moved = build_cli(seeds, out)
    assert "1 seed(s) reused" in moved.stdout
    assert read_csv_rows(out / "mentions.csv")[0]["event_date"] == "2021-08-16"
    assert read_csv_rows(out / "history.csv")[0]["event_date"] == "2021-08-16"


# ---- corrections


CORRECTIONS = """date,place,status,reason,source,seed
2021-08-10,Aybak,government,Governor's office confirmed by phone that the city is held,Analyst desk,
2021-08-10,Atlantis,captured,no such place,,
2021-13-01,AF-KAB,captured,a month that does not exist,,
2021-08-10,Herat,seized,not a status word,,
2021-08-10,AF-KHO,ignore,the casualty list is not about Khost,,
2021-08-10,AF-KHO,ignore,the casualty list is not about Khost,,000_536174a612b46550.txt
"""


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("corr") / "s"
    shutil.copytree(SEEDS, seeds)
    (seeds / "corrections.csv").write_text(CORRECTIONS, encoding="utf-8")
    out = seeds.parent / "o"
    proc = build_cli(seeds, out, check=False)
    return seeds, out, proc


def test_bad_correction_rows_named_by_line_and_skipped(corrected):
    _, out, proc = corrected
    assert proc.returncode == 3  # something was skipped; everything else is written
    lines = [line for line in proc.stderr.splitlines() if "corrections.csv" in line]
    assert len(lines) == 4, proc.stderr
    assert "line 3: unknown place 'Atlantis'" in lines[0]
    assert "line 4: date '2021-13-01' is not an ISO date" in lines[1]
    assert "line 5: unknown status 'seized'" in lines[2]
    assert "line 6: status 'ignore' needs the seed" in lines[3]
    assert (out / "map.html").exists()


def test_correction_changes_the_colour_and_shows_its_reason(corrected):
    _, out, _ = corrected
    geo = json.loads((out / "provinces.geojson").read_text(encoding="utf-8"))
    sam = next(f for f in geo["features"] if f["id"] == "AF-SAM")["properties"]
    assert sam["status"] == "government"
    assert sam["correction"].startswith("Governor's office confirmed")
    page = (out / "map.html").read_text(encoding="utf-8")
    data = json.loads(page.split("id='tm-data'>", 1)[1].split("</script>", 1)[0])
    assert "Corrected by hand:</b> Governor&#x27;s office confirmed" in json.dumps(data)
    hist = read_csv_rows(out / "history.csv")
    row = next(r for r in hist if r["correction"])
    assert (row["place"], row["status"], row["seed"]) == ("Aybak", "government", "Analyst desk")
    events = pd.read_csv(out / "events.csv")
    fix = events[events["rule"] == "correction"].iloc[0]
    assert fix["location"] == "Aybak" and "confirmed by phone" in fix["notes"]


def test_ignore_drops_the_seed_readings_of_that_place(corrected):
    _, out, _ = corrected
    rows = read_csv_rows(out / "mentions.csv")
    assert not [r for r in rows if r["province"] == "AF-KHO"]
    geo = json.loads((out / "provinces.geojson").read_text(encoding="utf-8"))
    kho = next(f for f in geo["features"] if f["id"] == "AF-KHO")["properties"]
    assert kho["status"] == "no_report"


def test_a_later_report_still_beats_a_correction(tmp_path):
    seeds = tmp_path / "s"
    write(seeds, "a.txt", dated("2021-08-08", "Government forces hold Ghazni."))
    write(seeds, "b.txt", dated("2021-08-12", "The Taliban captured Ghazni on Thursday."))
    write(
        seeds,
        "corrections.csv",
        "date,place,status,reason\n2021-08-09,Ghazni,contested,Fighting seen by our reporter\n",
    )
    res = build(seeds)
    assert res.provinces["AF-GHA"].status == "captured"  # the 12 August capture is later
    assert res.provinces["AF-GHA"].correction == ""
    as_of = dict(zip(res.timeline.dates, res.timeline.states))
    assert as_of["2021-08-09"]["AF-GHA"][0] == "contested"


# ---- events.csv and the BOM


def test_events_csv_has_the_aybak_capture_in_acled_terms(built):
    events = pd.read_csv(built / "events.csv")
    for col in (
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "admin1",
        "admin2",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_url",
        "notes",
        "status",
        "rule",
        "seed",
        "match",
    ):
        assert col in events.columns, col
    aybak = events[(events["location"] == "Aybak") & (events["status"] == "captured")].iloc[0]
    assert aybak["event_date"] == "2021-08-09" and aybak["time_precision"] == 1
    assert aybak["sub_event_type"] == "Non-state actor overtakes territory"
    assert aybak["event_type"] == "Battles" and aybak["admin1"] == "Samangan"
    assert aybak["actor1"] == "Taliban" and aybak["geo_precision"] == 1
    assert aybak["source"] == "Doha News" and "seized Aybak" in aybak["notes"]
    assert not (events["status"] == "mentioned").any()  # bare mentions are not events
    herat = events[events["location"] == "Herat"].iloc[0]
    assert herat["time_precision"] == 2  # "last week": ACLED's week precision


def test_event_types_from_the_words(tmp_path):
    seeds = tmp_path / "s"
    write(
        seeds,
        "a.txt",
        dated(
            "2021-08-14",
            "Government forces recaptured Zaranj on Friday. "
            "Elders handed Farah over to the Taliban without a fight. "
            "An airstrike hit Lashkar Gah, killing eight people.",
        ),
    )
    out = tmp_path / "o"
    build_cli(seeds, out)
    events = pd.read_csv(out / "events.csv").set_index("location")
    assert events.loc["Zaranj", "sub_event_type"] == "Government regains territory"
    assert events.loc["Zaranj", "event_date"] == "2021-08-13"
    assert events.loc["Farah", "sub_event_type"] == "Non-violent transfer of territory"
    assert events.loc["Farah", "event_type"] == "Strategic developments"
    assert events.loc["Lashkar Gah", "sub_event_type"] == "Air/drone strike"


def test_events_csv_is_what_pandas_writes_of_the_events_frame(corrected, tmp_path):
    """events.csv is put together from parts (mapping.events.events_csv_parts), from the
    cache's rows on a rebuild, not by pandas: it must stay byte for byte what the frame's
    to_csv gives, corrections and a seed whose date changed too."""
    seeds = tmp_path / "s"
    shutil.copytree(corrected[0], seeds)  # the fixture's folder, with its corrections.csv
    for name in ("01_zaranj.txt", "04_kunduz_repelled.txt", "06_undated.txt"):
        shutil.copy(ROOT / "tests" / "data" / "timeline" / name, seeds / name)
    write(seeds, "quoted.txt", dated("2021-08-12", 'The Taliban "captured" Ghazni on Monday.'))
    write(seeds, "moved.txt", dated("2021-08-12", "The Taliban captured Farah on Monday."))
    for rebuild in range(3):
        if rebuild == 2:  # a known text under another date: its cached rows do not fit
            write(seeds, "moved.txt", dated("2021-08-20", "The Taliban captured Farah on Monday."))
        result = build(seeds, cache_dir=tmp_path / "cache")
        assert result.corrections
        text = "".join(
            p if isinstance(p, str) else p.decode("utf-8") for p in events_csv_parts(result)
        )
        assert text == events_frame(result).to_csv(index=False, lineterminator="\n")
        assert '"The Taliban ""captured"" Ghazni' in text
        assert ("2021-08-16" in text) == (rebuild == 2)  # the Monday before 20 August
    assert result.stats is not None and result.stats.reused > 0


def test_every_csv_starts_with_a_bom(built):
    for name in ("mentions.csv", "sentences.csv", "history.csv", "events.csv"):
        assert (built / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
        assert pd.read_csv(built / name).columns[0] in ("seed", "date", "event_id_cnty"), name


def test_extract_json_shows_event_dates():
    doc = json.loads(run_cli("extract", str(SEEDS), "--json").stdout)
    keys = set(doc["seeds"][0]["mentions"][0])
    assert {"event_date", "date_precision"} <= keys
