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


def test_datasheet_counts_from_the_files(gold_dir):
    from benchmark.corpus.datasheet import datasheet, update_readme

    sheet = datasheet(gold_dir)
    assert sheet.startswith("2 cases, 1 templates, 1 languages, 1 encodings; spam on 2 pages")
    assert "| spam | 2 |" in sheet
    readme = gold_dir / "README.md"
    readme.write_text("# Gold\n")
    assert update_readme(readme, gold_dir) is True
    assert update_readme(readme, gold_dir) is False  # idempotent
    assert "| spam | 2 |" in readme.read_text()


def test_bundled_datasheet_is_current():
    """gold/README.md's datasheet must match the cases (run: boilerbench validate --datasheet)."""
    from benchmark.corpus.bundled import default_gold_dir
    from benchmark.corpus.datasheet import END, START, datasheet

    root = default_gold_dir()
    text = (root / "README.md").read_text(encoding="utf-8")
    if not any(root.joinpath("cases").iterdir()):
        return
    assert START in text, "run: boilerbench validate --datasheet"
    section = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert section == datasheet(root).strip(), (
        "stale datasheet: run boilerbench validate --datasheet"
    )
