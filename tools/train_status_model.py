"""Train the learned status reading (mapping/learned.py) from our labels of real passages.

    .venv/bin/python tools/train_status_model.py                       # writes mapping/status_model.json
    .venv/bin/python tools/train_status_model.py --train A.jsonl --report B.jsonl  # measure only

The training passages are the real-news development split (bench/realnews/build/dev.jsonl,
rebuilt from the saved pages by `tools/realnews.py rebuild`) and the team's two development
sets (tests/data/devset.jsonl, devset2.jsonl); never the real-news test split, nor the
team's holdout. Each
province that the rules read and the labels name is one example: the features of its
readings (mapping.learned.features, the very function the extractor calls) and its labelled
status. The model is scikit-learn's multinomial logistic regression (lbfgs: the same data
gives the same weights), features seen in fewer than MIN_SEEN provinces left out, weights
rounded to ROUND decimals: the stored file is what the extractor reads, nothing else.

With --folds N, nothing is written either: the training passages are cut into N folds by
part (the letters of a passage's id: a part is one batch of one topic, so a fold's parts
are unseen in the way fresh copy is), and each fold is read by a model trained on the
others: an honest figure on the development split, which the shipped model has seen.

With --report, nothing is written: the model trained on --train is measured on each
--report file against the rules alone (status right, of the provinces both the rules and
the labels name). That is how the figures in bench/realnews/README.md were made: trained on
older parts, reported on a batch of fresh parts the rules had never been tuned on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapping.algebra import province_status  # noqa: E402
from mapping.evaluate import load_passages, read_passage  # noqa: E402
from mapping.gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from mapping.learned import (  # noqa: E402
    MODEL_FILE,
    by_province,
    features,
    model_from_json,
    named_words,
    verdict,
)
from mapping.model import Reading  # noqa: E402

DEV = ROOT / "bench" / "realnews" / "build" / "dev.jsonl"
TEAM = [ROOT / "tests" / "data" / name for name in ("devset.jsonl", "devset2.jsonl")]
OUT = ROOT / "mapping" / MODEL_FILE
C = 0.3  # inverse regularisation: chosen on fresh parts held out of training (README)
MIN_SEEN = 2  # a feature must occur in this many training provinces to be kept
ROUND = 4

# features, labelled status, the rules' status, the passage's part, and what
# mapping.learned.verdict reads: the province's readings and the words of the text's names
Example = tuple[Counter[str], str, str, str, list[Reading], frozenset[str]]


def examples(paths: list[Path], gaz: Gazetteer) -> list[Example]:
    """One example per province both the rules (learned reading off) and the labels name."""
    out = []
    for path in paths:
        for passage in load_passages(path):
            readings = read_passage(passage, gaz, learned=False)
            groups = by_province(readings)
            names = named_words(readings)
            part = str(passage.get("id") or "").split("-")[0]
            for pid, items in groups.items():
                gold = passage["provinces"].get(pid)
                if gold is not None:
                    ruled = province_status(items).value
                    feats = features(items, names)
                    out.append((feats, gold["status"], ruled, part, items, names))
    return out


def train(data: list[Example]) -> dict:
    """The stored form of a model fitted to `data` (see the module docstring)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(name for feats, *_ in data for name in feats)
    kept = [{k: v for k, v in feats.items() if seen[k] >= MIN_SEEN} for feats, *_ in data]
    vec = DictVectorizer()
    x = vec.fit_transform(kept)
    fit = LogisticRegression(C=C, max_iter=5000).fit(x, [ex[1] for ex in data])
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        w = [round(float(v), ROUND) for v in fit.coef_[:, j]]
        if any(w):
            weights[str(name)] = w
    return {
        "about": "mapping/learned.py; trained by tools/train_status_model.py",
        "examples": len(data),
        "C": C,
        "min_seen": MIN_SEEN,
        "statuses": [str(s) for s in fit.classes_],
        "bias": [round(float(v), ROUND) for v in fit.intercept_],
        "weights": dict(sorted(weights.items())),
    }


def report(stored: dict, data: list[Example], name: str) -> int:
    """Prints the rules' and the learned figures on `data`; returns the learned one (the
    rules' status where mapping.learned.verdict keeps it, else the model's)."""
    model = model_from_json(stored)
    rules = alone = applied = 0
    for feats, gold, ruled, _, items, names in data:
        rules += ruled == gold
        alone += model.choose(feats) == gold
        applied += (verdict(items, model, names) or ruled) == gold
    print(f"{name}: {len(data)} provinces; rules {rules}, learned {applied} (model alone {alone})")
    return applied


def cross(data: list[Example], folds: int) -> None:
    """Each fold of parts read by a model trained on the other folds (see the docstring)."""
    parts = sorted({ex[3] for ex in data})
    fold_of = {part: i % folds for i, part in enumerate(parts)}
    ours = 0
    for i in range(folds):
        held = [ex for ex in data if fold_of[ex[3]] == i]
        ours += report(train([ex for ex in data if fold_of[ex[3]] != i]), held, f"fold {i + 1}")
    rules = sum(ex[2] == ex[1] for ex in data)
    print(f"all folds: {len(data)} provinces; rules {rules}, learned {ours}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, nargs="+", default=[DEV, *TEAM])
    ap.add_argument("--report", type=Path, nargs="*", default=[])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--folds", type=int, default=0, help="cross-fit by part instead")
    args = ap.parse_args()
    for path in args.train:
        if not path.is_file():
            sys.exit(f"{path}: no such file (rebuild it: python tools/realnews.py rebuild)")
    gaz = load_gazetteer()
    data = examples(args.train, gaz)
    if args.folds:
        cross(data, args.folds)
        return
    stored = train(data)
    if args.report:
        for path in args.report:
            report(stored, examples([path], gaz), str(path))
        return
    text = json.dumps(stored, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    print(f"{args.out}: {len(stored['weights'])} features, {stored['examples']} examples, {digest}")


if __name__ == "__main__":
    main()
