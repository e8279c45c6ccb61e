"""Event dates resolved from the words around a report and the seed's date (our own
sentences, in the shapes news copy uses)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapping.dates import _REGEX, date_readings, find_spans, resolve

TUESDAY = "2021-08-10"  # Tuesday 10 August 2021


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On Monday the Taliban seized Aybak.", ("2021-08-09", "day")),
        ("The Taliban seized Aybak on Tuesday.", ("2021-08-10", "day")),  # the seed's own day
        ("The Taliban seized Aybak on Wednesday.", ("2021-08-04", "day")),  # past tense: last one
        ("Aybak fell yesterday.", ("2021-08-09", "day")),
        ("Aybak fell late last night.", ("2021-08-09", "day")),
        ("The day before, the Taliban seized Aybak.", ("2021-08-09", "day")),
        ("The previous day, fighters seized Aybak.", ("2021-08-09", "day")),
        ("Aybak fell this morning.", ("2021-08-10", "day")),
        ("Aybak fell on Aug 6.", ("2021-08-06", "day")),
        ("Aybak fell on Aug. 6th.", ("2021-08-06", "day")),
        ("Aybak fell on 6 August.", ("2021-08-06", "day")),
        ("They took Aybak in the last week.", ("2021-08-09", "week")),  # the article's week
        ("They took Aybak last week.", ("2021-08-02", "week")),  # the calendar week before
        # a span of days up to the article: its week, however many days it counts
        ("Aybak and Kunduz have fallen in recent days.", ("2021-08-09", "week")),
        ("Over the past three days the group seized Aybak.", ("2021-08-09", "week")),
        ("They took Aybak over past few days, officials said.", ("2021-08-09", "week")),
        ("In the two preceding days they had taken Aybak.", ("2021-08-09", "week")),
        # a duration dates nothing: the day named does
        ("Aybak was besieged for days and fell on Sunday.", ("2021-08-08", "day")),
        # a span of days: its first day, week precision
        ("They took Aybak and Kunduz from Aug. 6 to Aug. 8.", ("2021-08-06", "week")),
        ("Between July 3 and July 5 the group seized Aybak.", ("2021-07-03", "week")),
        ("They overran Aybak and Kunduz from 6 to 8 August.", ("2021-08-06", "week")),
        ("Aybak and Kunduz fell on Aug 6-8.", ("2021-08-06", "week")),
        ("Aybak fell on Aug. 6 and 7 soldiers died.", ("2021-08-06", "day")),  # no span
        ("Kandahar fell on Dec. 7, 2001, after a siege.", ("2001-12-07", "day")),
        ("Aybak first fell in Aug. 2019.", ("2019-08-01", "month")),
        ("Aybak first fell in August 2019.", ("2019-08-01", "month")),
        ("Two days ago, Aybak fell.", ("2021-08-08", "day")),
        ("The district fell to the Taliban about eight days ago.", ("2021-08-02", "day")),
        ("Ten days earlier, they had taken Aybak.", ("2021-07-31", "day")),
        ("Aybak fell last week.", ("2021-08-02", "week")),
        ("Aybak fell earlier this week.", ("2021-08-09", "week")),
        ("Over the weekend the Taliban took Aybak.", ("2021-08-07", "week")),
        ("Fighting broke out around Aybak last weekend.", ("2021-08-07", "week")),
        ("Six districts, Aybak among them, fell within a week's time.", ("2021-08-09", "week")),
        ("Fighting has raged around Aybak since May.", (TUESDAY, "day")),  # a period to now
        ("Fighting has raged around Aybak in May.", ("2021-05-01", "month")),
        ("Aybak was attacked last month.", ("2021-07-01", "month")),
        ("Aybak was attacked earlier this month.", ("2021-08-01", "month")),
        ("Three months ago the Taliban overran Aybak.", ("2021-05-01", "month")),
        ("They briefly held Aybak a month ago.", ("2021-07-01", "month")),
        ("They briefly held Aybak earlier this year.", ("2021-01-01", "year")),
        ("They briefly held Aybak last year.", ("2020-01-01", "year")),
        ("Aybak fell on the 6th of August.", ("2021-08-06", "day")),
        ("In the night from 6th to 7th of August the group took Aybak.", ("2021-08-06", "week")),
        ("after the government fell in 2001", ("2001-01-01", "year")),
        ("The Taliban took Aybak.", (TUESDAY, "day")),  # nothing said
        # a weekday with a date: the date, even where the copy gets the weekday wrong
        ("Fighting raged around Aybak on Monday, August 6.", ("2021-08-06", "day")),
        ("Aybak fell to the group yesterday, 8 August.", ("2021-08-08", "day")),
        # a date in figures, day first where the month cannot be first, else the reading on
        # or before the article nearest to it
        ("Aybak fell to the Taliban on Friday (6/8/2021).", ("2021-08-06", "day")),
        ("Aybak fell on 13.7.2021.", ("2021-07-13", "day")),
        ("Aybak fell on 8/7/2021.", ("2021-08-07", "day")),
        # a time in a person's clause after the place dates that person's act, not the report
        (
            "Officials blamed the fall of Aybak on a commander who changed sides on Aug. 8.",
            (TUESDAY, "day"),
        ),
        # ... but the report may itself be in the clause, the time before it
        (
            "Late on Monday came the news of the fighters who are nearing Aybak.",
            ("2021-08-09", "day"),
        ),
    ],
)
def test_expression_resolves(text, expected):
    got = resolve(text, text.find("Aybak") if "Aybak" in text else 0, TUESDAY)
    assert (got.date, got.precision) == expected, got


def test_last_weekend_said_on_a_weekend_is_the_one_before():
    got = resolve("Fighting broke out around Aybak last weekend.", 35, "2021-08-08")  # Sunday
    assert (got.date, got.precision) == ("2021-07-31", "week")


def test_nearest_expression_to_the_verb_wins():
    text = "Talks resumed on Monday, a week after Kunduz fell on Aug 2."
    assert resolve(text, text.find("fell"), TUESDAY).date == "2021-08-02"
    assert resolve(text, text.find("Talks"), TUESDAY).date == "2021-08-09"


def test_a_date_after_the_article_dates_nothing():
    text = "Officials will meet on Dec 20 to discuss Kunduz."
    assert resolve(text, text.find("Kunduz"), TUESDAY).date == TUESDAY


def test_undated_seed_keeps_only_absolute_dates():
    assert resolve("Aybak fell on Monday.", 0, "").date == ""
    assert resolve("Aybak fell on 9 August 2021.", 0, "").date == "2021-08-09"


def test_history_is_recognised():
    old = resolve("Kunduz briefly fell in 2015.", 7, TUESDAY)
    assert old.before(TUESDAY) and not resolve("Kunduz fell on Sunday.", 7, TUESDAY).before(TUESDAY)


@pytest.mark.parametrize(
    "text",
    [
        "Aybak is the fifth capital to have fallen since Friday.",
        "Aybak has been under siege since early May.",
        "Aybak, held by the government since 2001, fell.",
        "Aybak fell, the first city to fall since they stepped up attacks in early May.",
    ],
)
def test_a_period_running_to_the_article_dates_no_event(text):
    """ "since X" starts a period that runs to the article's date, and a clause opened by
    "since" speaks of another time: neither dates the report, which takes the seed's day."""
    assert resolve(text, text.find("Aybak"), TUESDAY).date == TUESDAY


def test_a_day_after_dates_what_follows_it():
    """ "The clashes come a day after the Taliban captured Doab": Doab fell the day before
    the article's news; the clashes themselves are not dated by it."""
    text = "The clashes in Faryab come a day after the Taliban captured Doab."
    assert resolve(text, text.find("Doab"), TUESDAY).date == "2021-08-09"
    assert resolve(text, text.find("Faryab"), TUESDAY).date == TUESDAY


def test_a_time_that_opens_the_next_clause_is_that_clauses():
    """ "Earlier on Sunday they had taken Aybak and on Monday they took Kunduz": Monday
    belongs to the clause it opens, not to Aybak before it; "the day before the vote" is
    another event's eve, not the article's yesterday."""
    text = "Earlier on Sunday they had taken Aybak and on Monday they took Kunduz."
    assert resolve(text, text.find("Aybak"), TUESDAY).date == "2021-08-08"
    assert resolve(text, text.find("Kunduz"), TUESDAY).date == "2021-08-09"
    text = "They took Aybak on Sunday and Kunduz on Monday."
    assert resolve(text, text.find("Aybak"), TUESDAY).date == "2021-08-08"
    text = "Aybak fell the day before the vote."
    assert resolve(text, text.find("Aybak"), TUESDAY).date == TUESDAY


def _dated(text: str, seed_date: str = TUESDAY) -> dict[str, tuple[str, str]]:
    """Place surface -> (event_date, date_precision) of its first reading in `text`."""
    from mapping.gazetteer import load_gazetteer
    from mapping.pipeline import extract_text

    readings, _ = extract_text(text, load_gazetteer())
    date_readings(readings, seed_date)
    out: dict[str, tuple[str, str]] = {}
    for r in readings:
        out.setdefault(r.mention.surface, (r.event_date, r.date_precision))
    return out


def test_a_day_set_in_one_sentence_carries_into_the_next():
    # The article of Tuesday 10 August: Sunday is the 8th; the next paragraph goes on.
    text = "On Sunday the Taliban took Kunduz.\n\nThey also captured Taloqan after a siege."
    assert _dated(text)["Taloqan"] == ("2021-08-08", "day")


def test_an_event_named_as_a_thing_takes_no_day_from_the_sentence_before():
    # "The capture of X also gives ...": a remark on an event, not the story going on.
    text = (
        "On Friday the Taliban took Zaranj, across the border from Iran.\n\n"
        "The capture of Farah also gives the group a second crossing into Iran."
    )
    dated = _dated(text)
    assert dated["Zaranj"] == ("2021-08-06", "day")
    assert dated["Farah"] == (TUESDAY, "day")


def test_the_following_day_counts_from_the_day_before_it():
    text = "On Friday the Taliban seized Zaranj. A day later they took Sheberghan."
    assert _dated(text)["Sheberghan"] == ("2021-08-07", "day")
    text = "Fighting reached Herat on Wednesday evening. The next morning the city fell."
    assert _dated(text)["Herat"] == ("2021-08-04", "day")


def test_days_later_count_from_the_day_named_before():
    """ "Two days later" is that many days after the day named before it; "a few days
    later" and a sentence opening "Later" are some day of the week after it (the copy does
    not say which), never the day named itself nor after the article."""
    text = "On Saturday the insurgents entered Kunduz. Two days later they took Taloqan."
    assert _dated(text)["Taloqan"] == ("2021-08-09", "day")
    text = "Kunduz fell on Saturday, and a few days later Taloqan fell as well."
    assert resolve(text, text.find("Taloqan"), TUESDAY).date == "2021-08-08"
    assert resolve(text, text.find("Taloqan"), TUESDAY).precision == "week"
    text = "On Sunday the Taliban overran Aybak. Later they captured Farah and Taloqan."
    assert _dated(text)["Farah"] == ("2021-08-08", "week")
    text = "On Sunday the Taliban overran Aybak. Five days later they took Farah."
    assert _dated(text)["Farah"] == (TUESDAY, "day")  # counted past the article: its day


WEDNESDAY = "2021-08-11"


@pytest.mark.parametrize(
    ("text", "place", "expected"),
    [
        ("Mardi, les talibans ont pris Farah.", "Farah", ("2021-08-10", "day")),
        ("Am 6. August eroberten die Taliban Zaranj.", "Zaranj", ("2021-08-06", "day")),
        ("El 6 de agosto de 2021 los talibanes tomaron Zaranj.", "Zaranj", ("2021-08-06", "day")),
        ("Ayer los talibanes tomaron Kunduz.", "Kunduz", ("2021-08-10", "day")),
        ("Antier se apoderaron de Faizabad.", "Faizabad", ("2021-08-09", "day")),
        ("Maandag veroverden de rebellen Aibak.", "Aibak", ("2021-08-09", "day")),
        ("Na sexta-feira, os talibãs tomaram Zaranj.", "Zaranj", ("2021-08-06", "day")),
        ("Il mese scorso i talebani hanno preso Kunduz.", "Kunduz", ("2021-07-01", "month")),
        ("Negli ultimi giorni i talebani hanno preso Herat.", "Herat", ("2021-08-09", "week")),
        ("Im September 2015 eroberten die Taliban Kundus.", "Kundus", ("2015-09-01", "month")),
        # German "hier" is "here", Italian "mai" is "never": no date of their own
        ("Hier in Kunduz ist es ruhig.", "Kunduz", (WEDNESDAY, "day")),
        ("Kabul non è mai stata presa.", "Kabul", (WEDNESDAY, "day")),
        # "since Friday" dates no single event, in any language
        ("Depuis vendredi, les talibans ont pris Kunduz.", "Kunduz", (WEDNESDAY, "day")),
    ],
)
def test_time_words_of_the_other_languages_the_lexicon_reads(text, place, expected):
    """Weekdays, months, "yesterday", "last month", "in recent days" in German, French,
    Spanish, Portuguese, Italian and Dutch copy date its events as English ones do."""
    got = resolve(text, text.find(place), WEDNESDAY)
    assert (got.date or WEDNESDAY, got.precision) == expected
    assert find_spans(text) == [m.span() for m in _REGEX.finditer(text)]


def test_the_other_languages_words_fold_as_the_scan_expects():
    """find_spans scans prefilter.fold_case's text for these words: each must fold to its
    own lower case (Turkish dotless "ı" folds to "i", so "salı" is not among them)."""
    from mapping.dates import _MONTH_NUMBER, _OTHER_HINTS, _WEEKDAY_NUMBER
    from mapping.prefilter import fold_case

    words = [*_WEEKDAY_NUMBER, *_MONTH_NUMBER, *_OTHER_HINTS]
    assert [w for w in words if fold_case(w) != w.lower()] == []


def test_the_following_days_count_from_the_day_named_before_in_other_languages_too():
    text = "Le 6 août, les talibans prennent Zaranj. Les jours suivants, Kunduz tombe à son tour."
    assert _dated(text, "2021-08-15")["Kunduz"] == ("2021-08-07", "week")


def test_a_time_that_dates_an_event_named_as_a_thing_sets_no_scene_for_the_next_sentence():
    """ "... the capture of Kabul on 15 August. Panjshir was conquered": the date is Kabul's
    fall, not the time the next sentence goes on in."""
    text = (
        "The group swept the country, culminating in the capture of Kabul on 15 August. "
        "Panjshir was completely conquered, the spokesman said."
    )
    dated = _dated(text, "2021-09-06")
    assert dated["Kabul"] == ("2021-08-15", "day")
    assert dated["Panjshir"] == ("2021-09-06", "day")


def test_later_in_the_day_and_later_mid_sentence_stay_on_the_day_named():
    text = "On Sunday the Taliban overran Aybak. Later in the day they captured Farah."
    assert _dated(text)["Farah"] == ("2021-08-08", "day")
    text = "On Sunday the Taliban overran Aybak. They later captured Farah."
    assert _dated(text)["Farah"] == ("2021-08-08", "day")


def test_the_following_day_counts_from_a_day_named_earlier_in_its_sentence():
    """ "On Friday they seized Zaranj and a day later Sheberghan": Saturday, not Friday;
    a count from a broad period ("in July ... a day later") dates nothing of its own."""
    text = "On Friday the Taliban seized Zaranj, and a day later they took Sheberghan too."
    assert resolve(text, text.find("Zaranj"), TUESDAY).date == "2021-08-06"
    assert resolve(text, text.find("Sheberghan"), TUESDAY).date == "2021-08-07"
    text = "Kunduz fell on Sunday, and the next day Taloqan fell."
    assert resolve(text, text.find("Taloqan"), TUESDAY).date == "2021-08-09"
    text = "In July the Taliban took Aybak and a day later they took Pul-i-Khumri."
    assert resolve(text, text.find("Pul-i-Khumri"), TUESDAY).precision == "month"


def test_a_broad_period_or_a_present_sentence_carries_nothing():
    # "in May" sets no day for the next sentence; "right now" is the article's own day.
    text = "The offensive began in May. The Taliban captured Kunduz."
    assert _dated(text)["Kunduz"] == (TUESDAY, "day")
    text = "Kabul fell on Sunday. There is no fighting right now in Jalalabad, officials said."
    assert _dated(text)["Jalalabad"] == (TUESDAY, "day")


def test_the_quick_scan_never_hides_a_time_expression():
    """find_spans skips a text with none of the words every expression holds: on every
    labelled passage of the team's sets, it finds exactly what the whole table finds."""
    import json
    from pathlib import Path

    from mapping.dates import _REGEX, find_spans

    data = Path(__file__).parent / "data"
    for name in ("devset.jsonl", "devset2.jsonl", "holdout.jsonl"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            for sentence in text.split(". "):
                assert find_spans(sentence) == [m.span() for m in _REGEX.finditer(sentence)]


_TIME_WORDS = (
    "since until ever from between to and on in over the past last week weekend days ago "
    "earlier Aug. Sept. 6 7 15th 2021 Monday Sunday yesterday night this morning today a day "
    "later next following month year May June early late mid mid- by of during within 24 hours "
    "seven one right now currently previous tonight midJune earlyMay lateAug - \u2013 , . : ( ) "
    "Kunduz fell mardi Montag agosto 6. août de ayer gestern hier la veille Les jours suivants "
    "mese scorso im Herbst en ce week-end seit depuis terça-feira vendredi mai Salı lastlunes"
).split()


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_TIME_WORDS), st.sampled_from([" ", "  ", "\n", ", ", ""])),
        max_size=30,
    )
)
def test_time_expressions_are_found_as_a_scan_of_the_whole_table_finds_them(parts):
    """find_spans tries the table only at the words just before a time word; it must find
    what trying it at every position finds, run-on words ("midJune") and wide gaps included."""
    from mapping.dates import _MAYBE_TIME, _REGEX, find_spans
    from mapping.prefilter import fold_case

    text = "".join(word + gap for word, gap in parts)
    maybe = _MAYBE_TIME.search(fold_case(text))  # as find_spans scans for time words
    whole = [m.span() for m in _REGEX.finditer(text)] if maybe else []
    assert find_spans(text) == whole


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*_TIME_WORDS, "MONDAY", "AUG", "Yesterday", "MIDJUNE", "\u0130", "\u0131", "\u017f"]
        ),
        max_size=20,
    ).map(" ".join)
)
def test_time_words_are_found_in_the_folded_text_where_ignorecase_finds_them(text):
    """find_spans looks for time words in prefilter.fold_case's text without IGNORECASE:
    the same places as the case-blind scan of the text itself, capitals and the four
    letters whose case-blind twins are ASCII included."""
    import re

    from mapping.dates import _FOLDED_REGEX, _MAYBE_TIME, _REGEX
    from mapping.prefilter import fold_case

    blind = re.compile(_MAYBE_TIME.pattern, re.I)
    assert [m.span() for m in _MAYBE_TIME.finditer(fold_case(text))] == [
        m.span() for m in blind.finditer(text)
    ]
    assert [m.span() for m in _FOLDED_REGEX.finditer(fold_case(text))] == [
        m.span() for m in _REGEX.finditer(text)
    ]


def test_the_folded_table_holds_no_capital_letter():
    """What makes the case-blind table and the folded one find the same spans: no letter
    of a pattern (escapes such as "\\b" and group names aside) is a capital."""
    import re

    from mapping.dates import _FOLDED_REGEX, _MAYBE_TIME

    for regex in (_FOLDED_REGEX, _MAYBE_TIME):
        letters = re.sub(r"\\[A-Za-z]|\(\?P<\w+>", "", regex.pattern)
        assert not re.search("[A-Z]", letters) and not regex.flags & re.IGNORECASE
