"""The command line: help, engine listing, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmark.cli import main


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("run", "report", "engines", "validate"):
        assert command in out


def test_python_dash_m_works():
    done = subprocess.run(
        [sys.executable, "-m", "benchmark", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("boilerbench ")


def test_engines_lists_versions(capsys):
    assert main(["engines", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert {
        "trafilatura",
        "readability",
        "justext",
        "boilerpy3",
        "goose3",
        "newspaper4k",
        "resiliparse",
        "html-text",
    } <= set(rows)
    assert rows["fake-echo"]["version"]  # every available engine reports a version


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["run", "--engines", "trafilatur"],
            "unknown engine 'trafilatur'; did you mean 'trafilatura'?",
        ),
        (["run", "--corpus", "aeb:/no/such/dir"], "/no/such/dir: corpus path does not exist"),
        (["run", "--corpus", "nope:x"], "unknown corpus format 'nope'"),
        (["report", "/no/such/results"], "no summary.json here"),
    ],
)
def test_bad_input_is_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_malformed_gold_names_the_file(tmp_path, capsys):
    case = tmp_path / "gold" / "cases" / "bad"
    case.mkdir(parents=True)
    (case / "page.html").write_text("<p>x</p>")
    (case / "gold.yaml").write_text("url: [unclosed\n")
    assert main(["run", "--corpus", f"gold:{tmp_path / 'gold'}", "--engines", "fake-echo"]) == 2
    err = capsys.readouterr().err
    assert f"{case / 'gold.yaml'}: not valid YAML at line" in err
