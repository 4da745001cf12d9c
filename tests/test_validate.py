"""The gold validator: segments found in order, coverage, one problem per line."""

from benchmark.cli import main
from benchmark.corpus.validate import page_text, validate_tree
from tests.conftest import NEWS_PAGE, NEWS_SEGMENTS, write_case


def test_fixture_gold_is_valid(gold_dir):
    reports = validate_tree(gold_dir)
    assert [r.problems for r in reports] == [[], []]
    assert all(r.coverage == 1.0 for r in reports)


def test_page_text_skips_head_scripts_and_styles():
    text = page_text(NEWS_PAGE)
    assert "tracking" not in text and "Harbour" not in text  # <title> and <script>
    assert "Most read" in text


def test_problems_name_the_file_and_what_is_wrong(tmp_path, capsys):
    root = tmp_path / "gold"
    write_case(
        root,
        "missing-text",
        NEWS_PAGE,
        [*NEWS_SEGMENTS[:2], {"spam": "this text is not on the page"}],
    )
    write_case(
        root, "out-of-order", NEWS_PAGE, [NEWS_SEGMENTS[1], NEWS_SEGMENTS[0], *NEWS_SEGMENTS[2:]]
    )
    write_case(root, "low-coverage", NEWS_PAGE, NEWS_SEGMENTS[1:2])
    write_case(root, "bad-kind", NEWS_PAGE, [{"sidebr": "Most read"}])
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"{root}/cases/missing-text/gold.yaml: segment 3 (spam) not found in page text" in out
    assert "out-of-order/gold.yaml: segment 2 (navigation) out of page order" in out
    assert "low-coverage/gold.yaml: gold covers" in out
    assert "'Home Local news'" in out  # unlabelled text shown as the page has it
    assert "bad-kind/gold.yaml: segment 1 has unknown kind 'sidebr'" in out
    assert "validate: 0 of 4 cases ok" in out
