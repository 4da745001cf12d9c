"""Stand-off labels for real pages: page text, alignment, regions, apply, pre-label, CLI.

Every page here is written for the test (invented text) in a fake dataset layout under
``tmp_path``; one slow test uses ../shared/datasets when it is there.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import lxml.etree
import pytest

from benchmark.annotations import annotate_corpus
from benchmark.annotations.agreement import changed_share, cohen_kappa, one_vs_rest
from benchmark.annotations.apply import page_segments
from benchmark.annotations.check import check_tree
from benchmark.annotations.datasets import DatasetPage
from benchmark.annotations.pagetext import PageText
from benchmark.annotations.prelabel import prelabel
from benchmark.annotations.regions import is_region, label_page
from benchmark.annotations.store import Annotation, Region, read_annotation, write_annotation
from benchmark.annotations.view import PageView
from benchmark.cli import main
from benchmark.corpus.aeb import load_aeb
from benchmark.corpus.validate import page_text
from benchmark.errors import UserError
from benchmark.scoring.tokens import tokenize

SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Harbour</title>
<script>var tracking = "not text";</script></head><body>
<header id="top"><a href="/">Riverton Gazette</a> <span>Daily news since 1901</span></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Harbour budget passes after long debate</h1>
<p class="byline">By Jane Doe, May 14</p>
<p>The council approved the new harbour budget on Tuesday night after a long debate.</p>
<figure><img src="pier.jpg"><figcaption>The north pier at dawn, photo by Sam Lee</figcaption>
</figure>
<p>Fishermen said the money for the north pier was overdue, and the mayor <b>agreed</b>.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Storm closes coast road</a></li>
</ul></aside>
<!-- a comment: not text --><footer><p>Copyright 2024 The Riverton Gazette</p></footer>
</body></html>"""

GOLD = (
    "The council approved the new harbour budget on Tuesday night after a long debate.\n\n"
    "Fishermen said the money for the north pier was overdue, and the mayor agreed."
)

BODY = "/html/body"
ARTICLE_EL = f"{BODY}/main/article"
LABELS = {  # xpath -> kind: every non-article block of PAGE
    f"{BODY}/header": "header",
    f"{BODY}/nav": "navigation",
    f"{ARTICLE_EL}/h1": "metadata",
    f"{ARTICLE_EL}/p[1]": "metadata",
    f"{ARTICLE_EL}/figure": "caption",
    f"{ARTICLE_EL}/div": "share",
    f"{BODY}/aside": "sidebar",
    f"{BODY}/footer": "footer",
}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_data(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """A fake datasets folder: the same pages as AEB and as WCXB dev."""
    aeb = root / "aeb"
    (aeb / "html").mkdir(parents=True)
    wcxb = root / "wcxb-dev" / "dev"
    (wcxb / "html").mkdir(parents=True)
    (wcxb / "ground-truth").mkdir()
    truth = {}
    for page_id, (html, gold) in pages.items():
        for folder in (aeb, wcxb):
            (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": gold, "url": f"https://news.example/{page_id}"}
        (wcxb / "ground-truth" / f"{page_id}.json").write_text(
            json.dumps(
                {
                    "url": f"https://news.example/{page_id}",
                    "_internal": {"page_type": {"primary": "article"}},
                    "ground_truth": {"main_content": gold},
                }
            )
        )
    (aeb / "ground-truth.json").write_text(json.dumps(truth))
    return root


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(tmp_path / "data", {"p1": (PAGE, GOLD), "p2": (PAGE, GOLD)})


@pytest.fixture
def ann(tmp_path: Path) -> Path:
    return tmp_path / "real"


def view_of(html: str = PAGE, gold: str = GOLD) -> PageView:
    return PageView.build(DatasetPage("aeb", "p1", "https://x.example/", html.encode(), gold, None))


def labelled(page_id: str = "p1", labels: dict[str, str] = LABELS, dataset: str = "aeb"):
    regions = [
        Region(i, xpath, kind, reviewed_by="test", reviewed_at="2026-01-01T00:00:00Z")
        for i, (xpath, kind) in enumerate(labels.items(), start=1)
    ]
    return Annotation(dataset, page_id, sha(PAGE.encode()), regions)


def save_labelled(ann: Path, annotation: Annotation) -> Path:
    """Write with correct ``words`` (as the CLI would)."""
    labelling = label_page(view_of(), annotation.regions)
    for resolved in labelling.resolved:
        resolved.region.words = resolved.owned
    return write_annotation(ann, annotation)


# -- page text and alignment -----------------------------------------------------------


def test_page_tokens_are_validate_page_text_tokens():
    assert PageText.parse(PAGE).tokens == tokenize(page_text(PAGE))
    # the one known difference (none on the 1,678 AEB + WCXB dev pages): a script inside a
    # word; page_text's drop_tree fuses the two halves, text nodes keep them apart
    tricky = "<html><body><div>a<!-- c -->b<script>s</script>c<b>d</b>e</div></body></html>"
    assert tokenize(page_text(tricky)) == ["a", "bc", "d", "e"]
    assert PageText.parse(tricky).tokens == ["a", "b", "c", "d", "e"]


def test_text_node_xpaths_name_the_same_text_in_lxml():
    text = PageText.parse(PAGE)
    tree = text.root.getroottree()
    for node in text.nodes:
        found = tree.xpath(text.node_xpath(node))
        assert [str(s) for s in found] == [node.text]
        assert text.resolve(text.node_xpath(node)).words == len(node.spans)


def test_alignment_marks_article_tokens():
    view = view_of()
    article = [t for t, a in zip(view.text.tokens, view.article, strict=True) if a]
    assert article == tokenize(GOLD)
    # "north pier" also occurs in the caption: a two-token echo is not article
    caption = view.text.resolve(f"{ARTICLE_EL}/figure")
    assert not any(view.article[caption.start : caption.end])


def test_short_gold_matches_whole_and_headline_is_taken_near_the_article():
    short = view_of(gold="Most read")
    assert sum(short.article) == 2
    page = PAGE.replace("<nav>", "<nav><span>Harbour budget passes after long debate</span>")
    view = view_of(page, "Harbour budget passes after long debate\n\n" + GOLD)
    h1 = view.text.resolve(f"{ARTICLE_EL}/h1")
    assert all(view.article[h1.start : h1.end])  # the headline, not its echo in the menu
    menu = view.text.resolve(f"{BODY}/nav")
    assert not any(view.article[menu.start : menu.end])


# -- regions ---------------------------------------------------------------------------


def test_innermost_region_wins():
    regions = [Region(1, f"{BODY}/aside", "sidebar"), Region(2, f"{BODY}/aside/h3", "other")]
    view = view_of()
    labels = label_page(view, regions).labels()
    h3 = view.text.resolve(f"{BODY}/aside/h3")
    aside = view.text.resolve(f"{BODY}/aside")
    assert set(labels[h3.start : h3.end]) == {"other"}
    assert set(labels[h3.end : aside.end]) == {"sidebar"}


def test_article_run_inside_a_region_is_reported(data, ann):
    annotation = labelled(labels={**LABELS, ARTICLE_EL: "other"})
    save_labelled(ann, annotation)
    (report,) = check_tree(ann, data)
    assert any("holds 14 article words in a row" in p for p in report.problems)
    assert "region 9" in " ".join(report.problems)


def test_coverage_and_unlabelled_stretches(data, ann):
    save_labelled(ann, labelled(labels={k: v for k, v in LABELS.items() if "footer" not in k}))
    (report,) = check_tree(ann, data)
    view = view_of()
    non_article = len(view.text.tokens) - sum(view.article)
    assert report.coverage == pytest.approx((non_article - 5) / non_article)
    (problem,) = report.problems
    assert "'Copyright 2024 The Riverton Gazette' (5 words at /html/body/footer/p)" in problem


def test_words_drift_and_missing_xpath_are_reported(data, ann):
    annotation = labelled()
    save_labelled(ann, annotation)
    annotation.regions[0].words += 1
    annotation.regions.append(Region(9, f"{BODY}/section", "other", words=3, reviewed_by="t"))
    write_annotation(ann, annotation)
    problems = check_tree(ann, data)[0].problems
    assert any(
        "region 1 (/html/body/header): holds 6 words, the file says 7" in p for p in problems
    )
    assert any("region 9 (/html/body/section): XPath matches nothing" in p for p in problems)


# -- apply -----------------------------------------------------------------------------


def test_segments_in_page_order_with_page_text():
    view = view_of()
    segments = page_segments(label_page(view, labelled().regions), GOLD)
    assert [s.kind for s in segments] == [
        "header",
        "navigation",
        "metadata",
        "article",
        "caption",
        "article",
        "share",
        "sidebar",
        "footer",
    ]
    texts = {s.kind: s.text for s in segments}
    assert texts["caption"] == "The north pier at dawn, photo by Sam Lee"
    assert texts["metadata"] == "Harbour budget passes after long debate\nBy Jane Doe, May 14"
    assert texts["navigation"] == "Home Local\nSport"  # the page's own line break
    article = [s.text for s in segments if s.kind == "article"]
    assert tokenize(" ".join(article)) == tokenize(GOLD)  # the dataset's gold, cut not changed
    assert article[0].endswith("debate.")


def test_annotate_corpus_applies_reviewed_pages_only(data, ann):
    corpus = load_aeb(data / "aeb", "aeb:x")
    save_labelled(ann, labelled("p1"))
    unreviewed = labelled("p2")
    unreviewed.regions[0].kind = None
    save_labelled(ann, unreviewed)
    new, stats = annotate_corpus(corpus, "aeb", ann)
    assert stats.applied == 1 and stats.unreviewed == ["p2"] and stats.without_annotation == 0
    by_id = {p.id: p for p in new.pages}
    assert by_id["p1"].gold.kinds_present() == set(LABELS.values())
    assert by_id["p2"].gold == corpus.pages[1].gold
    assert tokenize(by_id["p1"].gold.article_text) == tokenize(GOLD)
    assert new.fingerprint != corpus.fingerprint
    assert "1 not applied (unreviewed regions)" in stats.line()


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("read although the memo holds the labels")


def test_applied_labels_are_kept_between_runs_and_follow_the_labels(
    data, ann, tmp_path, monkeypatch
):
    corpus = load_aeb(data / "aeb", "aeb:x")
    save_labelled(ann, labelled("p1"))
    memo = tmp_path / "memo"
    fresh, _ = annotate_corpus(corpus, "aeb", ann)
    first, _ = annotate_corpus(corpus, "aeb", ann, memo_dir=memo)
    again, _ = annotate_corpus(corpus, "aeb", ann, memo_dir=memo)  # from labels.sqlite
    assert (memo / "labels.sqlite").is_file()
    assert fresh.fingerprint == first.fingerprint == again.fingerprint
    assert [p.gold for p in again.pages] == [p.gold for p in fresh.pages]
    # a hit reads neither an annotation nor a page: the corpus's labels are kept whole
    with monkeypatch.context() as patched:
        patched.setattr("benchmark.annotations.apply.read_annotation", _never)
        patched.setattr("benchmark.corpus.source.PageSource.read_bytes", _never)
        remembered, stats = annotate_corpus(corpus, "aeb", ann, memo_dir=memo)
    assert [p.gold for p in remembered.pages] == [p.gold for p in fresh.pages]
    assert remembered.fingerprint == fresh.fingerprint
    assert (stats.applied, stats.without_annotation, stats.unreviewed) == (1, 1, [])
    changed = labelled("p1")
    changed.regions[0].kind = "other"  # a relabelled region is applied anew, not remembered
    save_labelled(ann, changed)
    relabelled, _ = annotate_corpus(corpus, "aeb", ann, memo_dir=memo)
    assert relabelled.fingerprint == annotate_corpus(corpus, "aeb", ann)[0].fingerprint
    assert relabelled.fingerprint != fresh.fingerprint


def test_digest_mismatch_is_refused(data, ann):
    annotation = labelled("p1")
    annotation.html_sha256 = "0" * 64
    path = save_labelled(ann, annotation)
    with pytest.raises(UserError) as caught:
        annotate_corpus(load_aeb(data / "aeb", "aeb:x"), "aeb", ann)
    assert caught.value.path == str(path) and "html_sha256 mismatch" in caught.value.problem
    assert main(["annotate", "show", "aeb", "p1", "--data", str(data), "--annotations", str(ann)])


# -- pre-labeller ----------------------------------------------------------------------


def test_prelabel_finds_landmarks_and_blocks_inside_the_article():
    view = view_of()
    regions = prelabel(view)
    found = {r.xpath: (r.prelabel, r.rule) for r in regions}
    assert found == {
        f"{BODY}/header": ("header", "tag:header"),
        f"{BODY}/nav": ("navigation", "tag:nav"),
        f"{ARTICLE_EL}/h1": ("metadata", "tag:h1"),
        f"{ARTICLE_EL}/p[1]": ("metadata", "class:byline"),
        f"{ARTICLE_EL}/figure": ("caption", "tag:figure"),
        f"{ARTICLE_EL}/div": ("share", "class:share"),
        f"{BODY}/aside": ("sidebar", "tag:aside"),
        f"{BODY}/footer": ("footer", "tag:footer"),
    }
    assert all(r.kind is None for r in regions)
    assert [r.id for r in regions] == list(range(1, 9))
    labelling = label_page(view, regions)
    assert labelling.coverage(is_region)[0] == labelling.coverage(is_region)[1]


def test_prelabel_splits_a_bottom_block_of_different_kinds():
    bottom = (
        '<div id="bottom"><div class="related-posts"><a href="/a">Another story about the'
        ' harbour</a></div><div id="comments"><p>Great article, thanks for writing it up so'
        " clearly and so fast, Jane</p>"
        "</div><p>Riverton Gazette, 1 Quay Street</p></div>"
    )
    view = view_of(PAGE.replace("<!-- a comment", bottom + "<!-- a comment"))
    found = {r.xpath: r.prelabel for r in prelabel(view)}
    assert found[f"{BODY}/div/div[1]"] == "related"
    assert found[f"{BODY}/div/div[2]"] == "comments"
    assert found[f"{BODY}/div/p"] == "footer"


# -- agreement -------------------------------------------------------------------------


def test_cohen_kappa_hand_computed():
    a = ["navigation", "navigation", "navigation", "sidebar"]
    b = ["navigation", "navigation", "sidebar", "sidebar"]
    # p_o = 3/4; p_e = 3/4*2/4 + 1/4*2/4 = 1/2; kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2
    assert cohen_kappa(a, b) == pytest.approx(0.5)
    assert one_vs_rest(a, b, "sidebar") == pytest.approx(0.5)  # the same 2x2 table here
    assert cohen_kappa(a, a) == 1.0
    assert changed_share(b, a) == 0.25


# -- command line ----------------------------------------------------------------------


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "nope", "p1"], "unknown dataset 'nope' (use one of: aeb, wcxb-dev)"),
        (["show", "aeb", "p11"], "no page 'p11' in dataset 'aeb'; did you mean 'p1'?"),
        (["prelabel", "aeb", "p9"], "no page 'p9' in dataset 'aeb'"),
        (["set", "aeb", "p1", "1=sidebr", "--by", "t"], "unknown kind 'sidebr'; did you mean"),
        (["show", "aeb", "p2"], "not pre-labelled yet"),
        (["set", "aeb", "p1", "99=ads", "--by", "t"], "no region 99 (regions: 1, 2"),
        (["add", "aeb", "p1", "/html/body/table", "ads", "--by", "t"], "matches nothing"),
        (["set", "aeb", "p1", "x", "--by", "t"], "expected N=KIND, N,M=KIND or N-M=KIND"),
    ],
)
def test_bad_input_is_one_line_exit_2(argv, message, data, ann, capsys):
    assert (
        main(["annotate", "prelabel", "aeb", "p1", "--data", str(data), "--annotations", str(ann)])
        == 0
    )
    capsys.readouterr()
    code, _, err = cli(capsys, "annotate", *argv, "--data", str(data), "--annotations", str(ann))
    assert code == 2 and message in err
    assert err.startswith("boilerbench: error: ") and err.count("\n") == 1


def test_review_loop_through_the_cli(data, ann, capsys):
    opts = ("--data", str(data), "--annotations", str(ann))
    code, out, _ = cli(capsys, "annotate", "prelabel", "wcxb-dev", "p1", *opts)
    assert code == 0 and "8 regions covering 100.0%" in out
    code, out, _ = cli(capsys, "annotate", "show", "wcxb-dev", "p1", *opts)
    assert "page type: article" in out and "prelabel: caption (tag:figure)" in out
    assert "starts: The council approved" in out and "│ The north pier at dawn" in out
    code, out, _ = cli(capsys, "annotate", "show", "wcxb-dev", "p1", "--blind", *opts)
    assert "prelabel" not in out and "kind:" not in out
    code, out, _ = cli(
        capsys, "annotate", "set", "wcxb-dev", "p1", "1=header", "--by", "ann", *opts
    )
    assert (
        "set 1 region(s): header [1]" in out
        and "1 of 8 regions labelled; still unlabelled: 2, 3" in out
    )
    # prelabel again would discard the kind: refused
    code, _, err = cli(capsys, "annotate", "prelabel", "wcxb-dev", "p1", *opts)
    assert code == 2 and "--force" in err
    code, out, _ = cli(capsys, "annotate", "children", "wcxb-dev", "p1", "7", *opts)
    assert "/html/body/aside/h3" in out and "/html/body/aside/ul" in out
    code, out, _ = cli(
        capsys, "annotate", "add", "wcxb-dev", "p1", "//aside/h3", "other", "--by", "ann", *opts
    )
    assert "added [9] /html/body/aside/h3 = other (2 words)" in out
    assert "[7] /html/body/aside now holds 4 words (was 6)" in out
    code, out, _ = cli(capsys, "annotate", "drop", "wcxb-dev", "p1", "9", *opts)
    assert "dropped [9]" in out
    code, out, _ = cli(
        capsys, "annotate", "set", "wcxb-dev", "p1", "--all-prelabels", "--by", "ann", *opts
    )
    assert "accepted 7 pre-label(s)" in out and "8 of 8 regions labelled" in out
    annotation = read_annotation(ann / "wcxb-dev" / "p1.yaml")
    assert annotation.reviewed and annotation.regions[0].reviewed_by == "ann"
    text = (ann / "wcxb-dev" / "p1.yaml").read_text()
    assert "council" not in text and "Riverton" not in text  # no page text in the file
    # blind second review: starts from the regions alone
    code, out, _ = cli(capsys, "annotate", "show", "wcxb-dev", "p1", "--second", *opts)
    assert "second review (blind): 0 of 8" in out and "prelabel" not in out
    kinds = [f"{r.id}={r.prelabel}" for r in annotation.regions]
    kinds[3] = "4=caption"  # the byline, labelled differently
    code, out, _ = cli(
        capsys, "annotate", "set", "wcxb-dev", "p1", *kinds, "--by", "b", "--second", *opts
    )
    assert code == 0 and (ann / "second-review" / "wcxb-dev" / "p1.yaml").is_file()
    code, out, _ = cli(capsys, "annotate", "agreement", *opts)
    assert "agreement over 1 page(s)" in out and "metadata -> caption: 5" in out
    assert "under 2%: rubber-stamping?" in out
    code, out, _ = cli(capsys, "annotate", "accuracy", *opts)
    assert "boilerplate words given the reviewed kind: 100.0%" in out
    code, out, _ = cli(capsys, "annotate", "status", *opts)
    assert "type article" in out and "lang en" in out
    code, out, _ = cli(capsys, "validate", "--real", str(ann), "--data", str(data))
    assert code == 0 and "2 of 2 annotation files ok (2 fully reviewed" in out


def test_validate_real_exit_codes_and_format_only_mode(data, ann, capsys, tmp_path, monkeypatch):
    save_labelled(ann, labelled("p1"))
    broken = ann / "aeb" / "p2.yaml"
    broken.write_text("dataset: aeb\npage: p2\nhtml_sha256: abc\nregions: []\n")
    code, out, _ = cli(capsys, "validate", "--real", str(ann), "--data", str(data))
    assert code == 1 and f"{broken}: html_sha256 must be 64 lowercase hex digits" in out
    broken.unlink()
    assert cli(capsys, "validate", "--real", str(ann), "--data", str(data))[0] == 0
    monkeypatch.setenv("BOILERBENCH_DATA", str(tmp_path / "empty"))
    code, out, _ = cli(capsys, "validate", "--real", str(ann))
    assert code == 0 and "1 page(s) not checked against their HTML: format only" in out


# -- real pages ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/datasets is not here")
def test_prelabel_covers_real_pages():
    from benchmark.annotations.datasets import page_ids

    for dataset in ("aeb", "wcxb-dev"):
        for page_id in page_ids(dataset, SHARED)[1::60][:3]:
            view = PageView.load(dataset, page_id, SHARED)
            regions = prelabel(view)
            labelling = label_page(view, regions)
            assert all(r.problem is None for r in labelling.resolved), page_id
            assert all(r.owned == r.region.words for r in labelling.resolved)
            covered, total = labelling.coverage(is_region)
            assert covered >= 0.95 * total, (dataset, page_id, covered, total)
            assert isinstance(view.text.root, lxml.etree._Element)


def test_text_node_region_may_share_its_node_with_the_article():
    # the gold drops a clause in the middle of a paragraph (an injected link sentence)
    page = PAGE.replace(
        "long debate.</p>", 'long debate. Buy cheap pills at <a href="#">rx</a></p>'
    )
    view = view_of(page)
    node_xpath = f"{ARTICLE_EL}/p[2]/text()[1]"
    regions = [
        Region(1, node_xpath, "spam"),
        Region(2, f"{ARTICLE_EL}/p[2]/a", "spam"),
    ]
    labelling = label_page(view, regions)
    assert labelling.article_runs() == {}  # a text-node region is not an article-run error
    segments = page_segments(labelling, GOLD)
    assert [s.text for s in segments if s.kind == "spam"] == ["Buy cheap pills at rx"]
    found = {r.xpath: r.prelabel for r in prelabel(view)}
    assert found[node_xpath] == "other"  # proposed: 4 tokens beside the article


def test_set_accepts_id_lists_and_ranges(data, ann, capsys):
    opts = ("--data", str(data), "--annotations", str(ann))
    cli(capsys, "annotate", "prelabel", "aeb", "p1", *opts)
    code, out, _ = cli(
        capsys, "annotate", "set", "aeb", "p1", "1-8=other", "2,7=sidebar", "--by", "t", *opts
    )
    assert code == 0 and "set 8 region(s): other [1, 3, 4, 5, 6, 8]; sidebar [2, 7]" in out
    code, _, err = cli(capsys, "annotate", "set", "aeb", "p1", "20-30=ads", "--by", "t", *opts)
    assert code == 2 and "no region with an id in 20-30" in err


def test_children_prints_a_ready_add_command(data, ann, capsys):
    opts = ("--data", str(data), "--annotations", str(ann))
    cli(capsys, "annotate", "prelabel", "aeb", "p1", *opts)
    code, out, _ = cli(capsys, "annotate", "children", "aeb", "p1", "7", *opts)
    assert code == 0 and "/html/body/aside/h3   h3   2 words" in out
    assert "boilerbench annotate add aeb p1 '/html/body/aside/h3' KIND '/html/body/aside/ul'" in out


def test_review_fixes_ids_never_reused_empty_parents_notes_article_refused(data, ann, capsys):
    """What the first reviewers asked for: a dropped id is never given again; a parent
    emptied by a split needs no kind; a reason can be recorded; a region holding
    article text is refused at once; children goes through wrapper chains."""
    opts = ("--data", str(data), "--annotations", str(ann))
    cli(capsys, "annotate", "prelabel", "aeb", "p1", *opts)
    code, out, _ = cli(
        capsys, "annotate", "add", "aeb", "p1", "//aside/h3", "sidebar", "--by", "t", *opts
    )
    assert "added [9]" in out
    cli(capsys, "annotate", "drop", "aeb", "p1", "9", *opts)
    code, out, _ = cli(
        capsys, "annotate", "add", "aeb", "p1", "//aside/h3", "sidebar", "--by", "t", *opts
    )
    assert "added [10]" in out  # not 9 again
    # split the aside (region 7) completely: its parent then owns no word
    code, out, _ = cli(
        capsys,
        "annotate",
        "add",
        "aeb",
        "p1",
        "//aside/ul",
        "sidebar",
        "--by",
        "t",
        "--note",
        "site-wide most-read list",
        *opts,
    )
    annotation = read_annotation(ann / "aeb" / "p1.yaml")
    parent = annotation.region(7, ann)
    assert parent.words == 0 and parent.kind is None and parent.settled
    assert annotation.regions[-1].note == "site-wide most-read list" or any(
        r.note == "site-wide most-read list" for r in annotation.regions
    )
    kinds = [
        f"{r.id}={r.prelabel or 'other'}" for r in annotation.regions if r.words and not r.kind
    ]
    cli(capsys, "annotate", "set", "aeb", "p1", *kinds, "--by", "t", *opts)
    assert read_annotation(ann / "aeb" / "p1.yaml").reviewed  # the empty parent needs no kind
    # the article paragraph itself cannot become a region
    code, _, err = cli(
        capsys, "annotate", "add", "aeb", "p1", "//article/p[2]", "ads", "--by", "t", *opts
    )
    assert code == 2 and "hold article text" in err
    assert "p[2]" not in (ann / "aeb" / "p1.yaml").read_text()


def test_children_goes_through_wrapper_chains(data, ann, capsys, tmp_path):
    wrapped = PAGE.replace(
        '<aside class="sidebar">', '<div id="w1"><div id="w2"><aside class="sidebar">'
    ).replace("</aside>", "</aside></div></div>")
    data2 = make_data(tmp_path / "d2", {"p1": (wrapped, GOLD)})
    opts = ("--data", str(data2), "--annotations", str(ann))
    cli(capsys, "annotate", "prelabel", "aeb", "p1", *opts)
    annotation = read_annotation(ann / "aeb" / "p1.yaml")
    (outer,) = [r for r in annotation.regions if r.xpath == "/html/body/div"]
    code, out, _ = cli(capsys, "annotate", "children", "aeb", "p1", str(outer.id), *opts)
    assert code == 0 and "/aside/h3" in out and "/aside/ul" in out
