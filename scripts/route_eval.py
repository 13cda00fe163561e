"""Scores where a message would take the resident, on the three evaluation sets.

- chat-style: ``tests/nlu/heldout.yml`` (one label each, written apart from data/);
- long-form: ``tests/nlu/longform.yml``, residents' real letters and posts with
  every acceptable route (``accept``);
- not-ours: ``tests/nlu/notours.yml``, real questions about matters outside the
  six units; the right route is out of scope (``matter`` names the body) or a
  question back.

A route is the answer the assistant would give: an intent, a FAQ key, an
out-of-scope matter, or a question back (``nlu_fallback``: the assistant asks
which topic was meant). Two error figures:

- "confidently wrong" (issue 13's definition): a FAQ answer, or a form started
  (report, idea, callback), that is not acceptable — the resident is told
  something off the point or asked the wrong questions without being asked first;
- "wrong, not asked" (stricter): any unacceptable route that is not a question
  back, including a wrong greeting, hand-off or out-of-scope answer.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, List, Optional

import yaml
from sklearn.metrics import precision_recall_fscore_support

from scripts.nlu_eval import load_examples

ROOT = Path(__file__).resolve().parent.parent
SETS_DIR = ROOT / "tests" / "nlu"
QUESTION_BACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
FORMS = frozenset({"report_intervention", "submit_idea", "request_callback"})

Parse = Callable[[str], Dict[str, Any]]


@dataclass(frozen=True)
class Case:
    """One message and the routes that serve the resident."""

    text: str
    accept: FrozenSet[str]
    matter: Optional[str] = None  # not-ours: the matter whose body the answer should name
    question_back_ok: bool = False
    primary: str = field(default="", compare=False)  # the label of the per-class table


def chat_style(path: Path = SETS_DIR / "heldout.yml") -> List[Case]:
    return [Case(e.text, frozenset({e.label}), primary=e.label) for e in load_examples(path)]


def long_form(path: Path = SETS_DIR / "longform.yml") -> List[Case]:
    messages = yaml.safe_load(path.read_text("utf-8"))["messages"]
    return [
        Case(" ".join(str(m["text"]).split()), frozenset(m["accept"]), primary=m["accept"][0])
        for m in messages
    ]


def not_ours(path: Path = SETS_DIR / "notours.yml") -> List[Case]:
    messages = yaml.safe_load(path.read_text("utf-8"))["messages"]
    return [
        Case(
            " ".join(str(m["text"]).split()),
            frozenset({OUT_OF_SCOPE, *m.get("also_ok", [])}),
            matter=m["matter"],
            question_back_ok=True,
            primary=OUT_OF_SCOPE,
        )
        for m in messages
    ]


SETS: Dict[str, Callable[[], List[Case]]] = {
    "chat-style": chat_style,
    "long-form": long_form,
    "not-ours": not_ours,
}


def route_of(parsed: Dict[str, Any]) -> str:
    """``faq/<key>``, ``out_of_scope/<matter>``, an intent, or ``nlu_fallback``."""
    intent = (parsed.get("intent") or {}).get("name") or QUESTION_BACK
    selector = ((parsed.get("response_selector") or {}).get(intent) or {}).get("response") or {}
    return str(selector.get("intent_response_key") or intent)


def acceptable(case: Case, route: str) -> bool:
    if route == QUESTION_BACK:
        return case.question_back_ok
    return route in case.accept or route.split("/", 1)[0] in case.accept


def score(cases: List[Case], parse: Parse) -> Dict[str, Any]:
    """Acceptable-route rate, confidently wrong, question backs, per class, errors."""
    routes, seconds = [], []
    for case in cases:
        started = time.perf_counter()
        routes.append(route_of(parse(case.text)))
        seconds.append(time.perf_counter() - started)
    hits = [acceptable(c, r) for c, r in zip(cases, routes, strict=True)]
    unasked = [not h and r != QUESTION_BACK for h, r in zip(hits, routes, strict=True)]
    wrong = [
        u and (r.startswith("faq/") or r in FORMS) for u, r in zip(unasked, routes, strict=True)
    ]
    truths = [c.primary for c in cases]
    # For the per-class table an acceptable route counts as the primary label.
    predicted = [
        c.primary if h else r.split("/", 1)[0] if r.startswith(OUT_OF_SCOPE) else r
        for c, h, r in zip(cases, hits, routes, strict=True)
    ]
    labels = sorted(set(truths))
    p, r, f, s = precision_recall_fscore_support(truths, predicted, labels=labels, zero_division=0)
    matters = [(c.matter, rt) for c, rt in zip(cases, routes, strict=True) if c.matter]
    result: Dict[str, Any] = {
        "messages": len(cases),
        "acceptable": round(sum(hits) / len(cases), 4),
        "confidently_wrong": round(sum(wrong) / len(cases), 4),
        "wrong_not_asked": round(sum(unasked) / len(cases), 4),
        "question_back": round(routes.count(QUESTION_BACK) / len(cases), 4),
        "parse_ms_median": round(statistics.median(seconds) * 1000, 1),
        "per_class": {
            label: {
                "precision": round(float(pp), 3),
                "recall": round(float(rr), 3),
                "f1": round(float(ff), 3),
                "support": int(ss),
            }
            for label, pp, rr, ff, ss in zip(labels, p, r, f, s, strict=True)
        },
        "errors": [
            {"text": c.text, "accept": sorted(c.accept), "route": rt}
            for c, h, rt in zip(cases, hits, routes, strict=True)
            if not h
        ],
    }
    if matters:
        named = [rt == f"{OUT_OF_SCOPE}/{m}" for m, rt in matters if m != "other"]
        result["right_body"] = round(sum(named) / max(len(named), 1), 4)
    return result
