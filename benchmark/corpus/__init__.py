"""Corpora: the bundled gold and the public formats, chosen by a spec string.

``gold`` (default) or ``gold:DIR``; ``aeb:DIR``; ``wcxb:DIR`` (one WCXB split); AEB and
the WCXB dev split get the reviewed per-kind boilerplate labels of ``gold/real/``;
``cleaneval:DIR`` (saved pages + CleanEval gold text); ``trafilatura:FILE.json``;
``webmainbench:FILE.jsonl`` (WebMainBench's records, both field spellings);
``warc:FILE[,FILE...]`` (pages from web archives, gold from the bundled corpus joined by
target URI: packing the bundled gold into a WARC and running from it gives the same
corpus fingerprint, so the two runs are comparable).
"""

from __future__ import annotations

from pathlib import Path

from benchmark.corpus.model import Corpus
from benchmark.errors import UserError
from benchmark.settings import LABELLED_FAMILIES

FORMATS = ("gold", "aeb", "wcxb", "cleaneval", "trafilatura", "warc", "webmainbench")


def load_corpus(
    spec: str = "gold", cache_dir: Path | None = None, metrics: frozenset[str] | None = None
) -> Corpus:
    """The corpus a spec names; every page id unique (ids name rows and files).
    ``cache_dir``: where real-page labels, once applied, are kept for the next load.
    ``metrics``: score only these families (see ``only_families``); real-page labels are
    not applied when none of them needs them (``--metrics content`` on AEB reads the
    article gold alone, as AEB's own evaluation does)."""
    labels = metrics is None or bool(metrics & LABELLED_FAMILIES)
    corpus = _load(spec, cache_dir, labels)
    seen: set[str] = set()
    for page in corpus.pages:
        if page.id in seen:
            raise UserError(f"corpus {spec!r} holds page id {page.id!r} twice")
        seen.add(page.id)
    return corpus if metrics is None else only_families(corpus, metrics)


def only_families(corpus: Corpus, metrics: frozenset[str]) -> Corpus:
    """The corpus scoring only ``metrics`` among the families its gold supports."""
    import dataclasses

    kept = corpus.families & metrics
    if not kept:
        raise UserError(
            f"--metrics {','.join(sorted(metrics))}: corpus {corpus.spec!r} supports only"
            f" {', '.join(sorted(corpus.families))}"
        )
    return dataclasses.replace(corpus, families=frozenset(kept))


def _load(spec: str, cache_dir: Path | None = None, labels: bool = True) -> Corpus:
    kind, _, arg = spec.partition(":")
    if kind not in FORMATS:
        raise UserError(
            f"unknown corpus format {kind!r} in {spec!r} (use one of: {', '.join(FORMATS)})"
        )
    if kind == "gold":
        from benchmark.corpus.bundled import load_bundled

        return load_bundled(Path(arg) if arg else None, spec)
    if not arg:
        raise UserError(f"corpus {spec!r} needs a path, e.g. {kind}:PATH")
    path = Path(arg)
    if kind != "warc" and not path.exists():
        raise UserError("corpus path does not exist", path)
    if kind == "aeb":
        from benchmark.corpus.aeb import load_aeb

        corpus = load_aeb(path, spec)
        return with_labels(corpus, "aeb", cache_dir) if labels else corpus
    if kind == "wcxb":
        from benchmark.corpus.wcxb import load_wcxb

        corpus = load_wcxb(path, spec)  # gold/real holds labels for the dev split only
        if labels and path.resolve().name == "dev":
            return with_labels(corpus, "wcxb-dev", cache_dir)
        return corpus
    if kind == "cleaneval":
        from benchmark.corpus.cleaneval import load_cleaneval

        return load_cleaneval(path, spec)
    if kind == "webmainbench":
        from benchmark.corpus.webmainbench import load_webmainbench

        return load_webmainbench(path, spec)
    if kind == "trafilatura":
        from benchmark.corpus.trafilatura_format import load_trafilatura

        return load_trafilatura(path, spec)
    return _load_warc(spec, arg)


def with_labels(corpus: Corpus, dataset: str, cache_dir: Path | None = None) -> Corpus:
    """Add the reviewed stand-off boilerplate labels of gold/real/ (see its README);
    the corpus then records the annotation version it used."""
    import dataclasses

    from benchmark.annotations import annotate_corpus

    labelled, stats = annotate_corpus(corpus, dataset, memo_dir=cache_dir)
    if not stats.applied:
        return corpus
    return dataclasses.replace(labelled, annotation_version=str(stats.version))


def _load_warc(spec: str, arg: str) -> Corpus:
    from benchmark.corpus.bundled import load_bundled
    from benchmark.corpus.model import corpus_fingerprint
    from benchmark.corpus.warc import load_warc

    paths = [Path(p) for p in arg.split(",") if p]
    for path in paths:
        if not path.is_file():
            raise UserError("archive not found", path)
    pages, skipped = load_warc(paths, spec, load_bundled().pages)
    if not pages:
        raise UserError(
            f"no HTML response record matches a gold URL (skipped: {dict(skipped)})", paths[0]
        )
    pages.sort(key=lambda p: p.id)
    return Corpus(
        "boilerbench-gold",
        spec,
        tuple(pages),
        corpus_fingerprint(pages),
        dict(skipped),
        hand_written_gold=True,
    )
