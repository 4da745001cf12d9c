"""The AEB content metric on tiny cases computed by hand."""

import math

import numpy as np
import pytest

from benchmark.scoring.content import f1_score, score_content
from benchmark.scoring.metrics import BY_NAME
from benchmark.scoring.tokens import shingle_counts, shingles, tokenize


def score(gold: str, pred: str):
    g, p = tokenize(gold), tokenize(pred)
    return score_content(shingle_counts(g), shingle_counts(p), g, p)


def test_tokens_are_unicode_words_and_drop_punctuation():
    assert tokenize("U.S. troops—2,500 of them; naïve café") == [
        "U",
        "S",
        "troops",
        "2",
        "500",
        "of",
        "them",
        "naïve",
        "café",
    ]


def test_shingles_are_windows_of_four_or_one_short_shingle():
    assert shingles(["a", "b", "c", "d", "e"]) == [("a", "b", "c", "d"), ("b", "c", "d", "e")]
    assert shingles(["a", "b"]) == [("a", "b")]
    assert shingles([]) == []


def test_perfect_output():
    s = score("one two three four five", "one two, three four five!")
    assert (s.tp, s.fp, s.fn) == (1.0, 0.0, 0.0)
    assert s.precision == 1.0 and s.recall == 1.0 and s.exact


def test_empty_output_counts_for_recall_only():
    s = score("one two three four five", "")
    assert (s.tp, s.fp, s.fn) == (0.0, 0.0, 1.0)
    assert math.isnan(s.precision)  # left out of the precision mean
    assert s.recall == 0.0 and not s.exact


def test_keep_everything_output():
    # gold: 5 tokens -> 2 shingles; output adds 3 tokens -> 5 shingles, 2 of them gold
    s = score("one two three four five", "menu home login one two three four five")
    assert (s.tp, s.fp, s.fn) == pytest.approx((2 / 5, 3 / 5, 0.0))
    assert s.precision == pytest.approx(0.4) and s.recall == 1.0


def test_spam_only_output():
    s = score("one two three four five", "buy cheap pills online now")
    assert s.tp == 0 and s.precision == 0.0 and s.recall == 0.0


def test_duplicated_output_is_penalised_as_excess():
    s = score("one two three four", "one two three four one two three four")
    # output shingles: 5 windows, the gold one appears twice
    assert (s.tp, s.fp, s.fn) == pytest.approx((1 / 5, 4 / 5, 0.0))


def test_non_latin_scripts_tokenise_as_words():
    s = score("Москва приняла новый бюджет города", "Москва приняла новый бюджет города")
    assert s.precision == 1.0 and s.exact
    # CJK without spaces: each run between punctuation is one token
    assert tokenize("今天天气很好。我们去公园散步。") == ["今天天气很好", "我们去公园散步"]
    s = score("今天天气很好。我们去公园散步。", "我们去公园散步。")
    assert s.tp == 0.0 and s.recall == 0.0  # one short shingle of two tokens, not matched


def test_corpus_figures_are_means_then_f1_of_means():
    p = np.array([1.0, 0.5, np.nan])  # third page: empty output, out of precision
    r = np.array([1.0, 0.25, 0.0])
    assert BY_NAME["precision"].point((p,)) == pytest.approx(0.75)
    assert BY_NAME["recall"].point((r,)) == pytest.approx(1.25 / 3)
    assert BY_NAME["f1"].point((p, r)) == pytest.approx(f1_score(0.75, 1.25 / 3))
    assert BY_NAME["accuracy"].point((np.array([1.0, 0.0, 0.0]),)) == pytest.approx(1 / 3)
    assert BY_NAME["f1"].pages((p, r)) == 3 and BY_NAME["precision"].pages((p,)) == 2


def test_f1_is_one_function_for_scalars_and_arrays():
    assert f1_score(0.0, 0.0) == 0.0 and np.isnan(f1_score(np.nan, 0.5))
    both = f1_score(np.array([0.5, 0.0, np.nan]), np.array([1.0, 0.0, 1.0]))
    assert both[0] == pytest.approx(2 / 3) and both[1] == 0.0 and np.isnan(both[2])


def test_prepared_gold_matches_the_counter_of_tuples_exactly():
    """``score_tokens`` (64-bit keys of token ids) gives the figures of ``score_content``
    on random texts: repeats, unknown tokens, short texts and empty ones."""
    import random

    from benchmark.scoring.content import ArticleShingles, score_tokens
    from benchmark.scoring.tokens import token_ids, vocabulary_of

    rng = random.Random(7)
    words = ["a", "b", "c", "d", "e"]
    for _ in range(3000):
        gold = [rng.choice(words) for _ in range(rng.randint(0, 14))]
        pred = [rng.choice([*words, "x", "y"]) for _ in range(rng.randint(0, 14))]
        want = score_content(shingle_counts(gold), shingle_counts(pred), gold, pred)
        assert score_tokens(ArticleShingles.build(gold), pred) == want, (gold, pred)
        # with the page's wider vocabulary (its segments'), ids computed once by the caller
        page = vocabulary_of([[rng.choice(["x", "z"])], gold])
        assert page is not None
        shared = ArticleShingles.build(gold, page)
        assert score_tokens(shared, pred, token_ids(page, pred)) == want, (gold, pred)


def test_the_page_token_memo_gives_exactly_tokenize_and_token_ids():
    """Texts of one page sharing lines, split by every kind of line break and none:
    the memo's tokens and ids are ``tokenize``'s and ``token_ids``' (also after the
    vocabulary changes)."""
    import random

    from benchmark.scoring.tokens import PageTokens, token_ids, vocabulary_of

    rng = random.Random(11)
    pieces = ["Ab c", "_x_ 9", "é ü", "", " ", "\n", "\r\n", "\u2028", "--", "ß!", "日本"]
    memo = PageTokens()
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(400)]
    first = vocabulary_of([tokenize(t) for t in texts[:50]])
    second = vocabulary_of([tokenize(t) for t in texts[25:]])
    assert first is not None and second is not None
    for i, text in enumerate([*texts, None, ""]):
        assert memo.tokens(text) == tokenize(text)
        vocabulary = first if i < 200 else second
        tokens, ids = memo.tokens_and_ids(text, vocabulary)
        assert tokens == tokenize(text)
        assert ids.tolist() == token_ids(vocabulary, tokenize(text)).tolist()


def test_a_gold_with_a_huge_vocabulary_falls_back_to_the_counter():
    from benchmark.scoring.content import ArticleShingles, score_tokens

    gold = [f"w{i}" for i in range(70_000)]  # more distinct tokens than 16-bit ids
    prepared = ArticleShingles.build(gold)
    assert prepared.vocabulary is None
    pred = [*gold[100:200], "noise", *gold[:50]]
    want = score_content(shingle_counts(gold), shingle_counts(pred), gold, pred)
    assert score_tokens(prepared, pred) == want
