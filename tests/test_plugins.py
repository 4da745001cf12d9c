"""Engines from outside the package: entry points (boilerbench.engines) and register()."""

from __future__ import annotations

import sys
import textwrap

import pytest

import benchmark.engines as registry
from benchmark.engines import Engine, get_engine, plugin_problems, register, resolve_engines
from benchmark.errors import UserError
from tests.conftest import bench

PLUGIN = textwrap.dedent(
    '''
    """A maintainer's extractor, with its boilerbench plugin module."""
    import re

    from benchmark.engines import Engine


    def extract(html: str, url: str) -> str:
        """Keep the text of <article>."""
        found = re.search(r"<article>(.*?)</article>", html, re.S)
        text = re.sub(r"<[^>]+>", "\\n", found.group(1)) if found else ""
        return "\\n\\n".join(line.strip() for line in text.splitlines() if line.strip())


    ENGINES = [Engine(name="myextract", extract=extract, distribution="myextract",
                      module="myextract", options={"mode": "article"})]
    '''
)


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """A distribution installed onto sys.path: a module and a dist-info whose
    entry_points.txt declares two engines' entry points (one broken)."""
    (tmp_path / "myextract.py").write_text(PLUGIN)
    info = tmp_path / "myextract-1.4.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: myextract\nVersion: 1.4.2\n")
    (info / "entry_points.txt").write_text(
        "[boilerbench.engines]\n"
        "myextract = myextract:ENGINES\n"
        "broken = myextract_missing:ENGINES\n"
        "clash = benchmark.engines.trafilatura\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry._plugins.cache_clear()
    registry._PROBLEMS.clear()
    yield
    sys.modules.pop("myextract", None)
    registry._plugins.cache_clear()
    registry._PROBLEMS.clear()


def test_an_installed_package_is_found_by_its_entry_point(plugin, gold_dir, tmp_path):
    engine = get_engine("myextract")
    assert engine.version == "1.4.2" and engine.available
    assert engine.description == "Keep the text of <article>."  # the docstring's first line
    assert "myextract" in {e.name for e in resolve_engines("all")}
    problems = plugin_problems()
    assert "ModuleNotFoundError" in problems["entry point 'broken' (myextract_missing:ENGINES)"]
    assert "already taken" in problems["entry point 'clash' (benchmark.engines.trafilatura)"]
    result = bench(f"gold:{gold_dir}", "myextract", tmp_path / "out", "--workers", "1")
    row = result.engine("myextract")
    assert row.info.version == "1.4.2" and row.value("f1") == pytest.approx(1.0)


def test_plugins_are_listed_with_their_problems(plugin, capsys):
    from benchmark.cli import main

    assert main(["engines"]) == 0
    shown = capsys.readouterr().out
    assert "myextract" in shown and "broken" in shown


def test_register_from_python_needs_only_a_name_and_a_function():
    def shout(html: str, url: str) -> str:
        return html.upper()

    register(Engine(name="shout", extract=shout))
    engine = get_engine("shout")
    assert engine.extract("a", "") == "A" and engine.description == "shout"
    with pytest.raises(UserError, match="already taken"):
        register(Engine(name="trafilatura", extract=shout))
    with pytest.raises(ValueError, match="engine name"):
        Engine(name="a=b", extract=shout)
    with pytest.raises(TypeError, match="callable"):
        Engine(name="x", extract="not a function")  # type: ignore[arg-type]
