"""The GitHub Action (action.yml) and its linter: shape, and agreement with the gate."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from benchmark.gate import MARKER

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("lint_action", ROOT / "scripts" / "lint_action.py")
assert _spec and _spec.loader
lint_action = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lint_action)


def test_the_action_finds_the_comment_the_gate_writes():
    text = (ROOT / "action.yml").read_text()
    assert text.count(MARKER) == 2  # written when the gate cannot run, and searched for
    action = yaml.safe_load(text)
    assert action["runs"]["using"] == "composite"
    assert lint_action.metadata_problems(action) == []


def test_the_linter_reports_bad_metadata():
    action = {
        "name": "x",
        "inputs": {"a": {}},
        "outputs": {"o": {"description": "no value"}},
        "runs": {"using": "composite", "steps": [{"run": "echo"}, {"name": "empty"}]},
    }
    problems = lint_action.metadata_problems(action)
    assert "missing 'description'" in problems
    assert "input 'a' has no description" in problems
    assert "output 'o' of a composite action needs a 'value'" in problems
    assert "step 1 (unnamed): 'run' needs 'shell'" in problems
    assert "step 2: neither 'run' nor 'uses'" in problems
    workflow = lint_action.as_workflow({**action, "inputs": {"a": {"default": 1}}})
    assert workflow["on"]["workflow_call"]["inputs"]["a"]["default"] == "1"
