"""Gate a maintainer's extractor: its package at two git revisions, same pages, paired test.

``boilerbench gate --base REV --head REV`` in the maintainer's repository:

1. each revision's tree is exported (``git archive``: committed files only, the
   caller's checkout untouched) and installed with its dependencies into a fresh venv
   of its own (``uv``), with html-text (the harness's HTML-to-text conversion);
2. the engine(s), looked up *inside* each venv by name (the package's
   ``boilerbench.engines`` entry points, or a built-in adapter such as ``trafilatura``
   when the maintainer's package is that library), are served over the engine protocol
   (``benchmark.engines.serve``): the harness, the pages and the scoring are this
   boilerbench, identical for both revisions;
3. both run on each corpus (the bundled gold by default; a real-page set with
   ``--corpus aeb:DIR`` or ``wcxb:DIR``), uncached, and ``compare`` gates HEAD against
   BASE: a regression is a gated metric worse by more than the threshold *and* a paired
   bootstrap CI on the worse side.

The output folder holds, per corpus, ``base/`` and ``head/`` results folders, the
environments' package lists (``env-base.txt``, ``env-head.txt``), ``report.md`` (the
PR comment) and ``gate.json`` (the verdict).
"""

from __future__ import annotations

import importlib.metadata as md
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmark.engines import Engine

if TYPE_CHECKING:
    from benchmark.compare import Comparison
from benchmark.engines.protocol import ServerCommand, handshake_version
from benchmark.engines.serve import bootstrap_argv
from benchmark.engines.sidecar import uv_binary
from benchmark.errors import UserError
from benchmark.settings import RunSettings

SIDES = ("base", "head")
MARKER = "<!-- boilerbench-gate -->"  # the action finds its one PR comment by it


@dataclass(frozen=True)
class GateOptions:
    repo: Path
    base: str
    head: str
    engines: Sequence[str] = ()
    package_dir: str = "."
    corpora: Sequence[str] = ("gold",)
    metrics: Sequence[str] = ("f1",)
    threshold: float = 0.01
    python: str | None = None
    constraints: Path | None = None
    extra_requirements: Sequence[str] = ()
    workers: int = 2
    timeout: float = 60.0


@dataclass
class Revision:
    side: str
    ref: str
    sha: str
    venv: Path
    python: Path
    package: Path


@dataclass
class CorpusVerdict:
    corpus: str
    regressions: list[str]
    gated: str  # the gated rows, a short Markdown table
    markdown: str  # every changed figure (compare's table)


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise UserError(f"git {' '.join(args)} failed in {repo}: {done.stderr.strip()[:300]}")
    return done.stdout.strip()


def resolve_revision(repo: Path, ref: str) -> str:
    """The commit ``ref`` names (a branch, tag, sha, ``HEAD~1``, ``origin/main``)."""
    if not repo.is_dir():
        raise UserError("repository folder not found", repo)
    _git(repo, "rev-parse", "--git-dir")  # "not a git repository" from git itself
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except UserError:
        raise UserError(
            f"no such revision {ref!r} (in CI, check out with fetch-depth: 0)", repo
        ) from None


def export_tree(repo: Path, sha: str, into: Path) -> None:
    """The committed files of ``sha`` (``git archive``), extracted safely into ``into``."""
    done = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", sha], capture_output=True, check=False
    )
    if done.returncode != 0:
        raise UserError(f"git archive {sha[:12]} failed: {done.stderr.decode()[:300]}")
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(into, filter="data")


def _uv(argv: list[str], what: str) -> str:
    uv = uv_binary()
    if uv is None:
        raise UserError("uv not found: the gate builds one environment per revision with uv")
    done = subprocess.run([uv, *argv], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = " / ".join(done.stderr.strip().splitlines()[-4:])
        raise UserError(f"{what} failed: {tail[:600]}")
    return done.stdout


def build_environment(options: GateOptions, side: str, ref: str, work: Path) -> Revision:
    """Export ``ref`` and install its package into a venv of its own."""
    sha = resolve_revision(options.repo, ref)
    source = work / f"src-{side}"
    export_tree(options.repo, sha, source)
    package = source / options.package_dir
    if not (package / "pyproject.toml").is_file() and not (package / "setup.py").is_file():
        raise UserError(
            f"{ref} ({sha[:12]}) has no pyproject.toml or setup.py in {options.package_dir!r}"
            " (--package-dir)"
        )
    venv = work / f"env-{side}"
    python = options.python or sys.executable  # by default this boilerbench's Python
    _uv(["venv", "--quiet", "--python", python, str(venv)], f"creating the {side} environment")
    requirements = [str(package), f"html-text=={md.version('html-text')}"]
    requirements += list(options.extra_requirements)
    argv = ["pip", "install", "--quiet", "--python", str(venv / "bin" / "python")]
    if options.constraints:
        argv += ["--constraint", str(options.constraints)]
    _uv([*argv, *requirements], f"installing {ref} ({sha[:12]}) into its environment")
    return Revision(side, ref, sha, venv, venv / "bin" / "python", package)


def plugin_engines(python: Path) -> list[str]:
    """The engine names of the ``boilerbench.engines`` entry points in an environment."""
    argv = [*bootstrap_argv(python, "--list")]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise UserError(f"cannot list the engines of {python}: {done.stderr.strip()[-300:]}")
    return [line for line in done.stdout.splitlines() if line.strip()]


def served_engine(name: str, revision: Revision) -> Engine:
    """The engine ``name`` as installed in ``revision``'s environment, over the protocol.
    Its row keeps the plain name in both runs, so ``compare`` pairs them."""
    command = ServerCommand(bootstrap_argv(revision.python, name))
    return Engine(
        name=name,
        extract=command,
        description=f"{name} at {revision.ref} ({revision.sha[:12]}), served from its own venv",
        options={"revision": revision.sha},
        version_from=partial(handshake_version, command),
        code_paths=partial(list, [revision.package]),  # this revision's source tree
    )


def _freeze(revision: Revision) -> str:
    return _uv(["pip", "freeze", "--python", str(revision.python)], "listing an environment")


def _label(spec: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", spec.split(":", 1)[0]).strip("-") or "corpus"


def run_gate(options: GateOptions, out: Path, keep: bool = False) -> dict[str, Any]:
    """Build both environments, run, compare; write ``out``; return the verdict."""
    from benchmark.compare import compare_results, render_markdown
    from benchmark.corpus import load_corpus
    from benchmark.pipeline import run_benchmark

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="boilerbench-gate-"))
    try:
        revisions = [
            build_environment(options, side, ref, work)
            for side, ref in zip(SIDES, (options.base, options.head), strict=True)
        ]
        names = list(options.engines) or plugin_engines(revisions[1].python)
        if not names:
            raise UserError(
                "no engine to gate: give --engine NAME, or declare a 'boilerbench.engines'"
                " entry point in the package"
            )
        for revision in revisions:
            (out / f"env-{revision.side}.txt").write_text(_freeze(revision), encoding="utf-8")
        settings = RunSettings(
            workers=options.workers, timeout=options.timeout, cache_dir=None, progress=False
        )
        verdicts: list[CorpusVerdict] = []
        for spec in options.corpora:
            corpus = load_corpus(spec)
            folder = out / _label(spec) if len(options.corpora) > 1 else out
            results = {}
            for revision in revisions:
                engines = [served_engine(name, revision) for name in names]
                missing = [e.name for e in engines if e.version is None]
                if missing:
                    raise UserError(
                        f"engine(s) {', '.join(missing)} not found in {revision.ref}"
                        f" ({revision.sha[:12]}): no such entry point or built-in adapter"
                    )
                results[revision.side] = run_benchmark(
                    corpus, engines, settings=settings, out=folder / revision.side
                )
            comparison = compare_results(
                results["base"],
                results["head"],
                engines=names,
                gate_metrics=options.metrics,
                threshold=options.threshold,
                base_path=f"{options.base} ({revisions[0].sha[:12]})",
                head_path=f"{options.head} ({revisions[1].sha[:12]})",
            )
            regressions = [f"{r.engine} {r.metric} {r.delta:+.3f}" for r in comparison.regressions]
            verdicts.append(
                CorpusVerdict(
                    spec, regressions, _gated_table(comparison), render_markdown(comparison)
                )
            )
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    failed = any(v.regressions for v in verdicts)
    report = _report(options, revisions, names, verdicts, failed)
    (out / "report.md").write_text(report, encoding="utf-8")
    verdict = {
        "passed": not failed,
        "base": {"ref": options.base, "sha": revisions[0].sha},
        "head": {"ref": options.head, "sha": revisions[1].sha},
        "engines": names,
        "metrics": list(options.metrics),
        "threshold": options.threshold,
        "corpora": {v.corpus: v.regressions for v in verdicts},
    }
    (out / "gate.json").write_text(json.dumps(verdict, indent=2) + "\n", encoding="utf-8")
    return verdict


def _report(
    options: GateOptions,
    revisions: list[Revision],
    names: list[str],
    verdicts: list[CorpusVerdict],
    failed: bool,
) -> str:
    base, head = revisions
    status = "❌ regression" if failed else "✅ no significant regression"
    lines = [
        MARKER,
        f"### boilerbench gate: {status}",
        "",
        f"Engine(s) {', '.join(f'`{n}`' for n in names)} at BASE `{base.ref}`"
        f" ({base.sha[:12]}) and HEAD `{head.ref}` ({head.sha[:12]}), each installed in its"
        f" own environment; gated on {', '.join(options.metrics)} (threshold"
        f" {options.threshold}).",
        "",
    ]
    for verdict in verdicts:
        lines += [f"#### corpus `{verdict.corpus}`", "", verdict.gated]
        if verdict.regressions:
            lines += [f"**Regression(s):** {'; '.join(verdict.regressions)}", ""]
        lines += [
            "<details><summary>every figure that changed</summary>",
            "",
            verdict.markdown,
            "</details>",
            "",
        ]
    return "\n".join(lines) + "\n"


def _gated_table(comparison: Comparison) -> str:
    """The gated rows only: what decided the verdict."""
    regressions = comparison.regressions
    lines = [
        "| engine | metric | base | head | Δ | 95% CI of Δ | verdict |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for row in comparison.rows:
        if not row.gated or row.metric == "failures":
            continue
        ci = "–" if row.low != row.low else f"{row.low:+.3f} … {row.high:+.3f}"
        value = ["–" if v is None else f"{v:.3f}" for v in (row.base, row.head)]
        delta = "–" if row.delta != row.delta else f"{row.delta:+.3f}"
        verdict = row.verdict + (" **REGRESSION**" if row in regressions else "")
        cells = [row.engine, row.metric, *value, delta, ci, verdict]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
