"""The learned reading of province statuses over the rules' readings (mapping/learned.py).

The mechanics are checked with small models whose weights these tests write (a model is
plain weights, so a hand-made one is the real thing, not a stand-in); the shipped model is
checked for its shape, its determinism and one shape of our own words it reads where the
rules see a bare mention. Its accuracy is measured on the real-news corpus, not here
(bench/realnews/README.md, tools/train_status_model.py).
"""

import csv
import json

import pytest

from mapping.algebra import province_status
from mapping.evaluate import read_passage
from mapping.learned import (
    KEPT,
    LEARNED,
    MODEL_FILE,
    by_province,
    default_model,
    features,
    model_from_json,
    named_words,
    relearned,
    unlearned,
)
from mapping.model import Status
from tests.conftest import build_cli, run_cli

ALL = tuple(s for s in Status if s != Status.NO_REPORT)


def always(status: Status, sure: float = 1.0):
    """A model that names `status` whatever it reads (its bias alone decides): with the
    default, at a probability of e / (e + 6) = 0.31; with sure=10, of 0.9997."""
    bias = {"statuses": [str(s) for s in ALL], "bias": [sure * (s == status) for s in ALL]}
    return model_from_json({**bias, "weights": {}})


def dated(text, gaz, day="2021-08-10"):
    return read_passage({"text": text, "published": day}, gaz, learned=False)


def test_the_shipped_model_has_a_weight_per_status_and_reads_the_same_twice(gaz):
    model = default_model()
    assert set(model.statuses) == set(ALL)
    assert model.matrix.shape[0] > 1000 and model.matrix.shape[1] == len(ALL)
    readings = dated("Fighting went on in Ghazni city all night, residents said.", gaz)
    feats = features(readings)
    assert model.choose(feats) == model.choose(feats)


def test_a_model_file_of_the_wrong_shape_is_refused_with_its_name():
    good = {"statuses": ["captured", "mentioned"], "bias": [0, 0], "weights": {"s:x": [1, 2]}}
    assert model_from_json(good).choose(features([])) == Status.CAPTURED  # a tie: the first
    with pytest.raises(ValueError, match=MODEL_FILE):
        model_from_json({**good, "bias": [0]})
    with pytest.raises(ValueError, match="s:x"):
        model_from_json({**good, "weights": {"s:x": [1]}})


def test_the_rules_captures_fighting_and_claims_are_kept_unless_the_model_is_sure(gaz):
    text = (
        "The Taliban captured Kunduz on Sunday, officials said. Fighting raged in Lashkar Gah "
        "all night, residents said. A Taliban spokesman said the fighters had taken Qalat."
    )
    readings = dated(text, gaz)
    assert {str(province_status([r])) for r in readings} >= {"captured", "contested", "claimed"}
    assert all(province_status([r]) in KEPT for r in readings)
    assert relearned(readings, always(Status.GOVERNMENT)) is readings  # not CONFIDENT
    sure = relearned(readings, always(Status.GOVERNMENT, sure=10))
    assert {str(r.status) for r in sure} == {"government"}


def test_a_bare_mention_takes_the_models_status_with_a_rule_text_that_says_so(gaz):
    readings = dated("Residents of Farah gathered outside the mosque on Monday.", gaz)
    assert [str(r.status) for r in readings] == ["mentioned"]
    (got,) = relearned(readings, always(Status.CAPTURED))
    assert got.status == Status.CAPTURED
    assert got.rule == f"{LEARNED}: captured over mentioned; {readings[0].rule}"
    assert unlearned([got]) == readings
    assert (got.evidence, got.event_date, got.mention) == (
        readings[0].evidence,
        readings[0].event_date,
        readings[0].mention,
    )


def test_only_the_latest_event_changes_when_that_is_enough(gaz):
    text = "Farah was quiet in May, elders said. Farah residents spoke on Monday."
    readings = dated(text, gaz)
    assert [r.event_date for r in readings] == ["2021-05-01", "2021-08-09"]
    old, new = relearned(readings, always(Status.CAPTURED))
    assert old is readings[0] and old.status == Status.MENTIONED  # May keeps its own status
    assert new.status == Status.CAPTURED  # the capture is Monday's, not May's


def test_every_reading_changes_when_the_latest_alone_is_not_enough(gaz):
    text = "Afghan forces retook Farah in May. Farah residents spoke on Monday."
    readings = dated(text, gaz)
    assert [str(r.status) for r in readings] == ["recaptured", "mentioned"]
    # violence after a recapture does not undo it: the May reading must change too
    out = relearned(readings, always(Status.VIOLENCE))
    assert [str(r.status) for r in out] == ["violence", "violence"]
    assert province_status(out) == Status.VIOLENCE


def test_a_province_told_only_of_long_ago_stays_as_the_rules_read_it(gaz):
    text = "Residents of Kunduz remember how the Taliban briefly held Kunduz in 2015."
    readings = dated(text, gaz)
    assert all(r.event_date.startswith("2015") for r in readings)
    assert relearned(readings, always(Status.CAPTURED)) is readings


# A place named as the one another fell "within hours of" fell too; the rules bind the
# verb to the first place only.
WITHIN_HOURS = "Gardez was lost on Saturday within hours of Khost, officials told reporters."


def test_the_shipped_model_reads_a_place_another_fell_within_hours_of_as_fallen(gaz):
    rules = {r.mention.surface: str(r.status) for r in dated(WITHIN_HOURS, gaz)}
    assert rules == {"Gardez": "captured", "Khost": "mentioned"}
    got = read_passage({"text": WITHIN_HOURS, "published": "2021-08-10"}, gaz)
    khost = next(r for r in got if r.mention.surface == "Khost")
    assert khost.status == Status.CAPTURED
    assert khost.rule.startswith(f"{LEARNED}: captured over mentioned; ")


def test_the_model_is_not_read_on_a_list_of_names(gaz):
    """Names and a verb or two, over and over (tests/test_output_limits.py's shapes), are no
    prose: the rules' bare mentions stand, whatever the model would say."""
    text = "Gardez, Khost, Sharana, Ghazni and Qalat were quiet. " * 40
    readings = dated(text, gaz)
    assert relearned(readings, always(Status.CAPTURED, sure=10)) is readings
    assert relearned(readings) is readings
    prose = dated("Residents of Gardez said the shops stayed shut all day.", gaz)
    assert relearned(prose, always(Status.CAPTURED, sure=10)) is not prose


def test_the_build_and_extract_json_show_the_learned_status(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    (seeds / "a.txt").write_text(WITHIN_HOURS + "\n", encoding="utf-8")
    (seeds / "a.yaml").write_text("date: 2021-08-10\n", encoding="utf-8")
    build_cli(seeds, out)
    with open(out / "mentions.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["province"] == "AF-KHO"]
    assert rows and {r["status"] for r in rows} == {"captured"}
    assert all(r["rule"].startswith("learned: captured over mentioned; ") for r in rows)
    doc = json.loads(run_cli("extract", str(seeds / "a.txt"), "--json").stdout)
    khost = [m for m in doc["seeds"][0]["mentions"] if m["surface"] == "Khost"]
    assert [(m["status"], m["rule"][: len(LEARNED)]) for m in khost] == [("captured", LEARNED)]


def test_a_build_of_the_rules_alone_shows_what_they_read_from_the_same_cache(tmp_path):
    """`--rules-only` (build, extract) and api.build(rules_only=True): the map of the rules'
    reading, with no learned status, even from a cache a default build filled; the same
    bytes as a rules-only build without the cache; and the default build after it is the
    learned one again."""
    from mapping import api

    seeds, out, fresh, again = (tmp_path / n for n in ("seeds", "out", "fresh", "again"))
    seeds.mkdir()
    (seeds / "a.txt").write_text(WITHIN_HOURS + "\n", encoding="utf-8")
    (seeds / "a.yaml").write_text("date: 2021-08-10\n", encoding="utf-8")
    build_cli(seeds, out)  # fills the cache with the learned reading
    build_cli(seeds, out, "--rules-only")
    build_cli(seeds, fresh, "--rules-only", "--no-cache")
    build_cli(seeds, tmp_path / "pool", "--rules-only", "--jobs", "2")
    with open(out / "mentions.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["province"] == "AF-KHO"]
    assert rows and {r["status"] for r in rows} == {"mentioned"}
    assert not any(r["rule"].startswith(LEARNED) for r in rows)
    for name in ("mentions.csv", "events.csv", "history.csv", "sentences.csv"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
        assert (tmp_path / "pool" / name).read_bytes() == (fresh / name).read_bytes(), name
    build_cli(seeds, again)
    assert (again / "mentions.csv").read_bytes() != (out / "mentions.csv").read_bytes()
    doc = json.loads(run_cli("extract", str(seeds / "a.txt"), "--json", "--rules-only").stdout)
    khost = [m for m in doc["seeds"][0]["mentions"] if m["surface"] == "Khost"]
    assert [m["status"] for m in khost] == ["mentioned"]
    rules = api.provinces(api.build(seeds, rules_only=True))
    learned = api.provinces(api.build(seeds))
    assert (rules.loc["AF-KHO", "status"], learned.loc["AF-KHO", "status"]) == (
        "mentioned",
        "captured",
    )
    # the provinces layer (QGIS, notebooks) says which statuses the model set
    assert learned.loc["AF-KHO", "learned"] and not learned.loc["AF-PIA", "learned"]
    assert not rules["learned"].any()
    towns = api.towns(api.build(seeds)).set_index("name")["learned"]  # Khost the town too
    assert towns["Khost"] and not towns["Gardez"]
    assert not api.towns(api.build(seeds, rules_only=True))["learned"].any()
    layer = json.loads((again / "provinces.geojson").read_text(encoding="utf-8"))
    flags = {f["id"]: f["properties"]["learned"] for f in layer["features"]}
    assert flags["AF-KHO"] is True and flags["AF-PIA"] is False


def test_a_cached_text_dated_anew_is_read_as_a_fresh_build_reads_it(tmp_path):
    """The model weighs how old a text's events are: a week-old fall is news, a fall of
    three months before is not (left to the rules). A cached entry re-dated for a new seed
    date is read again, so a rebuild writes what a build without the cache writes."""
    text = "Gardez was lost on 6 August within hours of Khost, officials told reporters.\n"
    seeds, out, fresh = tmp_path / "seeds", tmp_path / "out", tmp_path / "fresh"
    seeds.mkdir()
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    statuses = {}
    for day in ("2021-08-10", "2021-11-20"):
        (seeds / "a.yaml").write_text(f"date: {day}\n", encoding="utf-8")
        build_cli(seeds, out)
        with open(out / "mentions.csv", encoding="utf-8", newline="") as f:
            statuses[day] = {r["surface"]: r["status"] for r in csv.DictReader(f)}
    assert statuses["2021-08-10"]["Khost"] == "captured"  # learned: news of the week
    assert statuses["2021-11-20"]["Khost"] == "mentioned"  # three months on: the rules'
    build_cli(seeds, fresh, "--no-cache")
    for name in ("mentions.csv", "events.csv", "history.csv"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_the_model_reads_what_kind_of_place_never_which(gaz):
    """A provincial capital and the national capital are features; their names are not
    (a name would carry what the training copy said of that place)."""
    readings = dated("Residents of Kabul, Herat and Chaghcharan waited for news all day.", gaz)
    names = named_words(readings)
    groups = {pid: features(items, names) for pid, items in by_province(readings).items()}
    assert "national_capital" in groups["AF-KAB"] and "capital" not in groups["AF-KAB"]
    assert "capital" in groups["AF-HER"] and "capital" in groups["AF-GHO"]
    assert not any(
        name in ("s:kabul", "s:herat", "s:chaghcharan") for f in groups.values() for name in f
    )
