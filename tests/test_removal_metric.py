"""Per-kind removal, and the rule that a repeated text is credited once, article first."""

import math

import pytest

from benchmark.corpus.model import Segment
from benchmark.scoring.removal import SegmentIndex, score_removal
from benchmark.scoring.tokens import tokenize

ARTICLE = "the council approved the new harbour budget on tuesday night"  # 10 tokens, 7 shingles
SPAM = "buy cialis online no prescription pharmacy"  # 6 tokens, 3 shingles


def removal(segments, output):
    return score_removal(
        SegmentIndex.build(tuple(Segment(k, t) for k, t in segments)), tokenize(output)
    )


def test_perfect_removal():
    r = removal([("article", ARTICLE), ("spam", SPAM)], ARTICLE)
    assert r.total == {"article": 7, "spam": 3} and r.kept == {"article": 7, "spam": 0}
    assert r.removal_recall("spam") == 1.0 and r.removal_precision("spam") == 1.0
    assert r.unmatched == 0


def test_empty_output_removes_everything_but_imprecisely():
    r = removal([("article", ARTICLE), ("spam", SPAM)], "")
    assert r.removal_recall("spam") == 1.0
    assert r.removal_precision("spam") == pytest.approx(3 / 10)  # 3 spam of 10 removed units


def test_keep_everything_removes_nothing():
    r = removal([("article", ARTICLE), ("spam", SPAM)], f"{ARTICLE}\n\n{SPAM}")
    assert r.removal_recall("spam") == 0.0
    assert math.isnan(r.removal_precision("spam"))  # nothing removed: undefined
    # the 3 shingles straddling article and spam match no gold unit
    assert (r.unmatched, r.output_shingles) == (3, 13)


def test_spam_only_output():
    r = removal([("article", ARTICLE), ("spam", SPAM)], SPAM)
    assert r.removal_recall("spam") == 0.0 and r.removal_precision("spam") == 0.0


def test_spam_injected_mid_sentence():
    segments = [
        ("article", "we can say that we have foiled the U."),
        ("spam", SPAM),
        ("article", "S. project on the Iraq and Syrian borders"),
    ]
    kept_all = removal(
        segments,
        "we can say that we have foiled the U. "
        + SPAM
        + " S. project on the Iraq and Syrian borders",
    )
    assert kept_all.removal_recall("spam") == 0.0
    clean = removal(
        segments, "we can say that we have foiled the U.S. project on the Iraq and Syrian borders"
    )
    assert clean.removal_recall("spam") == 1.0
    assert clean.kept["article"] == clean.total["article"]


def test_text_in_article_and_related_box_is_credited_once_article_first():
    title = "Harbour budget approved after long night"  # 6 tokens, 3 shingles
    segments = [("article", f"{title}. {ARTICLE}"), ("related", title)]
    once = removal(segments, f"{title}. {ARTICLE}")
    assert once.kept["article"] == once.total["article"]
    assert once.removal_recall("related") == 1.0  # its copy was removed
    twice = removal(segments, f"{title}. {ARTICLE}\n\n{title}")
    assert twice.removal_recall("related") == 0.0  # a second copy: the related box leaked


def test_short_segments_count_and_in_article_words_are_reserved():
    segments = [
        ("navigation", "Home"),
        ("article", "Home prices rose again in the harbour district"),
    ]
    without_menu = removal(segments, "Home prices rose again in the harbour district")
    assert without_menu.total["navigation"] == 1
    assert without_menu.removal_recall("navigation") == 1.0  # "Home" here belongs to the article
    with_menu = removal(segments, "Home\n\nHome prices rose again in the harbour district")
    assert with_menu.removal_recall("navigation") == 0.0


def test_repeated_boilerplate_is_credited_in_page_order():
    segments = [
        ("article", ARTICLE),
        ("sidebar", "Most read this week"),
        ("footer", "Most read this week"),
    ]
    r = removal(segments, f"{ARTICLE}\n\nMost read this week")
    assert r.kept["sidebar"] == 1 and r.kept["footer"] == 0


def test_non_latin_segments():
    segments = [
        ("article", "Городской совет утвердил новый бюджет гавани во вторник"),
        ("sidebar", "Самое читаемое за неделю"),
    ]
    r = removal(segments, "Городской совет утвердил новый бюджет гавани во вторник")
    assert r.removal_recall("sidebar") == 1.0 and r.removal_precision("sidebar") == 1.0


def test_the_array_version_credits_exactly_as_the_loop():
    """``score_removal`` (numpy over token-id keys) against ``score_removal_loop`` (one
    gold shingle at a time) on random pages: repeated words, short segments of 1-3
    tokens, shingles shared by article and boilerplate, unknown output words, empty
    outputs; every kind's units and kept units, unmatched and output shingles equal."""
    import random

    from benchmark.scoring.removal import score_removal_loop

    rng = random.Random(11)
    words = ["a", "b", "c", "d", "e", "f"]
    kinds = ["article", "navigation", "spam", "sidebar", "article"]
    for _ in range(2000):
        segments = tuple(
            Segment(rng.choice(kinds), " ".join(rng.choices(words, k=rng.randint(1, 9))))
            for _ in range(rng.randint(1, 6))
        )
        index = SegmentIndex.build(segments)
        assert index.arrays is not None
        output = rng.choices([*words, "zz"], k=rng.randint(0, 20))
        fast, loop = score_removal(index, output), score_removal_loop(index, output)
        assert fast == loop, (segments, output)
        assert list(fast.kept) == list(loop.kept)  # the same kinds, in the same order
