"""The learned selector: which lexicon hits of an article are new bilateral events.

Every lexicon hit in a sentence with a dyad is a hit (`extract.hits`). A hit is described by
tokens: its type and strength, where it sits in the article, how it is dated, which of the rules'
filters it trips ("negated", "a cause", "background" …), the words either side of it and the words
of its sentence. A logistic regression over those tokens, trained on the gold set, gives each hit
a probability that it is an event a coder would code; a hit at or above THRESHOLD is a candidate.

The weights are a plain table, data/selector.csv (token, weight), so the method is readable and
needs no model at run time; `python -m tracker extract-train` rebuilds it from the gold set with
scikit-learn. docs/extraction.md gives the method, its figures and its limits.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from tracker.paths import DATA_DIR

SELECTOR_CSV = DATA_DIR / "selector.csv"
METHODS = ("learned", "rules")  # how `extract` chooses among hits: this selector, or the hand-written filters
INTERCEPT = "(intercept)"
THRESHOLD = 0.15  # the most recall for at least 70% precision, held-out sets scored in turn (docs/extraction.md)
REGULARISATION = 0.3  # C of the logistic regression: smaller is smoother
MIN_HITS = 2  # a token seen in fewer hits of the gold set gets no weight
VETOES = {  # filters that say the act did not happen, or not between the two: a hit tripping one is no candidate
    "negated", "conditional", "offered", "called for", "awaited", "talks to come", "a meeting about", "an impasse ended",
    "a game", "dated long before", "an earlier month", "long after", "since", "a third party acts", "a standing claim",
    "a topic", "with militants",
}
VETOED_FOR = {"intended": ("high_level_visit", "talks")}  # ... and those that do so for these types only


def vetoed(hit: dict) -> bool:
    """Whether a hit trips a veto: under 5% of such hits in the gold set are events (docs/extraction.md)."""
    return any(f in VETOES or hit["event_type"] in VETOED_FOR.get(f, ()) for f in hit["filters"])


def tokens(hit: dict) -> list[str]:
    """The tokens that describe a hit: the selector's features, each present or absent."""
    kind, position = hit["event_type"], min(hit["position"], 6)
    found = [f"type={kind}", f"strength={hit['strength']}", f"type_strength={kind}{hit['strength']}",
             f"rank={min(hit['rank'], 3)}", f"position={position}", f"type_position={kind}{min(position, 4)}",
             f"dated={hit['dated']}", f"type_dated={kind}{hit['dated']}", f"precision={hit['date_precision']}",
             f"states={hit['states']}", f"dyad={hit['dyad']}", "match=" + hit["match"].lower().replace(" ", "_"),
             f"filters={min(len(hit['filters']), 3)}"]
    found += [f"filter={f}" for f in hit["filters"]] + [f"type_filter={kind}{f}" for f in hit["filters"]]
    found += [f"part_of={other}" for other in hit["part_of"]]
    before, after = hit["before"], hit["after"]
    found += [f"before={w}" for w in before] + [f"after={w}" for w in after]
    found += [f"just_before={before[-1] if before else ''}", f"just_after={after[0] if after else ''}"]
    words = sorted(set(re.findall(r"[a-z]+", hit["sentence"].lower())))
    found += [f"word={w}" for w in words] + [f"type_word={kind}:{w}" for w in words]
    return found


@lru_cache(maxsize=4)
def weights(path: str = str(SELECTOR_CSV)) -> dict[str, float]:
    table = pd.read_csv(path, keep_default_na=False, dtype={"token": str})
    return dict(zip(table["token"], table["weight"].astype(float)))


def probability(found: list[str], table: dict[str, float]) -> float:
    """The selector's probability that a hit with these tokens is an event."""
    score = table.get(INTERCEPT, 0.0) + sum(table.get(t, 0.0) for t in set(found))
    return 1 / (1 + math.exp(-score))


def train(token_lists: list[list[str]], labels: list[int]) -> pd.DataFrame:
    """The weight table a logistic regression learns from hits (their tokens) and whether each is
    an event of the gold set: one row per token seen in at least MIN_HITS hits."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = CountVectorizer(analyzer=lambda found: found, binary=True, min_df=MIN_HITS)
    model = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(vectorizer.fit_transform(token_lists), labels)
    rows = [(INTERCEPT, float(model.intercept_[0]))]
    rows += sorted(zip(vectorizer.get_feature_names_out(), model.coef_[0].tolist()), key=lambda r: (-abs(r[1]), r[0]))
    return pd.DataFrame([(t, round(w, 5)) for t, w in rows], columns=["token", "weight"])
