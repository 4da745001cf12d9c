"""Injected variants: labelled automatically, valid gold, controlled share, seeded."""

from __future__ import annotations

from benchmark.cli import main
from benchmark.corpus import load_corpus
from benchmark.corpus.validate import validate_tree
from benchmark.injection.inject import PLACEMENTS, make_variant
from tests.conftest import write_case

PARAGRAPHS = [
    "The council approved the new harbour budget on Tuesday night after a long and heated debate.",
    "Fishermen said the money for the north pier was overdue, and the mayor agreed with them.",
    "Work on the pier will start in March and should be finished before the summer season begins.",
    "The opposition voted against the plan, saying the costs of dredging had been underestimated.",
    "A public meeting on the timetable for the works will be held at the library next month.",
]


def clean_gold(root):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><nav>Home News</nav>"
        f"<article>{body}</article><footer>Copyright 2024</footer></body></html>"
    )
    write_case(
        root,
        "clean-1",
        html,
        [
            {"navigation": "Home News"},
            {"article": "\n\n".join(PARAGRAPHS)},
            {"footer": "Copyright 2024"},
        ],
    )
    return root


def test_variants_are_valid_gold_with_the_injected_kind(tmp_path):
    source = clean_gold(tmp_path / "gold")
    out = tmp_path / "injected"
    assert (
        main(["inject", "--corpus", f"gold:{source}", "--out", str(out), "--levels", "0,0.1,0.3"])
        == 0
    )
    reports = validate_tree(out)
    assert len(reports) == len(PLACEMENTS) * 3
    assert all(r.ok for r in reports), [r.problems for r in reports if not r.ok]
    corpus = load_corpus(f"gold:{out}")
    by_id = {p.id: p for p in corpus.pages}
    assert by_id["clean-1--paragraph-00"].gold.kinds_present() == {"navigation", "footer"}
    assert "spam" in by_id["clean-1--mid-sentence-30"].gold.kinds_present()
    assert "sidebar" in by_id["clean-1--sidebar-30"].gold.kinds_present()
    assert "display:none" in by_id["clean-1--hidden-30"].source.read_html()


def test_share_grows_with_level_and_the_seed_reproduces(tmp_path):
    page = load_corpus(f"gold:{clean_gold(tmp_path / 'gold')}").pages[0]
    shares = [
        make_variant(page, "paragraph", level, seed=3).injected_share for level in (0, 0.1, 0.3)
    ]
    assert shares[0] == 0 and shares[0] < shares[1] < shares[2]
    assert make_variant(page, "mid-sentence", 0.3, seed=3) == make_variant(
        page, "mid-sentence", 0.3, seed=3
    )
    assert (
        make_variant(page, "mid-sentence", 0.3, seed=3).html
        != make_variant(page, "mid-sentence", 0.3, seed=4).html
    )


def test_curves_from_a_run(tmp_path):
    source = clean_gold(tmp_path / "gold")
    variants, results = tmp_path / "injected", tmp_path / "results"
    assert (
        main(["inject", "--corpus", f"gold:{source}", "--out", str(variants), "--levels", "0,0.2"])
        == 0
    )
    assert (
        main(
            [
                "run",
                "--corpus",
                f"gold:{variants}",
                "--engines",
                "fake-echo,fake-article",
                "--out",
                str(results),
                "-q",
                "--no-cache",
            ]
        )
        == 0
    )
    assert main(["inject", "--curves", str(results)]) == 0
    table = (results / "injection-curves.csv").read_text().splitlines()
    assert table[0] == "engine,placement,level,pages,f1,removal_recall"
    rows = [r.split(",") for r in table[1:]]
    echo_spam = [r for r in rows if r[0] == "fake-echo" and r[1] == "paragraph" and r[2] == "0.2"]
    assert echo_spam and float(echo_spam[0][5]) == 0.0  # keeps everything: no spam removed
    assert (results / "injection-curves.png").stat().st_size > 1000
