"""The learned selector: its weights are the published method's, and it weighs what the rules know."""

import datetime as dt

import pandas as pd
import pytest

from tracker import extract, selector
from tracker.__main__ import main
from tracker.extract import Article, cross_validated, evaluate, extract_events, gold_articles, held_out_sets, hits, article_of


@pytest.fixture(scope="module")
def gold():
    articles = gold_articles()
    return articles, {a["id"]: hits(article_of(a)) for a in articles}  # each article read once


def test_the_shipped_weights_are_what_training_on_the_gold_set_gives(tmp_path, capsys):
    assert main(["extract-train", "--out", str(tmp_path / "selector.csv")]) == 0
    assert "token weights from" in capsys.readouterr().err
    trained = pd.read_csv(tmp_path / "selector.csv", keep_default_na=False)
    shipped = pd.read_csv(selector.SELECTOR_CSV, keep_default_na=False)
    assert shipped["token"].iloc[0] == selector.INTERCEPT
    assert sorted(trained["token"]) == sorted(shipped["token"])  # retrain with `python -m tracker extract-train`
    merged = trained.merge(shipped, on="token", suffixes=("_trained", "_shipped"))
    assert (merged["weight_trained"] - merged["weight_shipped"]).abs().max() < 1e-3


def test_the_documented_cross_validated_figures_are_the_evaluation(gold):
    """docs/extraction.md's pooled cross-validated figure is what `extract-eval --cross-validate` prints."""
    import re

    from tracker.paths import ROOT

    articles, found = gold
    held = [a for a in articles if a.get("split") in held_out_sets(articles)]
    report = evaluate(held, coded=cross_validated(articles, found)).set_index("measure")["percent"]
    docs = " ".join((ROOT / "docs" / "extraction.md").read_text(encoding="utf-8").split())
    documented = re.search(r"cross-validated, pooled: \*\*([\d.]+)% precision, ([\d.]+)% recall\*\*", docs)
    assert documented and (float(documented[1]), float(documented[2])) == (report["events: precision"], report["events: recall"])
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"every other article): {documented[1]}% precision, {documented[2]}% recall" in readme
    assert report["events: recall"] > 60 and report["events: precision"] > 60


def test_probability_is_the_logistic_of_the_weights_of_the_tokens_present():
    table = {selector.INTERCEPT: -1.0, "type=talks": 2.0, "filter=negated": -3.0}
    assert selector.probability(["type=talks", "type=talks", "unknown"], table) == pytest.approx(1 / (1 + 2.718281828 ** -1.0))
    assert selector.probability(["type=talks", "filter=negated"], table) < 0.2 < selector.probability(["type=talks"], table)


def test_an_act_negated_or_planned_is_weighed_below_the_act():
    def found(text: str) -> set[str]:
        return set(extract_events(Article(text=text, published=dt.date(2025, 5, 27)))["event_type"])

    assert "border_closure" in found("Pakistan closed the Torkham border with Afghanistan on Monday.")
    assert "border_closure" not in found("Pakistan did not close the Torkham border with Afghanistan on Monday.")
    assert "high_level_visit" in found("Foreign Minister Ishaq Dar visited Kabul on Monday and met Afghan leaders.")
    assert "high_level_visit" not in found("Foreign Minister Ishaq Dar will visit Kabul next month to meet Afghan leaders.")


def test_every_learned_candidate_carries_its_probability_and_a_headline_gives_way_to_the_dated_report():
    found = extract_events(Article(text="Pakistan closes Torkham\nPakistan closed the Torkham border with Afghanistan on Monday.",
                                   published=dt.date(2025, 5, 27)))
    assert found["evidence"].tolist() == ["Pakistan closed the Torkham border with Afghanistan on Monday."]
    assert found["date"].tolist() == ["2025-05-26"]
    for _, row in found.iterrows():
        assert row["extract_confidence"] >= selector.THRESHOLD
        assert f"selector: probability {row['extract_confidence']:.2f}" in row["rules"]


def test_the_command_line_chooses_the_method_and_retrains_the_selector(tmp_path, capsys):
    text = tmp_path / "article.txt"
    text.write_text("Pakistan closed the Torkham border with Afghanistan on Monday.", encoding="utf-8")
    for method in ("learned", "rules"):
        assert main(["extract", str(text), "--published", "2025-05-27", "--method", method]) == 0
        rows = capsys.readouterr().out
        assert "border_closure" in rows and ("selector: probability" in rows) == (method == "learned")
    with pytest.raises(SystemExit) as refused:
        main(["extract", str(text), "--method", "model"])
    assert refused.value.code == 2 and "--method: invalid choice: 'model'" in capsys.readouterr().err
    with pytest.raises(ValueError, match="method: 'model'"):
        extract_events(Article(text=text.read_text(), published=dt.date(2025, 5, 27)), method="model")


def test_extract_eval_cross_validates_on_request(monkeypatch, capsys):
    few = [a for a in gold_articles() if a["split"] in ("dev", "holdout36", "holdout37")]
    monkeypatch.setattr(extract, "gold_articles", lambda: few)
    assert main(["extract-eval", "--method", "rules", "--cross-validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# method: rules") and "## learned, cross-validated: each of 2 held-out sets (80 articles)" in out
