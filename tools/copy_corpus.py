"""A corpus that reads like wire copy, for the benchmark: long sentences of varied shape
(attribution, quotes, background, humanitarian and economic paragraphs, lists of places,
foreign capitals, places named and never reported on), 2-7 KB per article, the places
drawn from the whole gazetteer (provinces, capitals, hundreds of districts).

Every sentence pattern here was written for this generator; none is taken from an
article. Deterministic for a given N. About 3% of the articles are wire copy republished
by another outlet: the same text, with its outlet and title in a sidecar NAME.yaml, which
is how the cache then keeps one entry for both (the text is the key).

    python tools/copy_corpus.py FOLDER N     # writes N seeds into FOLDER
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTLETS = [
    "Northern Courier",
    "Kabul Evening Ledger",
    "Frontier Desk",
    "Continental Wire",
    "Highland Gazette",
    "The Morning Dispatch",
    "Asia Bureau Report",
    "Pacific Newswire",
]
FOREIGN = [
    "Islamabad",
    "Tehran",
    "Doha",
    "Tashkent",
    "Dushanbe",
    "Washington",
    "London",
    "Peshawar",
    "Quetta",
    "Mashhad",
    "Moscow",
    "Beijing",
]
PEOPLE = [
    "Abdul Wahid",
    "Mohammad Nabi",
    "Fawzia Rahimi",
    "Gul Agha",
    "Nasrin Sadat",
    "Hamidullah",
    "Zarmina Noori",
    "Sayed Karim",
    "Bashir Ahmad",
    "Laila Hashimi",
]
ROLES = [
    "a member of the provincial council",
    "a police commander",
    "a tribal elder",
    "a shopkeeper",
    "a spokesman for the governor",
    "a local journalist",
    "a teacher who fled with his family",
    "a nurse at the main hospital",
]
WHEN = [
    "on Monday",
    "late on Tuesday",
    "early on Wednesday",
    "on Thursday night",
    "on Friday",
    "over the weekend",
    "on Sunday morning",
    "earlier this week",
    "in the past 24 hours",
]
SAID = [
    "officials said",
    "according to two residents reached by telephone",
    "a security source told reporters",
    "the interior ministry said in a statement",
    "local officials confirmed",
    "witnesses said",
]

# Sentence shapes, each with slots: {cap}/{cap2} capitals, {prov}/{prov2}/{prov3}
# provinces, {dis}/{dis2} districts, {abroad} a foreign city, {who}/{role} a person,
# {when}, {said}, {n}/{m} numbers. Written for this benchmark.
LEADS = [
    "Taliban fighters pushed into the outskirts of {cap} {when} after overrunning "
    "checkpoints in {dis} and {dis2}, {said}, in the latest of a string of advances "
    "that have left government forces holding little more than the city centre.",
    "The insurgents captured {cap}, the capital of {prov} province, {when}, {said}, "
    "making it the latest provincial centre to fall in less than a week.",
    "Government troops backed by air strikes repelled a Taliban assault on {cap} "
    "{when}, {said}, although fighting continued in several villages of {dis} district.",
    "Heavy clashes broke out around {cap} {when} as Taliban units tried to cut the "
    "road linking the city with {cap2}, {said}.",
    "Afghan special forces retook the district centre of {dis} {when}, {said}, days "
    "after it was overrun by the insurgents.",
    "The Taliban said they had seized {dis} district in {prov} province {when}, a claim "
    "the provincial authorities rejected as propaganda.",
    "{cap} remained in government hands {when}, but its airport was closed and most "
    "roads out of the city were under Taliban control, {said}.",
]
BODY = [
    '"We have not been paid for three months and our ammunition is almost gone," said '
    '{who}, {role} in {cap}. "If help does not come soon, nobody will stay at their post."',
    "The United Nations refugee agency said more than {n} families had reached {cap} "
    "from {dis} and {dis2} since the start of the month, many of them sleeping in parks, "
    "mosques and school yards with little food or water.",
    "Insurgents now control most rural areas of {prov}, {prov2} and {prov3} provinces, "
    "while the government holds the provincial capitals and a shrinking number of "
    "district centres along the main highways.",
    "The defence ministry said {n} insurgents had been killed in air strikes near {cap} "
    "and in {dis} district, figures that could not be independently verified.",
    "Prices of flour and cooking oil have nearly doubled in the markets of {cap}, "
    "traders said, because the highway to {cap2} has been closed for a second week.",
    "Diplomats in {abroad} urged both sides to return to negotiations, warning that "
    "the fighting risked a humanitarian crisis as winter approached.",
    "A roadside bomb struck a minibus on the road between {cap} and {dis} {when}, "
    "killing {m} passengers and wounding several others, {said}.",
    "{who}, {role}, said the insurgents had entered parts of the old city overnight but "
    "had been pushed back by police and local militia by dawn.",
    "Hospitals in {cap} said they had treated {n} wounded people {when}, most of them "
    "civilians caught in crossfire or hit by mortar rounds.",
    "Officials in {abroad} said the border crossing used by traders from {prov} had "
    "been closed, stranding hundreds of lorries loaded with fruit and fuel.",
    "Analysts said the speed of the advance had surprised even those who had expected "
    "the government to struggle once foreign air support was withdrawn.",
    "The governor of {prov} appealed on local radio for residents to take up arms, and "
    "several hundred men were seen queueing outside the police headquarters.",
    "Telephone and internet lines to {dis} and {dis2} have been cut since {when_plain}, "
    "making it difficult to confirm accounts of the fighting.",
    "Residents of {cap} described a tense calm, with shops shuttered, long queues "
    "outside banks and families packing belongings into cars.",
    "Fighting was also reported in {dis} district of {prov2} province, where the "
    "insurgents have been besieging the district centre for several days.",
]
TITLES = [
    "Fighting nears {cap} as insurgents press on",
    "{cap} falls, officials say",
    "Families flee {dis} as clashes spread",
    "Government says {cap} attack repelled",
    "Taliban claim gains in {prov}",
]


def places() -> tuple[list[str], list[str], list[str]]:
    """Provinces, provincial capitals and districts of the gazetteer, by display name."""
    from mapping.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    provinces = sorted(p.name for p in gaz.provinces.values())
    capitals = sorted(p.name for p in gaz.capitals.values())
    districts = sorted(p.name for p in gaz.places.values() if p.kind == "district")
    return provinces, capitals, districts


def article(rng: random.Random, i: int, names: tuple[list[str], list[str], list[str]]) -> str:
    provinces, capitals, districts = names

    def fill(shape: str) -> str:
        when = rng.choice(WHEN)
        return shape.format(
            cap=rng.choice(capitals),
            cap2=rng.choice(capitals),
            prov=rng.choice(provinces),
            prov2=rng.choice(provinces),
            prov3=rng.choice(provinces),
            dis=rng.choice(districts),
            dis2=rng.choice(districts),
            abroad=rng.choice(FOREIGN),
            who=rng.choice(PEOPLE),
            role=rng.choice(ROLES),
            when=when,
            when_plain=when.removeprefix("on ").removeprefix("late on "),
            said=rng.choice(SAID),
            n=rng.randint(12, 900),
            m=rng.randint(2, 30),
        )

    dateline = rng.choice(capitals).upper()
    paras = [f"{dateline}, Afghanistan - " + fill(rng.choice(LEADS))]
    for _ in range(rng.randint(5, 16)):
        k = rng.choice((1, 1, 2, 2, 3))
        paras.append(" ".join(fill(rng.choice(BODY + LEADS[:3])) for _ in range(k)))
    return "\n\n".join(paras) + "\n"


def front(rng: random.Random, i: int, names) -> dict:
    day = rng.randint(1, 31)
    month = "07" if day > 28 or rng.random() < 0.4 else "08"
    date = f"2021-{month}-{min(day, 28 if month == '08' else 31):02d}"
    if rng.random() < 0.3:
        date += f"T{rng.randint(6, 22):02d}:{rng.choice(('00', '15', '30', '45'))}"
    title = rng.choice(TITLES).format(
        cap=rng.choice(names[1]), dis=rng.choice(names[2]), prov=rng.choice(names[0])
    )
    return {
        "title": title,
        "source": rng.choice(OUTLETS),
        "url": f"https://example.org/news/{i}",
        "date": date,
    }


def make_corpus(folder: Path, n: int) -> None:
    """N seeds named copy_NNNNNN.txt; about 3% republish an earlier article's text."""
    folder.mkdir(parents=True, exist_ok=True)
    names = places()
    rng = random.Random(n)
    bodies: list[str] = []
    for i in range(n):
        meta = front(rng, i, names)
        path = folder / f"copy_{i:06d}.txt"
        if bodies and rng.random() < 0.03:  # the same wire story, another outlet
            path.write_text(rng.choice(bodies[-200:]), encoding="utf-8")
            yaml_lines = "".join(f"{k}: {v!r}\n" for k, v in meta.items())
            path.with_suffix(".yaml").write_text(yaml_lines, encoding="utf-8")
            continue
        body = article(rng, i, names)
        if rng.random() < 0.1:  # sidecar metadata, keeping the text as received
            bodies.append(body)
            path.write_text(body, encoding="utf-8")
            yaml_lines = "".join(f"{k}: {v!r}\n" for k, v in meta.items())
            path.with_suffix(".yaml").write_text(yaml_lines, encoding="utf-8")
        else:
            head = "".join(f"{k}: {v!r}\n" for k, v in meta.items())
            path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")


def paragraphs(n: int, seed: int = 7) -> list[str]:
    """N paragraphs of such copy: the passages of the throughput comparison."""
    names = places()
    rng = random.Random(seed)
    out: list[str] = []
    i = 0
    while len(out) < n:
        out.extend(article(rng, i, names).split("\n\n"))
        i += 1
    return out[:n]


if __name__ == "__main__":
    make_corpus(Path(sys.argv[1]), int(sys.argv[2]))
