"""The injected corpus: every source page, clean and under every attack and level,
generated into an ignored cache folder and handed to ``run_benchmark`` as a ``Corpus``.

Generation is seeded (the same seed gives byte-identical pages) and cached: the folder
``<cache>/injection-real/<key>/`` is named by a hash of everything the pages depend on
(the datasets' pages and gold, the reviewed labels, the seed, attacks, levels, page
count, and the source of the code that makes them), and holds ``pages/<id>.html`` and
``manifest.json`` (each page's gold and what was injected). Pages are made in forked
worker processes, one source page per task.

Clean pages are the dataset's own files (read in place, so their extractions share the
output cache with ordinary runs of AEB and WCXB); each carries the gold derived from
its labels.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from benchmark.corpus.model import Corpus, Gold, Page, Segment, corpus_fingerprint
from benchmark.corpus.source import PageSource
from benchmark.errors import UserError
from benchmark.injection.real.attacks import ATTACKS, Attack
from benchmark.injection.real.build import (
    CLEAN,
    HELDOUT_ATTACK,
    HELDOUT_LEVEL,
    LEVELS,
    Variant,
    clean_variant,
    inject,
)
from benchmark.injection.real.source import DATASETS, SourcePage, select_sources

#: bump when the manifest's layout changes (the code hash covers what makes the pages)
FORMAT = 1
_PACKAGE = Path(__file__).resolve().parents[2]
#: the code that makes the pages and their gold (not the figures made from them)
_CODE = (
    "injection/real/spam*.py",
    "injection/real/attacks.py",
    "injection/real/dom.py",
    "injection/real/build.py",
    "injection/real/source.py",
    "annotations/apply.py",
    "annotations/align.py",
    "annotations/pagetext.py",
    "annotations/regions.py",
    "annotations/view.py",
    "corpus/validate.py",
    "corpus/aeb.py",
    "corpus/wcxb.py",
    "corpus/decoding.py",
    "scoring/tokens.py",
)


@dataclass
class InjectedCorpus:
    """The corpus to run, and what each of its pages is."""

    corpus: Corpus
    variants: dict[str, Variant]  # page id -> what it is (no HTML)
    attacks: list[str]
    levels: list[float]
    sources: list[str]  # source page keys, sorted
    labelled: int  # sources with reviewed per-kind labels
    folder: Path
    skipped_sources: dict[str, int] = field(default_factory=dict)
    refused: dict[str, dict[str, int]] = field(default_factory=dict)  # attack -> reason -> n
    seconds: float = 0.0
    cached: bool = False

    @cached_property
    def _index(self) -> tuple[dict[tuple[str, str, float, bool], str], dict[str, list[str]]]:
        by_key = {
            (v.source, v.attack, round(v.level, 4), v.heldout): v.id for v in self.variants.values()
        }
        sources: dict[str, set[str]] = {}
        for v in self.variants.values():
            sources.setdefault(v.attack, set()).add(v.source)
        return by_key, {a: sorted(s) for a, s in sources.items()}

    def paired_pages(
        self, attack: str, level: float, heldout: bool = False
    ) -> tuple[list[str], list[str]]:
        """The pages of one curve point and the clean pages of the same sources, aligned
        (a source whose article cannot host a level lacks that point: both lists leave
        it out, so a level's figure and its difference from clean pair page by page)."""
        by_key, by_attack = self._index
        clean, attacked = [], []
        for s in by_attack.get(attack, []):
            key = (s, attack, round(level, 4), heldout)
            if level == 0 or key in by_key:
                clean.append(by_key[s, CLEAN, 0.0, False])
                attacked.append(by_key[s, CLEAN, 0.0, False] if level == 0 else by_key[key])
        return clean, attacked

    def pages_of(self, attack: str, level: float, heldout: bool = False) -> list[str]:
        """Page ids of one curve point, in source order (level 0: the clean pages of
        the sources that have the attack)."""
        by_key, by_attack = self._index
        attacked = by_attack.get(attack, [])
        if level == 0:
            return [by_key[s, CLEAN, 0.0, False] for s in attacked]
        return [
            by_key[key]
            for s in attacked
            if (key := (s, attack, round(level, 4), heldout)) in by_key
        ]


def code_hash() -> str:
    h = hashlib.sha256()
    for pattern in _CODE:
        for path in sorted(_PACKAGE.glob(pattern)):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _inputs_hash(folders: dict[str, Path], labels_root: Path | None) -> str:
    """The datasets' pages and gold (their loaders' fingerprints) and the labels."""
    from benchmark.annotations.store import annotation_files, default_root
    from benchmark.injection.real.source import _raw_corpus

    h = hashlib.sha256()
    for dataset in sorted(folders):
        h.update(f"{dataset}\0{_raw_corpus(dataset, folders[dataset]).fingerprint}\0".encode())
        for path in annotation_files(labels_root or default_root(), dataset):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


# -- generation in forked workers ------------------------------------------------------

_SOURCES: list[SourcePage] = []
_JOB: dict[str, Any] = {}


def _adopt(sources: list[SourcePage], job: dict[str, Any]) -> None:
    global _SOURCES, _JOB
    _SOURCES, _JOB = sources, job


def _make(index: int) -> tuple[list[Variant], list[tuple[str, str]]]:
    """Every variant of one source page (HTML written to disk, not returned)."""
    source = _SOURCES[index]
    pages: Path = _JOB["folder"]
    seed: int = _JOB["seed"]
    made = [clean_variant(source)]
    refused = []
    work: list[tuple[Attack, list[float], bool]] = [
        (ATTACKS[name], list(_JOB["levels"]), False) for name in _JOB["attacks"]
    ]
    if _JOB["heldout"]:
        work.append((ATTACKS[HELDOUT_ATTACK], [HELDOUT_LEVEL], True))
    for attack, levels, heldout in work:
        results = [inject(source, attack, level, seed, heldout) for level in levels]
        failed = [r for r in results if isinstance(r, str)]
        name = f"heldout:{attack.name}" if heldout else attack.name
        if failed:
            refused.append((name, failed[0]))
            continue
        for variant in results:
            assert not isinstance(variant, str) and variant.html is not None
            (pages / f"{variant.id}.html").write_bytes(variant.html)
            made.append(replace(variant, html=None))
    return made, refused


def _generate(
    sources: list[SourcePage], job: dict[str, Any], workers: int, progress: bool
) -> tuple[list[Variant], Counter[tuple[str, str]]]:
    variants: list[Variant] = []
    refused: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()

    def report(done: int) -> None:
        if progress and (done % 20 == 0 or done == len(sources)):
            rate = done / max(time.perf_counter() - started, 1e-9)
            print(f"  injected {done}/{len(sources)} source pages ({rate:.1f}/s)", file=sys.stderr)

    if workers < 2 or len(sources) < 4:
        _adopt(sources, job)
        for i in range(len(sources)):
            made, why = _make(i)
            variants += made
            refused.update(why)
            report(i + 1)
        return variants, refused
    context = multiprocessing.get_context("fork")  # sources are inherited, not pickled
    with context.Pool(workers, initializer=_adopt, initargs=(sources, job)) as pool:
        for i, (made, why) in enumerate(pool.imap(_make, range(len(sources)), chunksize=1)):
            variants += made
            refused.update(why)
            report(i + 1)
    return variants, refused


# -- the corpus ------------------------------------------------------------------------


def _page(variant: Variant, source: dict[str, Any], folder: Path) -> Page:
    if variant.attack == CLEAN:
        page_source = PageSource(
            source["path"], compression=source["compression"], charset=source["charset"]
        )
        digest = source["digest"]
    else:
        page_source = PageSource(str(folder / "pages" / f"{variant.id}.html"), charset="utf-8")
        digest = variant.id  # replaced by the file's hash below
    meta = {
        "dataset": source["dataset"],
        "source": variant.source,
        "attack": variant.attack,
        "level": f"{variant.level:g}",
        "share": f"{variant.share:.4f}",
        "family": variant.family,
        "language": variant.language,
        "form": variant.form,
        "site": variant.site,
        "heldout": "yes" if variant.heldout else "",
        "labelled": "yes" if source["labelled"] else "",
    }
    if source.get("page_type"):
        meta["page_type"] = source["page_type"]
    return Page(variant.id, source["url"], page_source, digest, Gold(variant.segments), meta)


def _manifest(
    variants: list[Variant], sources: list[SourcePage], extra: dict[str, Any]
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        **extra,
        "sources": {
            s.key: {
                "dataset": s.dataset,
                "url": s.page.url,
                "path": s.page.source.path,
                "compression": s.page.source.compression,
                "charset": s.page.source.charset,
                "digest": s.page.digest,
                "labelled": s.labelled,
                "page_type": s.page.meta.get("page_type", ""),
            }
            for s in sources
        },
        "variants": [
            {
                **{f.name: getattr(v, f.name) for f in fields(v)},
                "html": None,
                "segments": [[x.kind, x.text] for x in v.segments],
            }
            for v in variants
        ],
    }


def _from_manifest(document: dict[str, Any], folder: Path) -> InjectedCorpus:
    variants = [
        Variant(**{**v, "segments": tuple(Segment(k, t) for k, t in v["segments"])})
        for v in document["variants"]
    ]
    sources = document["sources"]
    pages = []
    for variant in variants:
        page = _page(variant, sources[variant.source], folder)
        if variant.attack != CLEAN:
            data = Path(page.source.path).read_bytes()
            page = Page(
                page.id, page.url, page.source, hashlib.sha256(data).hexdigest(), page.gold,
                page.meta,
            )  # fmt: skip
        pages.append(page)
    pages_t = tuple(pages)
    spec = document["spec"]
    corpus = Corpus(
        "injection-real",
        spec,
        pages_t,
        corpus_fingerprint(pages_t),
        families=frozenset({"content", "removal"}),
        annotation_version=document["annotation_version"],
    )
    return InjectedCorpus(
        corpus=corpus,
        variants={v.id: v for v in variants},
        attacks=list(document["attacks"]),
        levels=[float(x) for x in document["levels"]],
        sources=sorted(sources),
        labelled=sum(1 for s in sources.values() if s["labelled"]),
        folder=folder,
        skipped_sources=dict(document["skipped_sources"]),
        refused={a: dict(r) for a, r in document["refused"].items()},
        seconds=float(document["seconds"]),
    )


def build_corpus(
    folders: dict[str, Path],
    *,
    pages: int = 240,
    seed: int = 0,
    attacks: Sequence[str] = tuple(ATTACKS),
    levels: Sequence[float] = LEVELS,
    cache_dir: Path = Path(".boilerbench-cache"),
    workers: int = 2,
    unlabelled: bool = False,
    heldout: bool = True,
    labels_root: Path | None = None,
    progress: bool = True,
) -> InjectedCorpus:
    """The injected corpus for these settings: read from the cache folder when it was
    made before with the same inputs, else generated there."""
    unknown = [d for d in folders if d not in DATASETS]
    if unknown:
        raise ValueError(f"unknown datasets {unknown}")
    settings = {
        "seed": seed,
        "pages": pages,
        "attacks": list(attacks),
        "levels": [float(x) for x in levels],
        "unlabelled": unlabelled,
        "heldout": heldout,
    }
    key_parts = json.dumps(
        {
            **settings,
            "format": FORMAT,
            "code": code_hash(),
            "inputs": _inputs_hash(folders, labels_root),
        },
        sort_keys=True,
    )
    key = hashlib.sha256(key_parts.encode()).hexdigest()[:16]
    folder = cache_dir / "injection-real" / key
    manifest = folder / "manifest.json"
    if manifest.is_file():
        found = _from_manifest(json.loads(manifest.read_text(encoding="utf-8")), folder)
        found.cached = True
        return found
    started = time.perf_counter()
    selection = select_sources(folders, pages, seed, unlabelled, labels_root)
    if not selection.pages:
        reasons = ", ".join(f"{why}: {n}" for why, n in selection.skipped.most_common()) or "none"
        hint = "" if unlabelled else "; --unlabelled also draws pages without labels"
        raise UserError(f"no usable source page (skipped: {reasons}){hint}")
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    job = {**settings, "folder": folder / "pages"}
    variants, refused = _generate(selection.pages, job, workers, progress)
    by_attack: dict[str, dict[str, int]] = {}
    for (attack, reason), n in sorted(refused.items()):
        by_attack.setdefault(attack, {})[reason] = n
    level_text = ",".join(f"{x:g}" for x in levels)
    document = _manifest(
        variants,
        selection.pages,
        {
            "key": key,
            "spec": f"injection-real:seed={seed};sources={len(selection.pages)};"
            f"attacks={','.join(attacks)};levels={level_text}",
            "settings": settings,
            "attacks": list(attacks),
            "levels": [float(x) for x in levels],
            "annotation_version": selection.annotation_version,
            "skipped_sources": dict(sorted(selection.skipped.items())),
            "refused": by_attack,
            "seconds": time.perf_counter() - started,
        },
    )
    tmp = manifest.with_suffix(".tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    tmp.replace(manifest)
    return _from_manifest(document, folder)
