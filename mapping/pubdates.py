"""Publication dates of seeds: the date forms people write in metadata, and datelines.

Metadata dates arrive as written by people and by websites: ISO (2021-08-11), "11 August
2021", "Aug 11, 2021", RFC 2822 ("Wed, 11 Aug 2021 09:30:00 +0430"). Each is turned into the
ISO form the rest of the package uses. A date that cannot be read for sure is refused
with the reason: "03/04/2021" is 3 April in Kabul and March 4 in New York, so neither is
guessed; "August 2021" has no day.

Why dateutil for the free forms: it already comes with pandas, and it reads month names,
abbreviations, ordinals, weekdays and UTC offsets in any order, which a table of our own
formats would keep missing. It fills what a text leaves out from a default date, so each
text is parsed under two different defaults: a part that changes with the default was
not written, and the date is refused as incomplete instead of dated at random.

An undated article often says its date in its dateline ("KANDAHAR, Aug 13 (Reuters) -");
`dateline_date` reads it, with the year from the text when the text gives one.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

MAX_DATE_CHARS = 80  # longer values are no date; never handed to a parser
_NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WORD = r"[A-Z][A-Za-z'’.\-]{1,30}"  # a capitalised word of a place name
# "KABUL, Aug 13 (Reuters) -", "MAZAR-I-SHARIF, Afghanistan, 13 August -": a place in
# capitals, an optional country, a day and month, an optional year and agency, a dash.
_DATELINE = re.compile(
    rf"^[ \t]*{_WORD}(?:[ \t]+{_WORD}){{0,3}}(?:,[ \t]*{_WORD}(?:[ \t]+{_WORD}){{0,2}})?,[ \t]+"
    rf"(?:(?P<m1>{_MONTH})[ \t]+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})[ \t]+(?P<m2>{_MONTH}))"
    rf"(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?[ \t]*(?:\([^()\n]{{1,40}}\))?[ \t]*[-–—:]",
    re.M,
)
# A year written with a month in the text: "in August 2021", "on 13 August 2021".
_MONTH_YEAR = re.compile(
    rf"\b{_MONTH}(?:[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?)?[ \t]+((?:19|20)\d\d)\b", re.I
)
_DATELINE_LINES = 6  # a dateline is at the top: the first lines only (a page's headline first)


def parse_date(value: str) -> str:
    """The ISO form of a metadata date ("" for an empty one); ValueError with the reason
    for a text that is no date, an incomplete one, or one whose day and month could be
    either way round."""
    value = " ".join(value.split())
    if not value:
        return ""
    if len(value) > MAX_DATE_CHARS:
        raise ValueError(f"too long to be a date ({len(value)} characters)")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        return _iso(parsed, has_time=len(value) > 10)
    numeric = _NUMERIC.fullmatch(value)
    if numeric:
        a, b, c = (int(g) for g in numeric.groups())
        return _numeric_date(a, b, c, value)
    try:  # RFC 2822, as e-mail and RSS feeds write it
        return _iso(parsedate_to_datetime(value), has_time=True)
    except (TypeError, ValueError, IndexError):
        pass
    return _free_form(value)


def _iso(when: dt.datetime, has_time: bool) -> str:
    """A date, or a date-time to the minute with its UTC offset when it has one."""
    if not 1900 <= when.year <= 2100:
        raise ValueError(f"year {when.year} is out of range")
    return when.isoformat(timespec="minutes") if has_time else when.date().isoformat()


def _numeric_date(a: int, b: int, c: int, value: str) -> str:
    """2021/08/11 is year first; 11/08/2021 is refused unless the day must be the one
    over 12 (13/08/2021) or both are the same (08/08/2021)."""
    if a >= 1000:
        year, month, day = a, b, c
    elif c >= 1000:
        if a <= 12 and b <= 12 and a != b:
            raise ValueError(
                f"{value!r} is ambiguous: day {a} of month {b}, or month {a} day {b}? "
                f"write {c}-{b:02d}-{a:02d} or {a} {_month_name(b)} {c}"
            )
        day, month, year = (a, b, c) if a > 12 else (b, a, c)
    else:
        raise ValueError(f"{value!r}: write the year in full (four digits)")
    try:
        return _iso(dt.datetime(year, month, day), has_time=False)
    except ValueError as exc:
        raise ValueError(f"{value!r} is no calendar date ({exc})") from None


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)


def _free_form(value: str) -> str:
    """ "11 August 2021", "Aug 11, 2021 10:00 +0430": read by dateutil under two defaults."""
    from dateutil import parser

    one = dt.datetime(2001, 1, 1, 0, 0)
    two = dt.datetime(2002, 2, 2, 23, 59)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown time zone names: kept without offset
            a = parser.parse(value, default=one)
            b = parser.parse(value, default=two)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(
            f"{value!r} is not a date we can read ({_reason(exc)}); write YYYY-MM-DD "
            "or, for example, 11 August 2021"
        ) from None
    missing = [
        name
        for name, x, y in (
            ("year", a.year, b.year),
            ("month", a.month, b.month),
            ("day", a.day, b.day),
        )
        if x != y
    ]
    if missing:
        raise ValueError(f"{value!r} has no {' or '.join(missing)}; write the whole date")
    return _iso(a, has_time=(a.hour, a.minute) == (b.hour, b.minute))


def _reason(exc: Exception) -> str:
    text = str(exc).split(":")[0].strip()
    return text[:60] or type(exc).__name__


@dataclass(frozen=True)
class DatelineDate:
    """A date read from an article's dateline: ISO date, the dateline's words, and how
    its year was found (None: not in the text, so `date` carries a guessed year)."""

    date: str
    words: str
    year_from: str | None


def dateline_date(body: str, guess_year: int) -> DatelineDate | None:
    """The date of the dateline among the first lines of `body`, or None. Without a year
    in the dateline, the year written most often with a month in the text is taken (the
    latest on a tie); without any, `guess_year`, and year_from is None."""
    head = "\n".join(body.lstrip().splitlines()[:_DATELINE_LINES])
    m = _DATELINE.search(head)
    if not m:
        return None
    month = _MONTHS.index((m["m1"] or m["m2"])[:3].lower()) + 1
    day = int(m["d1"] or m["d2"])
    year_from: str | None
    if m["year"]:
        year, year_from = int(m["year"]), "the dateline"
    else:
        years = [int(y) for y in _MONTH_YEAR.findall(body[:20000])]
        if years:
            year = max(set(years), key=lambda y: (years.count(y), y))
            year_from = "the text"
        else:
            year, year_from = guess_year, None
    try:
        date = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return DatelineDate(date, " ".join(m.group().split()).rstrip("-–—: "), year_from)
