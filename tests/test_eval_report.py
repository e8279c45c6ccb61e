"""`territory-map eval`: the confusion matrix, side accuracy, per-phenomenon scores and the
dated comparison of capital falls, on a small labelled file written here."""

from __future__ import annotations

import json

from conftest import run_cli

PASSAGES = [
    {
        "id": "a",
        "published": "2021-08-08",
        "phenomena": ["list"],
        "text": "The Taliban captured Kunduz and Taloqan on Sunday.",
        "places": [],
        "provinces": {
            "AF-KDZ": {"status": "captured", "violence": False},
            "AF-TAK": {"status": "captured", "violence": False},
        },
    },
    {
        "id": "b",
        "published": "2021-08-09",
        "phenomena": ["hedge"],
        "text": "Fighting was reported near Herat.",
        "places": [],
        "provinces": {"AF-HER": {"status": "captured", "violence": False}},
    },
    {
        "id": "c",
        "published": "2021-08-10",
        "phenomena": ["list"],
        "text": "Officials said Aybak fell to the Taliban on Monday.",
        "places": [],
        "provinces": {"AF-SAM": {"status": "captured", "violence": False}},
    },
]


def passages_file(tmp_path, passages: list[dict]):
    """The passages as eval reads them: one JSON object per line."""
    data = tmp_path / "p.jsonl"
    data.write_text("\n".join(json.dumps(p) for p in passages) + "\n", encoding="utf-8")
    return data


def test_eval_prints_confusion_sides_phenomena_and_capitals(tmp_path):
    data = passages_file(tmp_path, PASSAGES)
    caps = tmp_path / "caps.csv"
    caps.write_text(
        "capital,province,fell_on\nKunduz,AF-KDZ,2021-08-08\n"
        "Aybak,AF-SAM,2021-08-09\nHerat,AF-HER,2021-08-12\n",
        encoding="utf-8",
    )
    out = run_cli("eval", str(data), "--no-baseline", "--capitals", str(caps), "--errors").stdout
    assert "statuses right 3/4; side right 3/4 (0.750)" in out
    confusion = out.split("status confusion", 1)[1].split("\n\n", 1)[0]
    captured_row = next(ln for ln in confusion.splitlines() if ln.startswith("captured"))
    assert captured_row.split() == ["captured", "3", "1", "4"]  # 3 right, 1 contested
    assert "list                   1.000 (3/3)" in out
    assert "hedge                  0.000 (0/1)" in out
    assert "AF-KDZ   Kunduz           2021-08-08 2021-08-08    +0" in out
    # dated by the event ("on Monday" in an article of Tuesday 10 August), not by the article
    assert "AF-SAM   Aybak            2021-08-09 2021-08-09    +0" in out
    assert "capital falls dated within one day: 2/2 reported" in out
    assert "== b: wrong {'AF-HER': ('contested', 'captured')}" in out


def test_eval_combines_a_passages_events_in_their_order_as_the_build_does(tmp_path):
    """A passage that tells a recapture first and the older fall after it ("... fell to the
    insurgents last week") is scored as the map shows it: events in date order, so the
    recapture stands. Read in text order, the older fall would win."""
    passage = {
        "id": "order",
        "published": "2021-07-10",
        "text": "Government forces retook Imam Sahib district on Saturday after days of fighting. "
        "The district had fallen to the Taliban last week.",
        "places": [],
        "provinces": {"AF-KDZ": {"status": "recaptured", "violence": False}},
    }
    out = run_cli("eval", str(passages_file(tmp_path, [passage])), "--no-baseline").stdout
    assert "statuses right 1/1" in out


def test_a_recalled_fall_of_an_earlier_war_is_not_the_campaigns_first_fall(tmp_path):
    """An article of the campaign's year that recalls a capital's fall decades earlier
    ("first took the city in September 1996") reads it right, dated 1996; the capital
    check compares the campaign's falls, so that one is not the capital's first."""
    passage = {
        "id": "recall",
        "published": "2021-08-16",
        "text": "The Taliban captured Kabul on Sunday. The movement first captured Kabul "
        "on 27 September 1996.",
        "places": [],
        "provinces": {"AF-KAB": {"status": "captured", "violence": False}},
    }
    data = passages_file(tmp_path, [passage])
    caps = tmp_path / "caps.csv"
    caps.write_text("capital,province,fell_on\nKabul,AF-KAB,2021-08-15\n", encoding="utf-8")
    out = run_cli("eval", str(data), "--no-baseline", "--capitals", str(caps)).stdout
    assert "AF-KAB   Kabul            2021-08-15 2021-08-15    +0" in out, out
    assert "provinces shown captured before their capital fell: 0" in out


def test_a_capital_fall_dated_by_month_is_compared_by_event_date_and_as_the_map_shows_it(
    tmp_path,
):
    """ "The first capital the insurgents seized in August" is dated 1 August by event date
    (a month by its first day); the map shows it on the article's day (a month takes effect
    at its end, never after the article). The table gives both, and counts both."""
    passage = {
        "id": "month",
        "published": "2021-08-07",
        "text": "The first provincial capital the insurgents seized in August, Zaranj, "
        "sits on the border with Iran.",
        "places": [],
        "provinces": {"AF-NIM": {"status": "captured", "violence": False}},
    }
    caps = tmp_path / "caps.csv"
    caps.write_text("capital,province,fell_on\nZaranj,AF-NIM,2021-08-06\n", encoding="utf-8")
    data = passages_file(tmp_path, [passage])
    out = run_cli("eval", str(data), "--no-baseline", "--capitals", str(caps)).stdout
    assert "AF-NIM   Zaranj           2021-08-06 2021-08-01    -5 2021-08-07    +1" in out
    assert "within one day: 0/1 reported by event date, 1/1 by the date the map shows" in out


def test_an_event_date_told_of_a_place_by_another_name_is_scored_on_that_sentence(tmp_path):
    """The label dates Burka by the sentence that dates it ("the district fell on Tuesday"),
    which names it only as "the district": our reading there refers back to Burka and is
    the one to score, not the headline's undated one."""
    text = "Taliban capture Burka district. Officials said the district fell on Tuesday night."
    start = text.index("Officials")
    passage = {
        "id": "coref",
        "published": "2021-05-06",
        "text": text,
        "places": [
            {
                "surface": "Burka",
                "kind": "district",
                "province": "AF-BGL",
                "status": "captured",
                "evidence": [start, len(text)],
                "event_date": "2021-05-04",
                "date_precision": "day",
            }
        ],
        "provinces": {"AF-BGL": {"status": "captured", "violence": False}},
    }
    out = run_cli("eval", str(passages_file(tmp_path, [passage])), "--no-baseline").stdout
    assert "event dates right 1/1" in out
