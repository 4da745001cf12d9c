"""Lint a composite action (``action.yml``) with actionlint.

actionlint checks workflow files, and the inputs a workflow passes to a local action,
but not an action's own metadata and steps. So this script checks the metadata's shape
(name, description, described inputs, outputs with a value, composite steps, a shell
on every run step) and then writes the steps into a synthetic workflow (triggered by
workflow_call with the action's inputs, its outputs as the job's) that actionlint
checks like any other: expressions and contexts, the inputs of the actions it uses, and
the shell scripts (shellcheck). Usage: ``python scripts/lint_action.py action.yml``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml


def metadata_problems(action: dict[str, Any]) -> list[str]:
    problems = [f"missing '{key}'" for key in ("name", "description", "runs") if key not in action]
    for name, spec in (action.get("inputs") or {}).items():
        if not (spec or {}).get("description"):
            problems.append(f"input '{name}' has no description")
    for name, spec in (action.get("outputs") or {}).items():
        if "value" not in (spec or {}):
            problems.append(f"output '{name}' of a composite action needs a 'value'")
    runs = action.get("runs") or {}
    if runs.get("using") != "composite":
        problems.append("runs.using must be 'composite' (this linter checks composite actions)")
    for number, step in enumerate(runs.get("steps") or [], start=1):
        if "run" in step and "shell" not in step:
            problems.append(f"step {number} ({step.get('name', 'unnamed')}): 'run' needs 'shell'")
        if "run" not in step and "uses" not in step:
            problems.append(f"step {number}: neither 'run' nor 'uses'")
    return problems


def as_workflow(action: dict[str, Any]) -> dict[str, Any]:
    inputs = {
        name: {
            "description": (spec or {}).get("description", ""),
            "required": bool((spec or {}).get("required", False)),
            "type": "string",
            **({"default": str(spec["default"])} if "default" in (spec or {}) else {}),
        }
        for name, spec in (action.get("inputs") or {}).items()
    }
    job: dict[str, Any] = {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}
    outputs = {n: s["value"] for n, s in (action.get("outputs") or {}).items() if "value" in s}
    if outputs:
        job["outputs"] = outputs
    return {"name": action.get("name", "action"), "on": {"workflow_call": {"inputs": inputs}},
            "jobs": {"action": job}}  # fmt: skip


def main(argv: list[str]) -> int:
    bin_dir = Path(sys.executable).parent
    actionlint = shutil.which("actionlint", path=str(bin_dir)) or shutil.which("actionlint")
    shellcheck = shutil.which("shellcheck", path=str(bin_dir)) or shutil.which("shellcheck")
    if actionlint is None:
        print("lint_action: actionlint not found (make setup)", file=sys.stderr)
        return 2
    failed = 0
    for name in argv or ["action.yml"]:
        path = Path(name)
        action = yaml.safe_load(path.read_text(encoding="utf-8"))
        for problem in metadata_problems(action):
            print(f"{path}: {problem}")
            failed += 1
        if "steps" not in (action.get("runs") or {}):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            workflow = Path(tmp) / f"{path.stem}-as-workflow.yml"
            workflow.write_text(yaml.safe_dump(as_workflow(action), sort_keys=False, width=1000))
            checkers = ["-shellcheck", shellcheck or "", "-pyflakes", ""]
            done = subprocess.run(
                [actionlint, *checkers, str(workflow)], capture_output=True, text=True
            )
            if done.returncode != 0:
                print(f"{path} (its steps as a workflow):\n{done.stdout}{done.stderr}")
                failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
