"""`territory-map eval`: measure the extraction on labelled passages, against a baseline.

Input: JSONL, one passage per line: {"id", "text", "places": [{"surface", "kind",
"province", "status"}], "provinces": {ISO: {"status", "violence"}}, "foreign": [...]}.

Figures (micro-averaged over passages):
* province precision / recall / F1: the set of provinces a passage names (any status);
* status accuracy: among provinces found, the share whose rolled-up status is the gold one;
* city recall: gold towns, districts and sub-city places found with the right province;
* side accuracy: the same, for the side a status puts a province on (Taliban, contested,
  government, none: Status.side);
* a confusion matrix of rolled-up province statuses (gold rows, ours columns), and status
  accuracy per phenomenon tag, to see which shapes of copy fail;
* foreign false positives: mentions put on the map whose text is a gold foreign name;
* passages per second.
With --capitals FILE (capital,province,fell_on), the passages published in the year(s) of
those falls are also read as one dated corpus: every reading is dated as the timeline dates
it (its event date, from the text and the passage's `published` day); for every capital, the
first date in those year(s) the tool reports it captured is compared with the known date,
and provinces shown captured before their capital fell are listed.
* event dates: gold places with an event date, against our reading of the same place.
The baseline is the PyPI geoparser `geotext`, its names looked up in our gazetteer to
give provinces (it has no statuses), run on the same passages.
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .algebra import known_by
from .dates import date_readings
from .gazetteer import Gazetteer, load_gazetteer
from .history import roll_up
from .learned import relearned
from .model import Mention, Reading, Status
from .names import normalize
from .pipeline import extract_text
from .rules import Rules, load_rules

TOWN_KINDS = ("city", "district", "other")


@dataclass
class Scores:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    status_right: int = 0
    status_total: int = 0
    towns_found: int = 0
    towns_total: int = 0
    foreign_fp: int = 0
    side_right: int = 0
    dates_right: int = 0  # gold event dates (day and precision) our reading of the place gives
    dates_total: int = 0
    seconds: float = 0.0
    passages: int = 0
    pairs: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # gold, ours, tags

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float | None:
        return self.status_right / self.status_total if self.status_total else None

    @property
    def side_accuracy(self) -> float | None:
        return self.side_right / self.status_total if self.status_total else None

    @property
    def town_recall(self) -> float:
        return self.towns_found / self.towns_total if self.towns_total else 1.0

    @property
    def rate(self) -> float:
        return self.passages / self.seconds if self.seconds else float("inf")


def load_passages(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
        for key in ("text", "places", "provinces"):
            if key not in item:
                raise ValueError(f"{path}:{n}: missing field {key!r}")
        out.append(item)
    return out


def _same_name(a: str, b: str) -> bool:
    """Do two surfaces name the same thing? Containment, so "Bagram" finds "Bagram air base"."""
    na, nb = normalize(a), normalize(b)
    return bool(na) and bool(nb) and (na in nb or nb in na)


def _names_gold(mention: Mention, surface: str) -> bool:
    """Does this mention name the gold place: its own words, or for a coreference ("the
    district fell on Tuesday") the words it refers back to? The labels put a place's event
    date on the sentence that dates it, whatever words that sentence calls it by."""
    return _same_name(mention.surface, surface) or bool(
        mention.antecedent and _same_name(mention.antecedent, surface)
    )


def _foreign_spans(text: str, foreign: list[str]) -> list[tuple[int, int]]:
    spans = []
    for name in foreign:
        i = text.find(name)
        while i >= 0:
            spans.append((i, i + len(name)))
            i = text.find(name, i + 1)
    return spans


def read_passage(
    passage: dict, gaz: Gazetteer, rules: Rules | None = None, learned: bool = True
) -> list[Reading]:
    """A labelled passage's readings as a build gives a seed's: dated by its publication day
    when it has one (events combine in their order), then, unless `learned` is False, the
    learned reading of province statuses (mapping/learned.py), as extract_seed does."""
    readings, _ = extract_text(passage["text"], gaz, rules=rules, learned=False)
    if passage.get("published"):
        day = passage["published"][:10]
        date_readings(readings, day)
        for r in readings:
            r.date = day  # the seed's date, as a build gives it
    return relearned(readings) if learned else readings


def score_tool(
    passages: list[dict], gaz: Gazetteer, rules: Rules | None = None, learned: bool = True
) -> tuple[Scores, list[dict]]:
    """Our extraction on every passage; also returns per-passage details for debugging."""
    s = Scores("territory-map")
    details = []
    t0 = time.perf_counter()
    runs = [read_passage(p, gaz, rules, learned) for p in passages]
    s.seconds = time.perf_counter() - t0
    s.passages = len(passages)
    for p, readings in zip(passages, runs):
        provinces = {
            pid: ps for pid, ps in roll_up(gaz, readings).items() if ps.status != Status.NO_REPORT
        }
        gold = p["provinces"]
        found = set(provinces) & set(gold)
        s.tp += len(found)
        s.fp += len(set(provinces) - set(gold))
        s.fn += len(set(gold) - set(provinces))
        wrong = {}
        for pid in sorted(found):
            ours, right = provinces[pid].status, gold[pid]["status"]
            s.status_total += 1
            s.side_right += ours.side == Status(right).side
            s.pairs.append((right, ours, tuple(p.get("phenomena", []))))
            if ours == right:
                s.status_right += 1
            else:
                wrong[pid] = (str(ours), right)
        missed = []
        for place in p["places"]:
            if place["kind"] not in TOWN_KINDS:
                continue
            s.towns_total += 1
            if any(
                r.mention.province == place["province"]
                and r.mention.match != "coreference"
                and _same_name(r.mention.surface, place["surface"])
                for r in readings
            ):
                s.towns_found += 1
            else:
                missed.append(place["surface"])
        _score_dates(s, p, readings)
        foreign = _foreign_spans(p["text"], p.get("foreign", []))
        bad = [
            r.mention.surface
            for r in readings
            if any(a < r.mention.end and r.mention.start < b for a, b in foreign)
        ]
        s.foreign_fp += len(bad)
        details.append(
            {
                "id": p.get("id"),
                "text": p["text"],
                "extra": sorted(set(provinces) - set(gold)),
                "missing": sorted(set(gold) - set(provinces)),
                "wrong_status": wrong,
                "missed_towns": missed,
                "foreign_fp": bad,
                "readings": readings,  # kept for capital_falls: nothing is extracted twice
                "provinces": provinces,
            }
        )
    return s, details


def _score_dates(s: Scores, passage: dict, readings: list[Reading]) -> None:
    """Event dates: each gold place with an event date and a report, against our reading of
    the same place in the same sentence (else its first report); readings dated by
    score_tool from `published`."""
    if not passage.get("published"):
        return
    for g in (g for g in passage["places"] if g.get("event_date") and g.get("evidence")):
        ours = [
            r
            for r in readings
            if r.mention.province == g["province"]
            and _names_gold(r.mention, g["surface"])
            and r.status.is_report
        ]
        if not ours:
            continue
        start = g["evidence"][0]
        same = [r for r in ours if r.evidence_start <= start + 5 < r.evidence_end]
        r = (same or ours)[0]
        s.dates_total += 1
        s.dates_right += (r.event_date[:10], r.date_precision) == (
            g["event_date"],
            g["date_precision"],
        )


def score_geotext(passages: list[dict], gaz: Gazetteer) -> Scores:
    """The baseline: geotext's city names, looked up in our gazetteer to get provinces."""
    from geotext import GeoText

    s = Scores("geotext (baseline)")
    t0 = time.perf_counter()
    runs = [GeoText(p["text"]).cities for p in passages]
    s.seconds = time.perf_counter() - t0
    s.passages = len(passages)
    for p, cities in zip(passages, runs):
        provinces = set()
        for c in cities:
            for place in gaz.exact.get(normalize(c), [])[:1]:
                provinces.add(place.province)
        gold = p["provinces"]
        s.tp += len(provinces & set(gold))
        s.fp += len(provinces - set(gold))
        s.fn += len(set(gold) - provinces)
        for place in p["places"]:
            if place["kind"] in TOWN_KINDS:
                s.towns_total += 1
                s.towns_found += any(_same_name(c, place["surface"]) for c in cities)
        foreign = {normalize(f) for f in p.get("foreign", [])}
        s.foreign_fp += sum(
            1 for c in cities if normalize(c) in foreign and gaz.exact.get(normalize(c))
        )
    return s


def evaluate_file(
    path: Path,
    baseline: bool = True,
    capitals: Path | None = None,
    rules: Path | None = None,
    learned: bool = True,
) -> dict:
    """Scores on a labelled file, extracting with the lexicon at `rules` (the package's
    own when None), so two lexicons can be compared side by side; with `learned` False,
    the rules alone (no learned reading of province statuses, mapping/learned.py)."""
    passages = load_passages(path)
    gaz = load_gazetteer()
    lexicon = load_rules(rules) if rules else None
    tool, details = score_tool(passages, gaz, lexicon, learned)
    if rules:
        tool.name = f"territory-map ({rules.name})"
    if not learned:
        tool.name += " (rules only)"
    report = {"file": str(path), "passages": len(passages), "tool": tool, "details": details}
    if baseline:
        report["baseline"] = score_geotext(passages, gaz)
    if capitals:
        report["capitals"] = capital_falls(passages, details, load_capitals(capitals))
    return report


def load_capitals(path: Path) -> dict[str, tuple[str, str]]:
    """Province -> (capital, known date of its fall) from a capital,province,fell_on CSV."""
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["province"]: (row["capital"], row["fell_on"]) for row in csv.DictReader(fh)}


def capital_falls(
    passages: list[dict], details: list[dict], known: dict[str, tuple[str, str]]
) -> list[dict]:
    """Per province: the known fall of its capital, the first date our readings of the
    dated passages (score_tool's details, their readings dated) show the capital captured,
    and the first date the map shows the province captured (algebra.known_by; too early
    when before the capital fell). Only the campaign's own events count: published in its
    year(s), and dated in them (an article of 2021 that recalls the fall of 1996 reports no
    fall of 2021).

    The capital's fall is given twice: by event date (a week or a month by its first day)
    and by the date the map shows it (known_by: a week or month at its end, never after
    the article). Why both: "Zaranj, the first capital they captured in August" is dated
    1 August by the first, five days early, while the map shows it on the article's day."""
    first_capital: dict[str, str] = {}
    first_shown: dict[str, str] = {}
    first_province: dict[str, str] = {}
    years = {fell_on[:4] for _, fell_on in known.values()}  # the campaign's own year(s)
    dated = [(p, d) for p, d in zip(passages, details) if (p.get("published") or "")[:4] in years]
    for _, d in dated:  # readings dated by score_tool
        for r in d["readings"]:
            if r.status == Status.CAPTURED and r.event_date[:4] in years:
                if r.mention.place.is_capital:
                    _earliest(first_capital, r.mention.province, r.event_date[:10])
                    _earliest(first_shown, r.mention.province, known_by(r)[:10])
                province = d["provinces"].get(r.mention.province)
                if province is not None and province.status == Status.CAPTURED:
                    _earliest(first_province, r.mention.province, known_by(r)[:10])
    rows = []
    for pid, (capital, fell_on) in sorted(known.items(), key=lambda kv: kv[1][1]):
        ours = first_capital.get(pid)
        capital_shown = first_shown.get(pid)
        shown = first_province.get(pid)
        rows.append(
            {
                "province": pid,
                "capital": capital,
                "known": fell_on,
                "ours": ours,
                "days_off": _days(fell_on, ours),
                "shown": capital_shown,
                "shown_days_off": _days(fell_on, capital_shown),
                "province_captured": shown,
                "province_early": bool(shown and shown < fell_on),
            }
        )
    return rows


def _earliest(first: dict[str, str], province: str, day: str) -> None:
    if day and (province not in first or day < first[province]):
        first[province] = day


def _days(known: str, ours: str | None) -> int | None:
    import datetime as dt

    if not ours:
        return None
    return (dt.date.fromisoformat(ours) - dt.date.fromisoformat(known)).days


def format_report(report: dict) -> str:
    rows = [report["tool"]] + ([report["baseline"]] if "baseline" in report else [])

    def pct(x):
        return "n/a" if x is None else f"{x:.3f}"

    lines = [
        f"{report['file']}: {report['passages']} passages",
        f"{'':22} {'prov P':>7} {'prov R':>7} {'prov F1':>7} {'status':>7} "
        f"{'town R':>7} {'foreignFP':>9} {'passages/s':>10}",
    ]
    for s in rows:
        lines.append(
            f"{s.name:22} {s.precision:7.3f} {s.recall:7.3f} {s.f1:7.3f} "
            f"{pct(s.status_accuracy):>7} {s.town_recall:7.3f} {s.foreign_fp:9d} "
            f"{s.rate:10.1f}"
        )
    t = report["tool"]
    lines.append(
        f"province TP/FP/FN {t.tp}/{t.fp}/{t.fn}; statuses right {t.status_right}/"
        f"{t.status_total}; side right {t.side_right}/{t.status_total} "
        f"({pct(t.side_accuracy)}); towns found {t.towns_found}/{t.towns_total}; "
        f"event dates right {t.dates_right}/{t.dates_total}"
    )
    if t.pairs:
        lines += ["", confusion_table(t.pairs), "", phenomenon_table(t.pairs)]
    if "capitals" in report:
        lines += ["", capitals_table(report["capitals"])]
    return "\n".join(lines)


def confusion_table(pairs: list[tuple[str, str, tuple[str, ...]]]) -> str:
    """Province statuses, gold (rows) against ours (columns), with pandas' crosstab."""
    import pandas as pd

    frame = pd.DataFrame([(g, o) for g, o, _ in pairs], columns=["gold", "ours"])
    table = pd.crosstab(frame["gold"], frame["ours"], margins=True, margins_name="all")
    return "status confusion (rows gold, columns ours)\n" + table.to_string()


def phenomenon_table(pairs: list[tuple[str, str, tuple[str, ...]]]) -> str:
    """Status accuracy per phenomenon tag (province pairs of the passages that carry it)."""
    right: Counter = Counter()
    total: Counter = Counter()
    for gold, ours, tags in pairs:
        for tag in tags:
            total[tag] += 1
            right[tag] += gold == ours
    rows = [
        f"{tag:22} {right[tag] / total[tag]:.3f} ({right[tag]}/{total[tag]})"
        for tag in sorted(total, key=lambda t: (-total[t], t))
    ]
    return "status accuracy by phenomenon\n" + "\n".join(rows)


def capitals_table(rows: list[dict]) -> str:
    lines = [
        f"{'province':8} {'capital':16} {'known':10} {'event date':10} {'days':>5} "
        f"{'map shows':10} {'days':>5}  province first captured"
    ]
    for r in rows:
        early = "  EARLY" if r["province_early"] else ""
        lines.append(
            f"{r['province']:8} {r['capital'][:16]:16} {r['known']:10} "
            f"{r['ours'] or '-':10} {_signed(r['days_off']):>5} "
            f"{r['shown'] or '-':10} {_signed(r['shown_days_off']):>5}  "
            f"{r['province_captured'] or '-'}{early}"
        )
    found = sum(1 for r in rows if r["days_off"] is not None)
    too_early = sum(1 for r in rows if r["province_early"])
    lines.append(
        f"capital falls dated within one day: {_within(rows, 'days_off')}/{found} reported "
        f"by event date, {_within(rows, 'shown_days_off')}/{found} by the date the map shows; "
        f"provinces shown captured before their capital fell: {too_early}"
    )
    return "\n".join(lines)


def _signed(days: int | None) -> str:
    return "" if days is None else f"{days:+d}"


def _within(rows: list[dict], column: str) -> int:
    """Capitals whose fall `column` dates within one day of the known date."""
    return sum(1 for r in rows if r[column] is not None and abs(r[column]) <= 1)
