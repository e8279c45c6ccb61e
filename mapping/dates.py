"""Event dates: when a reported event happened, from the words around it and the seed's date.

"On Monday the Taliban seized Aybak" in an article dated Tuesday 10 August 2021 happened on
9 August; "last week" is a week, "since May" a month, "in 2001" a year (and is history, not
news). Why our own small resolver rather than a general date parser: news copy uses a few
relative shapes whose meaning depends on the article's date and on the past tense (a bare
weekday is the latest such day on or before the article), and the resolver runs on every
sentence with a report, so it must cost microseconds; the patterns live in one table here.

`resolve(text, anchor, seed_date)` returns an `EventDate`: the ISO day the period starts,
its precision (day, week, month, year; as ACLED's time_precision) and the words that gave
it. With nothing said, the event is dated the seed's own day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .model import DatePrecision, Reading
from .prefilter import fold_case

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# The weekdays and months of the other languages the lexicon reads most (German, French,
# Spanish, Portuguese, Italian, Dutch; Turkish weekdays but "cuma" and "pazar", which are
# also common nouns), as copy writes them, accents or not. Why: a tenth of the real-news
# corpus is in those languages, and their events were all dated the article's day ("Mardi,
# les Taliban avaient saisi Farah" in copy of Wednesday). Left out: the Portuguese weekdays
# without "-feira" ("segunda" is also "second") and the Italian "mai" ("never"), which is
# read as May only beside a day ("9 mai") as French writes it.
_OTHER_WEEKDAYS = (
    "montag lundi lunes lunedì lunedi segunda-feira maandag pazartesi",
    "dienstag mardi martes martedì martedi terça-feira terca-feira dinsdag",
    "mittwoch mercredi miércoles miercoles mercoledì mercoledi quarta-feira woensdag çarşamba",
    "donnerstag jeudi jueves giovedì giovedi quinta-feira donderdag perşembe",
    "freitag vendredi viernes venerdì venerdi sexta-feira vrijdag",
    "samstag sonnabend samedi sábado sabado sabato zaterdag cumartesi",
    "sonntag dimanche domingo domenica zondag",
)
_OTHER_MONTHS = (
    "januar janvier enero gennaio janeiro januari",
    "februar février fevrier febrero febbraio fevereiro februari",
    "märz marz mars marzo março maart",
    "avril abril aprile",
    "mai mayo maggio maio mei",
    "juni juin junio giugno junho",
    "juli juillet julio luglio julho",
    "août aout agosto augustus",
    "septembre septiembre setiembre settembre setembro",
    "oktober octobre octubre ottobre outubro",
    "novembre noviembre novembro",
    "dezember décembre decembre diciembre dicembre dezembro",
)
# English month names the other languages share ("im September", "in juni" is Dutch's own):
# not "may" nor "march", which are also English words after "en"/"im"-like letters
_FULL_MONTHS = tuple(
    "january february april june july august september october november december".split()
)
_WEEKDAY_NUMBER = {w: i for i, ws in enumerate(_OTHER_WEEKDAYS) for w in ws.split()}
_WEEKDAY_NUMBER.update((w, i) for i, w in enumerate(_WEEKDAYS))
_MONTH_NUMBER = {m: i for i, ms in enumerate(_OTHER_MONTHS, 1) for m in ms.split()}


def _alternatives(words) -> str:
    """A regex alternation of these words, longest first (so that no word stops short)."""
    return "|".join(sorted({re.escape(w) for w in words}, key=lambda w: (-len(w), w)))


_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    + _alternatives(_MONTH_NUMBER)
    + r")\.?"
)
_MONTH_WORD = re.sub(r"\(\?P<month>", "(?:", _MONTH)
_WEEKDAY = _alternatives(_WEEKDAY_NUMBER)
# ", 2021" after a day; "de 2021" in Spanish and Portuguese
_YEAR = r"(?:,?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d))?"
# "Aug. 6th, 2021" and "6 August 2021": a day with its month (and year), told either way;
# also "6. August" and "6 de agosto"
_MONTH_DAY = rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_YEAR}"
_DAY_MONTH = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?{_MONTH}\b{_YEAR}"
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a": 1,
}

# (name, pattern). Each pattern names the groups its resolver reads; the expression nearest
# the anchor wins. "since" comes first so that it, not the day or month after it, matches:
# "since Friday", "since early May" start a period that runs to the article's date, so they
# date no single event ("the fifth capital to fall since Friday" did not fall on Friday).
_SINCE = r"\b(?:since|until|till|ever\s+since|seit|depuis|desde|sinds)\s+"
# "eight days ago", "a week earlier": a number as digits or as one of _NUMBERS' words
_COUNT = rf"(?P<n>\d+|{'|'.join(_NUMBERS)})"
# "the past few days", "the three preceding days": the words of past_days's span, either order
_PAST = r"(?:last|past|previous|preceding)"
_SOME = rf"(?:\d+|{'|'.join(_NUMBERS)}|few|several|couple\s+of)"
_PATTERNS = [
    (
        "since",
        rf"{_SINCE}(?:(?:early|late|mid-?|last)\s*)?(?:{_MONTH_WORD}(?:\s+\d{{1,2}}\b)?|\d{{1,2}}\s+{_MONTH_WORD}"
        rf"|(?:19|20)\d\d\b|{_WEEKDAY}|yesterday)",
    ),
    # "on Wednesday, August 10", "yesterday, July 12", "Friday 13 August": the day the date
    # names, whatever the weekday says (copy gets weekdays wrong more often than dates)
    ("named_md", rf"\b(?:{_WEEKDAY}|yesterday|today)\s*,?\s+(?:the\s+)?{_MONTH_DAY}"),
    ("named_dm", rf"\b(?:{_WEEKDAY}|yesterday|today)\s*,?\s+(?:the\s+)?{_DAY_MONTH}"),
    # "(13/8/2021)", "on Friday (13/8/2021)", "13.08.2021": day, month and year in figures
    # (resolved by _numeric)
    (
        "numeric",
        rf"\b(?:(?:{_WEEKDAY})\s*,?\s*\(?\s*)?"
        r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b",
    ),
    # "from Aug. 6 to Aug. 8", "between June 18 and June 21", "Aug 6-8", "from 6 to 8 August":
    # a span of days, dated to its first day with week precision (LABELS.md: date ranges).
    # Joined by a word, only after "from" or "between" ("on Aug. 6 and 7 people died").
    (
        "range_md",
        rf"\b(?:from|between)\s+{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"\s*(?:[-\u2013]|to|and|until|till|through)\s*(?:{_MONTH_WORD}\s+)?"
        r"\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    ),
    (
        "range_dm",
        rf"\b(?:from|between)\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+{_MONTH_WORD})?"
        r"\s*(?:[-\u2013]|to|and|until|till|through)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    ),
    (
        "range_dash",
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\s*[-\u2013]\s*\d{{1,2}}\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    ),
    ("month_day", rf"\b{_MONTH_DAY}"),
    ("day_month", rf"\b{_DAY_MONTH}"),
    ("weekday", rf"\b(?P<weekday>{_WEEKDAY})\b"),
    # "the day before, the Taliban captured X" / "the previous day": the day before the
    # article, as "yesterday" (not "the day before the vote", another event's eve)
    (
        "yesterday",
        r"\byesterday\b|\blast night\b|\bthe\s+(?:day\s+before|previous\s+day)\b(?!\s+(?:the|a|an|its|their|his|her)\b)",
    ),
    # "comes a day after the Taliban captured Doab": the event after it, a day before the
    # article's own news (resolve_spans drops it for a report written before it)
    ("day_after", r"\b(?:a|one|the)\s+day\s+after\b"),
    ("today", r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b"),
    # "in the last 24 hours", "currently": the article's own day
    (
        "recent_day",
        r"\b(?:in|over|during)\s+the\s+(?:last|past)\s+24\s+hours\b|\bcurrently\b|\bright\s+now\b",
    ),
    # "a day later", "the following day", "the next morning": the day after the time the
    # sentence before names (date_readings); alone, it dates nothing
    (
        "next_day",
        r"\b(?:(?:a|one)\s+day\s+later|the\s+(?:following|next)\s+(?:day|morning|evening|night))\b",
    ),
    # "two days later" (that many days after the time named before it), "a few days later",
    # "days later", "the following days" (some day of the week after it; also in the other
    # languages: "les jours suivants", "in den folgenden Tagen") and a sentence that opens
    # "Later, ..."
    # (that day or one of the days after: "On Tuesday they took Farah. Later they captured
    # Kandahar"). Counted as "a day later" is (COUNTED); alone, they date nothing.
    (
        "days_later",
        rf"\b(?:(?:{_COUNT}|(?:a\s+)?(?:few|couple\s+of)|several|some)\s+)?days\s+later\b"
        r"|\b(?:in\s+|over\s+)?the\s+(?:following|subsequent)\s+days\b"
        r"|\bin\s+the\s+days\s+(?:that\s+followed|after(?:wards)?)\b"
        r"|\b(?:les|dans\s+les|au\s+cours\s+des)\s+jours\s+(?:suivants|qui\s+ont\s+suivi)\b"
        r"|\ben\s+los\s+días\s+(?:siguientes|posteriores)\b|\bnos\s+dias\s+seguintes\b"
        r"|\bnei\s+giorni\s+(?:successivi|seguenti)\b"
        r"|\bin\s+den\s+(?:folgenden|darauffolgenden)\s+tagen\b|\bin\s+de\s+dagen\s+(?:daarna|erna)\b",
    ),
    ("later", r"^later\b(?!\s+(?:in|on|that|this|the|at|during)\b)"),
    # "in the last week", "over the past seven days": the days up to the article, dated as
    # its own week (LABELS.md: vague periods); "last week" alone is the calendar week before
    # "within a week's time": the same days up to the article (LABELS.md, rnAR-005).
    (
        "past_week",
        r"\b(?:in|over|during|within)\s+the\s+(?:last|past)\s+(?:week|seven\s+days)\b"
        r"|\bwithin\s+(?:a|one)\s+week(?:['\u2019]s\s+time)?\b",
    ),
    ("last_week", r"\blast week\b|\bthe (?:previous|past) week\b"),
    # "over the past three days", "in the last few days", "in recent days": the days up to
    # the article, dated as its own week (LABELS.md: vague periods; counting the days back to
    # the week they start in did no better on the labels). Not "for days", "for the past few
    # days": a duration ("under siege for days, it fell on Sunday") dates no event.
    (
        "past_days",
        rf"\b(?:(?:in|over|during|within)\s+(?:just\s+)?(?:the\s+)?(?:{_PAST}\s+(?:{_SOME}\s+)?"
        rf"|{_SOME}\s+{_PAST}\s+)days|in\s+recent\s+days)\b",
    ),
    ("this_week", r"\b(?:earlier )?this week\b"),
    # "last weekend" said on a Saturday or Sunday is the weekend before (LABELS.md: its
    # Saturday, week precision)
    ("last_weekend", r"\blast\s+weekend\b"),
    ("weekend", r"\b(?:over |at |during )?the weekend\b|\bthis weekend\b"),
    ("days_ago", rf"\b{_COUNT}\s+days?\s+(?:ago|earlier)\b"),
    ("weeks_ago", rf"\b{_COUNT}\s+weeks?\s+(?:ago|earlier)\b"),
    ("last_month", r"\blast month\b"),
    # "earlier this month", "three months ago", "earlier this year", "last year": the month
    # or year they name, with that precision (an event of last year is history: rules.toml's
    # "history" modifier reads it so, and its date says when)
    ("this_month", r"\b(?:earlier\s+)?this\s+month\b"),
    ("months_ago", rf"\b{_COUNT}\s+months?\s+(?:ago|earlier)\b"),
    ("this_year", r"\b(?:earlier\s+)?this\s+year\b"),
    ("last_year", r"\blast\s+year\b"),
    (
        "month",
        rf"\b(?:in|during|early|late|mid-?|by|from)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}(?!\.?\s*\d{{1,2}}\b)"
        rf"(?:\s+(?P<year>(?:19|20)\d\d))?\b",
    ),
    ("year", r"\b(?:in|during|of|by)\s+(?P<year>(?:19|20)\d\d)\b"),
]
# The same kinds of expression in the other languages of _OTHER_WEEKDAYS (their weekdays
# and months are in _WEEKDAY and _MONTH already): kind -> its words, tried after the
# English ones. "la veille" and "la víspera" are the day before the article only when
# nothing follows ("la veille de l'élection" is another event's eve).
_OTHER_EXPRESSIONS = {
    "yesterday": r"\b(?:gestern|ayer|anoche|ontem|ieri|gisteren|kemarin|dün|hier\s+(?:soir|matin)"
    r"|letzte\s+nacht|vannacht|la\s+nuit\s+dernière|(?:la\s+veille|la\s+v[ií]spera)"
    r"(?!\s+(?:de|del|du|des|d['\u2019])\b))\b",
    "today": r"\b(?:heute|aujourd['\u2019]hui|hoy|hoje|oggi|vandaag|bugün|ce\s+matin"
    r"|esta\s+mañana|esta\s+manhã|stamattina|vanochtend)\b",
    "last_week": r"\b(?:(?:letzte|vergangene|vorige)n?\s+woche|la\s+semaine\s+(?:dernière|passée)"
    r"|la\s+semana\s+pasada|(?:a|na)\s+semana\s+passada|la\s+settimana\s+scorsa"
    r"|(?:vorige|afgelopen)\s+week|geçen\s+hafta|(?:pekan|minggu)\s+lalu)\b",
    "past_days": r"\b(?:in\s+den\s+(?:letzten|vergangenen)\s+tagen|ces\s+derniers\s+jours"
    r"|(?:en\s+)?los\s+últimos\s+días|n?os\s+últimos\s+dias|negli\s+ultimi\s+giorni"
    r"|de\s+afgelopen\s+dagen|son\s+günlerde)\b",
    "this_week": r"\b(?:diese\s+woche|cette\s+semaine|esta\s+semana|questa\s+settimana"
    r"|deze\s+week|bu\s+hafta|(?:awal\s+)?pekan\s+ini)\b",
    "weekend": r"\b(?:am\s+wochenende|(?:ce|le)\s+week-end|el\s+fin\s+de\s+semana"
    r"|(?:o|no|neste)\s+fim\s+de\s+semana|(?:il|nel|questo)\s+fine\s+settimana"
    r"|(?:het|dit)\s+weekend)\b",
    "last_month": r"\b(?:(?:im\s+)?(?:letzten|vergangenen)\s+monat|le\s+mois\s+dernier"
    r"|el\s+mes\s+pasado|(?:o|no)\s+mês\s+passado|il\s+mese\s+scorso|lo\s+scorso\s+mese"
    r"|vorige\s+maand|geçen\s+ay|bulan\s+lalu)\b",
}
# Kinds of the other languages alone: the day before yesterday; a month or a year after the
# prepositions of those languages (full month names only: "en mar" is "at sea").
_OTHER_KINDS = [
    (
        "two_days_ago",
        r"\b(?:vorgestern|anteayer|antier|anteontem|avant-hier|l['\u2019]altro\s+ieri"
        r"|eergisteren)\b",
    ),
    (
        "month_other",
        r"\b(?:im|en|em|nel)\s+(?:(?:début|fin|anfang|ende|mitte)\s+)?"
        rf"(?P<month>{_alternatives([*_MONTH_NUMBER, *_FULL_MONTHS])})(?!\.?\s*\d{{1,2}}\b)"
        r"(?:\s+(?:de\s+)?(?P<year>(?:19|20)\d\d))?\b",
    ),
    (
        "year_other",
        r"\b(?:im(?:\s+jahre?)?|en(?:\s+el\s+año)?|em|nel|no\s+ano\s+de|in\s+het\s+jaar"
        r"|im\s+(?:frühjahr|frühling|sommer|herbst|winter)"
        r"|(?:au|en)\s+(?:printemps|été|automne|hiver)(?:\s+de)?)\s+(?P<year>(?:19|20)\d\d)\b",
    ),
]
_PATTERNS = [
    (name, f"{pat}|{_OTHER_EXPRESSIONS[name]}" if name in _OTHER_EXPRESSIONS else pat)
    for name, pat in _PATTERNS
] + _OTHER_KINDS
_REGEX = re.compile(
    "|".join(f"(?P<{name}>{pat.replace('(?P<', f'(?P<{name}_')})" for name, pat in _PATTERNS), re.I
)
# The table as find_spans runs it: over prefilter.fold_case's text (lower case, the same
# length), without IGNORECASE, which finds the same spans in about half the time. Exact
# because no pattern holds a capital letter (tests/test_event_dates.py checks both).
_FOLDED_REGEX = re.compile(_REGEX.pattern)


# Between a report and a time expression, these open another period's clause ("the first
# capital to fall since they stepped up attacks in early May"): the expression is not the
# report's.
_OTHER_PERIOD = re.compile(r"\b(?:since|until|till)\b", re.I)
# Between a report and a time expression after it, this opens a person's own act ("blamed
# the fall of Aybak on a local strongman who sided with the Taliban on Aug. 8"). Not before
# it: in "late on Saturday ... the Taliban who are now approaching Kabul" the report is in
# the clause.
_PERSON_CLAUSE = re.compile(r"\bwho\b", re.I)
# Right before a time expression after a report, a word that opens the next clause ("had
# captured Nimroz and on Saturday they took Sheberghan"): the expression is that clause's.
_NEXT_CLAUSE = re.compile(
    r"(?:\b(?:and|but|while|then)|[;\u2014])\s*(?:,\s*)?(?:(?:on|late|early|later|by)\s+)*\Z", re.I
)


@dataclass(frozen=True, slots=True)
class EventDate:
    date: str  # ISO day the period starts; "" when nothing is known
    precision: DatePrecision | None
    said: str = ""  # the words that gave it ("" when the seed's date)
    kind: str = ""  # which of _PATTERNS gave it

    def before(self, seed_date: str) -> bool:
        """Is this a period that ended before the seed's year began (history, not news)?"""
        return bool(
            self.date and seed_date and self.precision == "year" and self.date[:4] < seed_date[:4]
        )


def _parse_seed_date(seed_date: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(seed_date[:10]) if seed_date else None
    except ValueError:
        return None


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return _MONTH_NUMBER.get(word) or _MONTHS[word[:3]]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _in_year_before(month: int, day: int, seed: dt.date | None, year: str | None) -> dt.date | None:
    """A day of a month: in the given year, else in the seed's (a later day is then future,
    and dates nothing; "Dec 30" in a January article is lost, never misdated)."""
    if year:
        base = int(year)
    elif seed:
        base = seed.year
    else:
        return None
    try:
        return dt.date(base, month, day)
    except ValueError:
        return None


def _resolve_one(
    kind: str, groups: dict[str, str], seed: dt.date | None
) -> tuple[dt.date | None, DatePrecision | None]:
    """The start of the period one expression names, and its precision."""
    g = {k[len(kind) + 1 :]: v for k, v in groups.items() if k.startswith(kind + "_")}
    if kind == "since":
        return None, None
    if kind in ("named_md", "named_dm"):
        return _absolute("month_day", g, seed)
    if kind == "numeric":
        return _numeric(g, seed), "day"
    kind = {"month_other": "month", "year_other": "year"}.get(kind, kind)
    if kind in ("month_day", "day_month", "range_md", "range_dm", "range_dash", "year", "month"):
        return _absolute(kind, g, seed)
    if seed is None:
        return None, None
    return _relative(kind, g, seed)


def _numeric(g: dict[str, str], seed: dt.date | None) -> dt.date | None:
    """A date in figures: day first where the first number cannot be a month, month first
    where the second cannot; where both can, the reading on or before the seed's date and
    nearest to it (day first without a seed, as most of the theatre's copy writes it)."""
    a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    if seed is not None:
        before = [d for d in readings if d <= seed]
        return max(before) if before else None
    return readings[0]


def _absolute(
    kind: str, g: dict[str, str], seed: dt.date | None
) -> tuple[dt.date | None, DatePrecision | None]:
    """A named day, month or year (the seed's year when none is written)."""
    if kind == "year":
        return dt.date(int(g["year"]), 1, 1), "year"
    month = _month_number(g["month"])
    if kind != "month":
        day = _in_year_before(month, int(g["day"]), seed, g.get("year"))
        return day, "week" if kind.startswith("range") else "day"
    if g.get("year"):
        return dt.date(int(g["year"]), month, 1), "month"
    if seed is None:
        return None, None
    return dt.date(seed.year if month <= seed.month else seed.year - 1, month, 1), "month"


def _relative(
    kind: str, g: dict[str, str], seed: dt.date
) -> tuple[dt.date | None, DatePrecision | None]:
    """A period counted back from the seed's date."""
    days = {"yesterday": 1, "today": 0, "day_after": 1, "recent_day": 0, "two_days_ago": 2}
    if kind in days:
        return seed - dt.timedelta(days=days[kind]), "day"
    if kind == "weekday":
        back = (seed.weekday() - _WEEKDAY_NUMBER[g["weekday"].lower()]) % 7
        return seed - dt.timedelta(days=back), "day"
    if kind == "days_ago":
        return seed - dt.timedelta(days=_count(g["n"])), "day"
    if kind in ("weekend", "last_weekend"):  # the latest Saturday on or before the seed
        back = (seed.weekday() - 5) % 7
        if kind == "last_weekend" and seed.weekday() >= 5:
            back += 7  # said on the weekend itself: the one before
        return seed - dt.timedelta(days=back), "week"
    monday = seed - dt.timedelta(days=seed.weekday())
    weeks = {"this_week": 0, "past_week": 0, "past_days": 0, "last_week": 1}
    if kind in weeks or kind == "weeks_ago":
        back = weeks[kind] if kind in weeks else _count(g["n"])
        return monday - dt.timedelta(days=7 * back), "week"
    if kind in ("last_month", "this_month", "months_ago"):
        back = _count(g["n"]) if kind == "months_ago" else int(kind == "last_month")
        months = seed.year * 12 + seed.month - 1 - back
        return dt.date(months // 12, months % 12 + 1, 1), "month"
    if kind in ("this_year", "last_year"):
        return dt.date(seed.year - (kind == "last_year"), 1, 1), "year"
    return None, None


def period_end(start: str, precision: str) -> str:
    """The last day (ISO) of the period that starts on `start` with this precision: the
    day itself, the week's seventh day, the month's or the year's last day."""
    day = dt.date.fromisoformat(start[:10])
    if precision == "week":
        return (day + dt.timedelta(days=6)).isoformat()
    if precision == "month":
        following = day.replace(day=28) + dt.timedelta(days=4)
        return (following - dt.timedelta(days=following.day)).isoformat()
    if precision == "year":
        return day.replace(month=12, day=31).isoformat()
    return start


# Every expression of _PATTERNS holds one of these (a digit, a month, also run on to
# "mid", "early", "late" or "last" as careless copy has it, "day" of a weekday,
# "yesterday" or "the following day", "night", "week", "month", "year", "right now" ...):
# a text with none of them names no time, found with one quick scan instead of the whole
# table.
# Scanned in the text as prefilter.fold_case gives it (lower case, same length), without
# IGNORECASE: the same places, in about 60% of the time.
# The other languages' words (_OTHER_WEEKDAYS, _OTHER_MONTHS, _OTHER_EXPRESSIONS,
# _OTHER_KINDS): every such expression holds one of these at the start of a word or run on
# to "mid", "early", "late" or "last" as the English months are (not always at a word's
# end: "since Montag" matches in "Montagsince" too).
_OTHER_HINTS = (
    "gestern ayer anoche ontem ieri gisteren kemarin dün hier nacht vannacht nuit veille "
    "víspera vispera heute aujourd hoy hoje oggi vandaag bugün matin mañana manhã stamattina "
    "vanochtend woche wochenende semaine semana settimana week week-end hafta pekan minggu "
    "tagen jours días dias giorni dagen günlerde fin fine monat mois mes mês mese maand ay "
    "bulan vorgestern anteayer antier anteontem avant-hier altro eergisteren jahr jahre año "
    "ano jaar frühjahr frühling sommer herbst winter printemps été automne hiver"
).split()
_MAYBE_TIME = re.compile(
    r"\d|(?:\b|(?<=mid)|(?<=early)|(?<=late)|(?<=last))(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|day|night|morning|afternoon"
    r"|evening|week|month|year|right\s+now|currently|later"
    r"|(?:\b|(?<=mid)|(?<=early)|(?<=late)|(?<=last))(?:"
    + _alternatives([*_OTHER_HINTS, *_WEEKDAY_NUMBER, *_MONTH_NUMBER])
    + r")"
)


# Every expression starts at a word and holds a _MAYBE_TIME word at most this many
# characters after its start ("ever since early May", "over the past seven days"), as long
# as no gap between its words is wider than five spaces; a text with a wider gap
# (_WIDE_GAP) is scanned whole.
_LEAD = 64
_WIDE_GAP = re.compile(r"\s{6,}")
_WORD_START = re.compile(r"\b\w")


def find_spans(text: str) -> list[tuple[int, int]]:
    """Where the time expressions of a text are: what does not depend on the seed's date,
    so the extraction cache can keep it and dates are resolved when the seed's date is known.

    The same spans as _REGEX.finditer over the text, found by trying the table only at the
    words shortly before each _MAYBE_TIME word. Why: the table's thirty alternatives tried
    at every word of every sentence were a seventh of a seed's extraction.
    """
    folded = fold_case(text)
    hints = [m.start() for m in _MAYBE_TIME.finditer(folded)]
    if not hints:
        return []
    if _WIDE_GAP.search(folded):
        return [m.span() for m in _FOLDED_REGEX.finditer(folded)]
    spans: list[tuple[int, int]] = []
    pos = tried = 0  # matches end at pos; no expression starts in the windows before tried
    for hint in hints:
        while pos <= hint:
            found = _first_match(folded, max(pos, tried, hint - _LEAD), hint + 1)
            if found is None:
                tried = hint + 1
                break
            spans.append(found)
            pos = found[1]
    return spans


def _first_match(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The first expression that starts at a word in folded[start:end] (fold_case's text)."""
    for word in _WORD_START.finditer(folded, start, end):
        if m := _FOLDED_REGEX.match(folded, word.start()):
            return m.span()
    return None


def resolve(text: str, anchor: int, seed_date: str) -> EventDate:
    """The event date for a report whose verb is at `anchor` in `text` (one sentence or
    clause): the time expression nearest the anchor, resolved against the seed's date."""
    return resolve_spans(text, find_spans(text), anchor, anchor, seed_date)


def resolve_spans(
    text: str, spans: list[tuple[int, int]], start: int, end: int, seed_date: str
) -> EventDate:
    """resolve() with the expressions already found (find_spans), for the report at
    text[start:end]: the expression nearest it that is not after the article."""
    best: tuple[int, EventDate] | None = None
    for s, e in spans:
        got = _expression(text[s:e], seed_date[:10]) or _counted_on(text, spans, s, e, seed_date)
        if got is None or _OTHER_PERIOD.search(text, min(e, start), max(s, end)):
            continue
        if s >= end and (
            _PERSON_CLAUSE.search(text, end, s) or _NEXT_CLAUSE.search(text[max(end, s - 20) : s])
        ):
            continue
        if s >= end and got.kind == "day_after":
            continue  # "X fell a day after ...": the day after dates what follows it
        distance = s - end if s >= end else max(0, start - e)
        if best is None or distance < best[0]:
            best = (distance, got)
    if best:
        return best[1]
    seed = _parse_seed_date(seed_date)
    return EventDate(seed.isoformat(), "day") if seed else EventDate("", None)


def _counted_on(
    text: str, spans: list[tuple[int, int]], s: int, e: int, seed_date: str
) -> EventDate | None:
    """ "A day later", "two days later", "the next day" at text[s:e]: counted from the day
    the nearest expression before it in the same text names ("On Friday they seized
    Zaranj and a day later Sheberghan": Saturday); None for any other expression, or with
    no day before."""
    said = text[s:e]
    kind = _kind(said)
    if kind not in COUNTED:
        return None
    for s2, e2 in reversed([span for span in spans if span[1] <= s]):
        earlier = _expression(text[s2:e2], seed_date[:10])
        if earlier is not None:
            if earlier.precision != "day":
                return None
            day, precision = counted_from(said, earlier.date, seed_date)
            return EventDate(day[:10], precision, said, kind)
    return None


# The expressions that count from a day named before them (_counted_on, date_readings).
COUNTED = frozenset({"next_day", "days_later", "later"})


def counted_from(said: str, day: str, seed_date: str) -> tuple[str, DatePrecision]:
    """The period a counting expression (COUNTED) names after `day`: "a day later" the day
    after, "two days later" the second day after, "a few days later" a week from the day
    after, "Later, ..." a week from the day itself; never after the article (a count that
    runs past it ends on the article's day).

    Why a week for the vague ones: the event is after the day named before it, by how much
    the copy does not say; dated that day, as before, a roundup's "Later they captured
    Kandahar and Herat" after "On Tuesday ..." showed both taken days before they fell."""
    m = _REGEX.match(said)
    kind = m.lastgroup if m else None
    if kind == "next_day":
        return _next_day(day, seed_date), "day"
    n = m.group("days_later_n") if m and kind == "days_later" else None
    if n:
        return _days_after(day, _count(n), seed_date), "day"
    return _days_after(day, int(kind == "days_later"), seed_date)[:10], "week"


@lru_cache(maxsize=4096)
def _expression(said: str, seed_day: str) -> EventDate | None:
    """One time expression (as find_spans found it) resolved against the seed's day; None
    for a date after the article. Cached: a corpus repeats a few expressions and dates."""
    seed = _parse_seed_date(seed_day)
    m = _REGEX.match(said)
    kind = m.lastgroup if m else None
    if m is None or kind is None:
        return None
    groups: dict[str, str] = {k: v for k, v in m.groupdict().items() if v is not None}
    day, precision = _resolve_one(kind, groups, seed)
    if day is None or (seed and day > seed + dt.timedelta(days=1)):
        return None  # a future date ("will meet on Friday") dates no reported event
    return EventDate(day.isoformat(), precision, m.group(), kind)


def event_date(
    text: str, spans: list[tuple[int, int]], start: int, end: int, seed_date: str
) -> tuple[str, str]:
    """(event_date, date_precision) of a report at text[start:end] in a seed of `seed_date`.

    Why the seed's whole date when the text names its own day (or nothing): a seed dated
    with a time of day keeps it, so two reports of one day stay in their order.
    """
    if not spans:
        return seed_date, "day" if seed_date else ""
    got = resolve_spans(text, spans, start, end, seed_date)
    if got.date and got.date == seed_date[:10]:
        return seed_date, "day"
    return got.date, got.precision or ""


def sentence_spans(readings: list[Reading]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """The time expressions of each evidence sentence of these readings, by its span."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r in readings:
        span = (r.evidence_start, r.evidence_end)
        if span not in out:
            out[span] = find_spans(r.evidence)
    return out


def date_readings(
    readings: list[Reading],
    seed_date: str,
    spans: dict[tuple[int, int], list[tuple[int, int]]] | None = None,
) -> None:
    """Set each reading's event_date and date_precision from its sentence (spans as
    sentence_spans gives them, found here when None), else from the time the sentence
    right before it names (carried_times; a day after it for "the following day"), else
    the seed's date."""
    if spans is None:
        spans = sentence_spans(readings)
    carried = carried_times(readings, spans)
    for r in readings:
        key = (r.evidence_start, r.evidence_end)
        found = spans.get(key)
        if key in carried and not _NAMED_EVENT.match(r.rule):
            text, times = carried[key]
            day, precision = event_date(text, times, len(text), len(text), seed_date)
            if precision != "day":  # a broad period ("in May") sets no scene for the next
                day, precision = seed_date, "day" if seed_date else ""
            elif found:  # only counts from it: "the following day", "days later" ...
                s, e = found[0]
                day, precision = counted_from(r.evidence[s:e], day, seed_date)
            r.event_date, r.date_precision = day, precision
        elif found:
            at = r.mention.start - r.evidence_start
            r.event_date, r.date_precision = event_date(
                r.evidence, found, at, r.mention.end - r.evidence_start, seed_date
            )
        else:
            r.event_date, r.date_precision = seed_date, "day" if seed_date else ""


# A reading whose trigger names an event as a thing ("the capture of Farah also gives them a
# crossing"): no narrative goes on into it, so the sentence before dates it no more than
# it dates the rest of the article.
_NAMED_EVENT = re.compile(
    r"[^:;]*: \u201c(?:the\s+)?(?:fall|capture|seizure|loss|collapse)\s+of\u201d", re.I
)


def _next_day(day: str, seed_date: str) -> str:
    """The day after `day`, unless that is after the article (then `day` itself)."""
    after = (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=1)).isoformat()
    if after > seed_date[:10]:
        return day
    return seed_date if after == seed_date[:10] else after


def _days_after(day: str, n: int, seed_date: str) -> str:
    """The nth day after `day`, or the article's day (its whole date) if that is sooner."""
    after = (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=n)).isoformat()
    if seed_date and after >= seed_date[:10]:
        return seed_date
    return after if n else day


def _own_times(text: str, times: list[tuple[int, int]] | None) -> bool:
    """Does the sentence name a time of its own (not only "the following day", "later")?"""
    return any(_kind(text[s:e]) not in COUNTED for s, e in times or ())


def _kind(said: str) -> str | None:
    m = _REGEX.match(said)
    return m.lastgroup if m else None


def carried_times(
    readings: list[Reading], spans: dict[tuple[int, int], list[tuple[int, int]]]
) -> dict[tuple[int, int], tuple[str, list[tuple[int, int]]]]:
    """Evidence sentence span -> (text, time expressions) of the evidence sentence right
    before it, for a sentence that names no time of its own while that one does.

    Why: copy sets the time once and goes on without it ("On Sunday they took three more
    capitals. They captured Taloqan after a siege."), or counts from it ("A day later,
    they took Sheberghan"); the time nearest the end of the sentence before is the one the
    next one continues. Only sentences of these readings are known, so the two must both
    hold a place, with at most a paragraph break between them.
    """
    texts = {(r.evidence_start, r.evidence_end): r.evidence for r in readings}
    order = sorted(texts)
    out = {}
    for before, after in pairwise(order):
        if (
            0 <= after[0] - before[1] <= 2
            and _own_times(texts[before], spans.get(before))
            and not _own_times(texts[after], spans.get(after))
            and not _dates_a_named_event(texts[before], spans[before])
        ):
            out[after] = (texts[before], spans[before])
    return out


# A named event right before a time expression: "the fall of Kabul on 15 August", "la toma
# de Kabul el 15 de agosto", "la caduta di Kabul lo scorso 15 agosto".
_EVENT_BEFORE = re.compile(
    r"\b(?:fall|capture|seizure|takeover|loss|collapse|toma|ca[ií]da|caduta|chute|prise|queda"
    r"|tomada|conquista|einnahme|eroberung|val|inname)\s+(?:of|de|di|del|della|du|des|von|der"
    r"|van)\s+(?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+,?\s+(?:(?:on|in|el|lo\s+scorso|le|am|op|em"
    r"|no|il)\s+)?\Z",
    re.I,
)


def _dates_a_named_event(text: str, times: list[tuple[int, int]]) -> bool:
    """Does the sentence's last time expression date an event it names as a thing ("...,
    culminating in the capture of Kabul on 15 August.")? Then the next sentence does not
    go on in that time: it dates that event, not the scene (copy of September telling of
    Panjshir after recalling Kabul's fall was dated 15 August)."""
    s, _ = max(times, key=lambda span: span[1])
    return _EVENT_BEFORE.search(text, max(0, s - 80), s) is not None


def dated_sentences(
    readings: list[Reading], spans: dict[tuple[int, int], list[tuple[int, int]]]
) -> set[tuple[int, int]]:
    """The evidence sentences whose readings the text dates (their own time expressions or
    the sentence before's): the rows whose date columns follow the reading, not the seed."""
    return {span for span, found in spans.items() if found} | set(carried_times(readings, spans))
