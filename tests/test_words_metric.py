"""WCXB's word metric: hand-computed cases, then figure for figure against WCXB's own
``evaluate.py`` on real pages of its dev split (when ../shared/datasets/wcxb-dev exists)."""

from __future__ import annotations

import importlib.util
import math
from dataclasses import asdict
from pathlib import Path

import pytest

from benchmark.scoring.words import (
    FIGURES,
    WordGold,
    WordScore,
    aggregate_words,
    score_words,
    snippet_rate,
    word_prf,
    words,
)

WCXB = Path(__file__).parents[2] / "shared" / "datasets" / "wcxb-dev"


def test_tokens_are_lowercased_first_then_split_into_word_runs():
    assert words("The U.S. Court—2,500 naïve Cafés") == [
        "the", "u", "s", "court", "2", "500", "naïve", "cafés"
    ]  # fmt: skip
    # lowercasing before splitting: "İ" becomes "i" + a combining dot, which \w does not match
    assert words("İstanbul") == ["i", "stanbul"]
    assert words("今天天气很好。我们去公园") == ["今天天气很好", "我们去公园"]
    assert words(None) == [] and words("") == [] and words("— !") == []


def test_partial_output():
    # pred: the cat sat (3); ref: the cat sat on the mat (6); overlap 3
    p, r, f1 = word_prf("The cat sat.", "the cat sat on the mat")
    assert (p, r) == (1.0, 0.5) and f1 == pytest.approx(2 / 3)


def test_bag_of_words_counts_repeats_once_each_and_ignores_order():
    # pred a a a; ref a b: overlap min(3, 1) = 1 -> p 1/3, r 1/2, f1 = (1/3) / (5/6) = 0.4
    assert word_prf("a a a", "a b") == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert word_prf("mat the on sat cat the", "The cat sat on the mat") == (1.0, 1.0, 1.0)


def test_case_is_ignored():
    assert word_prf("THE CAT SAT", "the cat sat") == (1.0, 1.0, 1.0)


def test_no_common_word():
    assert word_prf("buy pills", "the cat sat") == (0.0, 0.0, 0.0)


def test_empty_reference_scores_one_only_for_an_empty_prediction():
    assert word_prf("", "") == (1.0, 1.0, 1.0)
    assert word_prf(None, "  -- ") == (1.0, 1.0, 1.0)  # punctuation only: no token, empty
    assert word_prf("anything", "") == (0.0, 0.0, 0.0)


def test_empty_or_failed_prediction_scores_zero():
    assert word_prf("", "the cat") == (0.0, 0.0, 0.0)
    assert word_prf(None, "the cat") == (0.0, 0.0, 0.0)


def test_snippet_rates_are_case_insensitive_substrings():
    assert snippet_rate("The Cat sat on the mat", ["cat SAT", "dog"]) == 0.5
    assert snippet_rate("concatenate", ["cat"]) == 1.0  # a substring, not a word match
    # no whitespace normalisation: a snippet broken over two lines is not found
    assert snippet_rate("the cat\nsat", ["cat sat"]) == 0.0
    assert snippet_rate(None, ["cat"]) == 0.0


def test_empty_snippet_list_scores_one_even_for_without():
    assert snippet_rate("", []) == 1.0
    gold = WordGold.build("the cat sat", with_=["cat sat"], without=[])
    score = score_words(gold, "cookie banner")
    # the page has no "without" snippets: rate 1.0, which is not "everything leaked"
    assert score == WordScore(0.0, 0.0, 0.0, 0.0, 1.0)
    assert score_words(gold, None) == WordScore(0.0, 0.0, 0.0, 0.0, 1.0)


def test_score_words_matches_word_prf():
    gold = WordGold.build("the cat sat on the mat", ["on the mat"], ["Subscribe now"])
    score = score_words(gold, "Subscribe now: the cat sat")
    assert (score.precision, score.recall, score.f1) == word_prf(
        "Subscribe now: the cat sat", "the cat sat on the mat"
    )
    assert (score.with_rate, score.without_rate) == (0.0, 1.0)


def test_corpus_figures_are_plain_means_of_page_figures():
    scores = {
        "b": WordScore(0.5, 1.0, 2 / 3, 1.0, 0.0),
        "a": WordScore(1.0, 0.5, 2 / 3, 0.5, 1.0),
        "c": WordScore(0.0, 0.0, 0.0, 0.0, 1.0),  # failed page: counts, as zeros
    }
    figures = aggregate_words(scores, {"a": "forum", "b": "article", "c": "forum"})
    assert figures["all"] == pytest.approx(
        {"precision": 0.5, "recall": 0.5, "f1": 4 / 9, "with_rate": 0.5, "without_rate": 2 / 3,
         "pages": 3}
    )  # fmt: skip
    # corpus F1 is the mean of page F1s (4/9), not 2PR/(P+R) of the means (0.5)
    assert figures["forum"]["f1"] == pytest.approx(1 / 3) and figures["forum"]["pages"] == 2
    assert figures["article"]["precision"] == 0.5
    assert set(figures) == {"all", "article", "forum"}
    assert math.isnan(aggregate_words({})["all"]["f1"])


# --- against WCXB's own scorer ---------------------------------------------------------

needs_wcxb = pytest.mark.skipif(not (WCXB / "evaluate.py").is_file(), reason="no WCXB dev split")

NOISE = "Home | About us | Contact | Subscribe to our newsletter | Accept all cookies"


def _evaluate_module():
    spec = importlib.util.spec_from_file_location("wcxb_evaluate", WCXB / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _variants(gold: str) -> dict[str, str]:
    return {
        "gold": gold,
        "truncated": gold[: len(gold) // 3],
        "noisy": f"{NOISE}\n\n{gold}\n\n{NOISE} {NOISE}",
        "empty": "",
        "upper": gold.upper(),
    }


@needs_wcxb
def test_equal_to_wcxb_evaluate_on_real_pages(capsys):
    from benchmark.corpus.wcxb import load_page

    evaluate = _evaluate_module()
    split = WCXB / "dev"
    # ~20 pages spread over the split (so over page types), their ground truth as WCXB reads it
    paths = sorted((split / "ground-truth").glob("*.json"))[::75]
    pages = [load_page(p, split / "html") for p in paths]
    truth = evaluate.load_ground_truth("dev")
    truth = {page.id: truth[page.id] for page in pages}
    golds = {
        page.id: WordGold.build(
            page.gold.article_text, page.gold.with_snippets, page.gold.without_snippets
        )
        for page in pages
    }
    types = {page.id: page.meta["page_type"] for page in pages}
    assert types == {i: t["page_type"] for i, t in truth.items()}
    assert len(set(types.values())) >= 4

    for variant in ("gold", "truncated", "noisy", "empty", "upper"):
        predictions = {
            page.id: _variants(truth[page.id]["main_content"])[variant] for page in pages
        }
        theirs = {r["file_id"]: r for r in evaluate.evaluate_results(truth, predictions, True)}
        ours = {i: score_words(golds[i], predictions[i]) for i in golds}
        for page_id, score in ours.items():
            expected = {name: theirs[page_id][name] for name in FIGURES}
            assert asdict(score) == pytest.approx(expected, abs=1e-9), (variant, page_id)
        figures = aggregate_words(ours, types)
        for name in FIGURES:
            mean = sum(r[name] for r in theirs.values()) / len(theirs)
            assert figures["all"][name] == pytest.approx(mean, abs=1e-9)
            for page_type in set(types.values()):
                group = [r[name] for r in theirs.values() if r["page_type"] == page_type]
                assert figures[page_type][name] == pytest.approx(sum(group) / len(group), abs=1e-9)
        # and the printed overall F1, as a user of evaluate.py would read it
        assert f"F1:         {figures['all']['f1']:.4f}" in capsys.readouterr().out


def test_the_line_memo_gives_the_same_words():
    import random

    from benchmark.scoring.words import words

    rng = random.Random(3)
    pieces = [
        "ΟΔΟΣ",
        "Σ",
        "σ",
        "İstanbul",
        "naïve",
        "x_y",
        "2026",
        "!",
        " ",
        "\n",
        "\n\n",
        "ǅ",
        "ß",
    ]
    memo: dict[str, list[str]] = {}
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert words(text, memo) == words(text)
    assert words(None, memo) == words("", memo) == []
