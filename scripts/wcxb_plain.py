"""WCXB's dev split through each library called the plain way, scored by WCXB's own scorer.

The reference for ``docs/wcxb-reproduction.md``: no boilerbench code runs the engines
here. Each library is called as its own documentation shows, on the page decoded as
WCXB's README does (``gzip.open(..., "rt", encoding="utf-8")``); the texts are written
as WCXB results (``{file_id: text}``) and scored by WCXB's ``evaluate.py --results
--per-type``, run as a subprocess. A page that fails or exceeds the time limit is an
empty text (as a missing id is in ``evaluate.py``) and is listed in ``NAME.errors.json``.

    .venv/bin/python scripts/wcxb_plain.py extract            # all plain calls, 2 workers
    .venv/bin/python scripts/wcxb_plain.py extract --engines goose3,jusText
    .venv/bin/python scripts/wcxb_plain.py adapters /tmp/wcxb-run   # a boilerbench run's outputs
    .venv/bin/python scripts/wcxb_plain.py table              # Markdown table of all scores

Outputs go to ``results/wcxb/`` (ignored by git: the texts are third-party page text).
WCXB (Foley 2026), CC-BY-4.0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
import warnings
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT.parent / "shared" / "datasets" / "wcxb-dev"
OUT = ROOT / "results" / "wcxb"
TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


# --- the plain calls: one function per library, as its documentation shows -------------


def trafilatura_default(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def trafilatura_no_comments(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def trafilatura_precision(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


def trafilatura_recall(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, favor_recall=True) or ""


def newspaper4k(html: str, url: str) -> str:
    """Article(url), download(input_html=...), parse(), .text. ``fetch_images=False`` only
    because this machine has no network: with images on, parse() waits 5-20 s per page on
    image downloads; the text is the same either way (checked on the first 12 pages)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from newspaper import Article

    article = Article(url, fetch_images=False)
    article.download(input_html=html)
    article.parse()
    return article.text


def justext_english(html: str, url: str) -> str:
    import justext

    paragraphs = justext.justext(html, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def boilerpy3(html: str, url: str) -> str:
    from boilerpy3 import extractors

    return extractors.ArticleExtractor().get_content(html)


def readability_text_content(html: str, url: str) -> str:
    """summary() is HTML; lxml's text_content() is the plainest way to text."""
    import lxml.html
    from readability import Document

    summary = Document(html).summary()
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


def readability_raw_html(html: str, url: str) -> str:
    """summary() scored as it is, HTML tags and all (trafilatura's comparison.py does this)."""
    from readability import Document

    return Document(html).summary()


def goose3(html: str, url: str) -> str:
    from goose3 import Goose

    with Goose() as goose:
        return goose.extract(raw_html=html).cleaned_text


PLAIN = {
    "trafilatura": trafilatura_no_comments,
    "trafilatura-defaults": trafilatura_default,
    "trafilatura-precision": trafilatura_precision,
    "trafilatura-recall": trafilatura_recall,
    "newspaper4k": newspaper4k,
    "justext": justext_english,
    "boilerpy3": boilerpy3,
    "readability": readability_text_content,
    "readability-html": readability_raw_html,
    "goose3": goose3,
}


# --- running and scoring ---------------------------------------------------------------


def pages(split: Path) -> list[tuple[str, str]]:
    """(file_id, url) of every page of the split, in file order."""
    out = []
    for path in sorted((split / "ground-truth").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append((path.stem, data.get("url") or ""))
    return out


def run_one(name: str, html_path: str, url: str) -> str:
    with gzip.open(html_path, "rt", encoding="utf-8") as f:
        html = f.read()
    return PLAIN[name](html, url) or ""


def extract(names: list[str], split: Path, out: Path, workers: int, timeout: float) -> None:
    from pebble import ProcessPool

    todo = pages(split)
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        started = time.time()
        texts: dict[str, str] = {}
        errors: dict[str, str] = {}
        with ProcessPool(max_workers=workers, max_tasks=200) as pool:
            futures = {
                fid: pool.schedule(
                    run_one, (name, str(split / "html" / f"{fid}.html.gz"), url), timeout=timeout
                )
                for fid, url in todo
            }
            for fid, future in futures.items():
                try:
                    texts[fid] = future.result()
                except FutureTimeout:
                    texts[fid], errors[fid] = "", f"timeout after {timeout:g} s"
                except Exception as exc:
                    texts[fid], errors[fid] = "", f"{type(exc).__name__}: {str(exc)[:200]}"
        (out / f"{name}.json").write_text(json.dumps(texts, ensure_ascii=False))
        (out / f"{name}.errors.json").write_text(json.dumps(errors, indent=1))
        print(f"{name}: {len(texts)} pages, {len(errors)} failed, {time.time() - started:.0f} s")
        score(out / f"{name}.json", split)


_OVERALL = re.compile(r"^\s+(Precision|Recall|F1):\s+([\d.]+)", re.M)
_SNIPPETS = re.compile(r"^\s+(With|Without) snippets:\s+([\d.]+)%", re.M)
_TYPE = re.compile(r"^\s+(\w+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$", re.M)


def score(results: Path, split: Path) -> dict:
    """Run WCXB's evaluate.py on one results file; keep its output and the parsed figures."""
    done = subprocess.run(
        [
            sys.executable,
            "evaluate.py",
            "--split",
            split.name,
            "--results",
            str(results.resolve()),
            "--per-type",
        ],
        cwd=split.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    results.with_suffix(".evaluate.txt").write_text(done.stdout)
    figures: dict = {k.lower(): float(v) for k, v in _OVERALL.findall(done.stdout)}
    figures |= {f"{k.lower()}_rate": float(v) / 100 for k, v in _SNIPPETS.findall(done.stdout)}
    figures["types"] = {
        t: {"n": int(n), "f1": float(f1), "precision": float(p), "recall": float(r)}
        for t, n, f1, p, r in _TYPE.findall(done.stdout)
        if t in TYPES
    }
    results.with_suffix(".scores.json").write_text(json.dumps(figures, indent=1))
    return figures


def adapters(run: Path, split: Path, out: Path) -> None:
    """A boilerbench run's ``outputs/<engine>.json`` (AEB format) -> WCXB results, scored."""
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted((run / "outputs").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts = {fid: item.get("articleBody") or "" for fid, item in data["output"].items()}
        target = out / path.name
        target.write_text(json.dumps(texts, ensure_ascii=False))
        figures = score(target, split)
        print(f"{path.stem}: {len(texts)} pages, F1 {figures['f1']:.4f}")


def table(out: Path) -> str:
    rows = ["| engine | source | F1 | P | R | with | without |", "|---|---|--:|--:|--:|--:|--:|"]
    for source in ("plain", "adapter"):
        for path in sorted((out / source).glob("*.scores.json")):
            f = json.loads(path.read_text())
            name = path.name.removesuffix(".scores.json")
            rows.append(
                f"| {name} | {source} | {f['f1']:.3f} | {f['precision']:.3f} | {f['recall']:.3f}"
                f" | {f['with_rate']:.3f} | {f['without_rate']:.3f} |"
            )
    rows += ["", "| engine | source | " + " | ".join(TYPES) + " |", "|---|---|" + "--:|" * 7]
    for source in ("plain", "adapter"):
        for path in sorted((out / source).glob("*.scores.json")):
            f = json.loads(path.read_text())["types"]
            name = path.name.removesuffix(".scores.json")
            cells = " | ".join(f"{f[t]['f1']:.3f}" if t in f else "" for t in TYPES)
            rows.append(f"| {name} | {source} | {cells} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", type=Path, default=DATASET / "dev")
    parser.add_argument("--out", type=Path, default=OUT)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("extract", help="run the plain calls and score them")
    run.add_argument("--engines", default=",".join(PLAIN))
    run.add_argument("--workers", type=int, default=2)
    run.add_argument("--timeout", type=float, default=60.0, help="per-page limit, seconds")
    conv = sub.add_parser("adapters", help="score a boilerbench run's outputs/ with evaluate.py")
    conv.add_argument("run", type=Path)
    sub.add_parser("table", help="Markdown table of the scores written so far")
    args = parser.parse_args()
    if args.command == "extract":
        names = [n.strip() for n in args.engines.split(",") if n.strip()]
        unknown = sorted(set(names) - set(PLAIN))
        if unknown:
            parser.error(f"unknown engine(s) {unknown}; known: {', '.join(PLAIN)}")
        extract(names, args.split, args.out / "plain", args.workers, args.timeout)
    elif args.command == "adapters":
        adapters(args.run, args.split, args.out / "adapter")
    else:
        print(table(args.out))


if __name__ == "__main__":
    main()
