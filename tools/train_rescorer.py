"""Train the learned second reading of statuses (mapping/rescore.py) from our own labels.

    .venv/bin/python tools/realnews.py rebuild          # the real passages, from saved pages
    .venv/bin/python tools/train_rescorer.py            # cross-validate, then write the model
    .venv/bin/python tools/train_rescorer.py --cv-only  # only print the cross-validation

Training data: the dev split of the real-news corpus (bench/realnews/build/dev.jsonl; never
the test split) and the team's own sets tests/data/devset.jsonl and devset2.jsonl (the
holdout set stays out). Each mention is labelled with its place's gold status when the
label's evidence span holds it (real passages), or when the place is named once (the team's
sets, which give no spans); a place labelled "mentioned" labels all its mentions. Other
mentions are left out, as their own sentence may say nothing.

The model is scikit-learn's multinomial logistic regression (lbfgs, deterministic), chosen
because it is small, fast to apply (a sum of weights), and its weights can be read. The
cross-validation is grouped by passage, 5 folds over the real dev passages (the team's sets
always train), and prints province status accuracy as `eval` counts it, so the choice of the
regularisation is made on passages the fold's model never saw.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapping.evaluate import _same_name, load_passages  # noqa: E402
from mapping.gazetteer import load_gazetteer  # noqa: E402
from mapping.history import roll_up  # noqa: E402
from mapping.mentions import find_mentions  # noqa: E402
from mapping.model import Status  # noqa: E402
from mapping.rescore import Rescorer  # noqa: E402
from mapping.statuses import read_statuses  # noqa: E402

REAL_DEV = ROOT / "bench/realnews/build/dev.jsonl"
TEAM_SETS = [ROOT / "tests/data/devset.jsonl", ROOT / "tests/data/devset2.jsonl"]
OUT = ROOT / "mapping/rescorer.json"


def prepare(passages: list[dict], gaz) -> list[dict]:
    """Each passage with its rule readings, each mention's features and (maybe) label."""
    out = []
    for p in passages:
        mentions, _ = find_mentions(p["text"], gaz)
        collected: list = []
        readings = read_statuses(p["text"], mentions, learned=False, collect=collected)
        labels = [_label(p, m) for m, _, _ in collected]
        out.append(
            {"p": p, "readings": readings, "feats": [f for _, _, f in collected], "y": labels}
        )
    return out


def _label(p: dict, m) -> str | None:
    """The gold status of one mention, or None when the labels do not say."""
    same = [
        g
        for g in p["places"]
        if g["province"] == m.province
        and (_same_name(m.surface, g["surface"]) or _same_name(m.antecedent, g["surface"]))
    ]
    if len(same) != 1:
        return None
    g = same[0]
    if g["status"] == Status.MENTIONED:
        return g["status"]
    span = g.get("evidence", "absent")
    if span == "absent":  # the team's sets: no evidence spans
        named = sum(1 for x in p["places"] if _same_name(x["surface"], g["surface"]))
        return g["status"] if named == 1 else None
    if span and span[0] <= m.start < span[1]:
        return g["status"]
    return None


def train(items: list[dict], c: float) -> Rescorer:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for it in items:
        for f, y in zip(it["feats"], it["y"]):
            if y is not None:
                xs.append(dict.fromkeys(f, 1))
                ys.append(y)
    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, ys)
    statuses = tuple(Status(s) for s in model.classes_)
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        w = tuple(round(float(model.coef_[k, j]), 4) for k in range(len(statuses)))
        if any(abs(v) >= 1e-3 for v in w):
            weights[str(name)] = w
    bias = tuple(round(float(b), 4) for b in model.intercept_)
    return Rescorer(statuses, bias, weights)


def province_accuracy(items: list[dict], model: Rescorer | None, gaz) -> tuple[int, int, int]:
    """(statuses right, sides right, provinces scored) as `eval` counts them."""
    right = side = total = 0
    for it in items:
        readings = it["readings"]
        if model is not None:
            readings = [
                replace(r, status=model.choose(f)[0]) for r, f in zip(readings, it["feats"])
            ]
        ours = {k: v for k, v in roll_up(gaz, readings).items() if v.status != Status.NO_REPORT}
        for pid, gold in it["p"]["provinces"].items():
            if pid in ours:
                total += 1
                right += ours[pid].status == gold["status"]
                side += ours[pid].status.side == Status(gold["status"]).side
    return right, side, total


def cross_validate(real: list[dict], team: list[dict], c: float, gaz, folds: int = 5) -> str:
    right = side = total = 0
    for k in range(folds):
        held = [it for i, it in enumerate(real) if i % folds == k]
        fit = [it for i, it in enumerate(real) if i % folds != k] + team
        r, s, t = province_accuracy(held, train(fit, c), gaz)
        right, side, total = right + r, side + s, total + t
    return f"C={c:<6} status {right / total:.3f} side {side / total:.3f} ({total} provinces)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--grid", action="store_true", help="cross-validate several C values")
    args = ap.parse_args()
    if not REAL_DEV.exists():
        sys.exit(f"{REAL_DEV} missing: run tools/realnews.py rebuild first")
    gaz = load_gazetteer()
    real = prepare(load_passages(REAL_DEV), gaz)
    team = prepare([p for f in TEAM_SETS for p in load_passages(f)], gaz)
    r, s, t = province_accuracy(real, None, gaz)
    print(f"rules only (dev)  status {r / t:.3f} side {s / t:.3f} ({t} provinces)")
    for c in (0.03, 0.1, 0.3, 1.0, 3.0) if args.grid else (args.c,):
        print("cross-validated  ", cross_validate(real, team, c, gaz))
    if args.cv_only:
        return
    model = train(real + team, args.c)
    data = {
        "trained_on": [str(REAL_DEV.relative_to(ROOT))]
        + [str(f.relative_to(ROOT)) for f in TEAM_SETS],
        "c": args.c,
        "statuses": [str(s) for s in model.statuses],
        "bias": list(model.bias),
        "weights": {k: list(v) for k, v in sorted(model.weights.items())},
    }
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=True) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(model.weights)} features")


if __name__ == "__main__":
    main()
