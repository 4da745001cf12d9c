"""Label boilerplate on real pages (AEB, WCXB dev) as stand-off annotations.

A reviewer's loop, one page at a time:

  boilerbench annotate prelabel wcxb-dev 0587         propose regions (kinds left empty)
  boilerbench annotate show wcxb-dev 0587             read the article's edges and each region
  boilerbench annotate children wcxb-dev 0587 7       the parts of region 7, to split it
  boilerbench annotate add wcxb-dev 0587 XPATH ads [XPATH KIND ...] --by NAME
  boilerbench annotate set wcxb-dev 0587 1=header 2-6=navigation 9,12=ads --by NAME
  boilerbench validate --real                         check every file against its page

A blind second review: the same show/set/add/drop commands with --second (show hides
the pre-labels and the first review's kinds). Files: gold/real/<dataset>/<page>.yaml,
format in gold/real/README.md. Datasets: --data DIR, $BOILERBENCH_DATA, or
../shared/datasets beside the checkout.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.annotations.store import (
    DATASETS,
    annotation_path,
    check_dataset,
    default_root,
)
from benchmark.cli.args import positive_int, seed
from benchmark.errors import UserError

if TYPE_CHECKING:
    from benchmark.annotations.store import Annotation
    from benchmark.annotations.view import PageView

NAME = "annotate"
HELP = "label boilerplate kinds on real pages (pre-label, show, set, add, status, agreement)"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, metavar="DIR", help="datasets folder (aeb/, wcxb-dev/dev/)"
    )
    parser.add_argument(
        "--annotations",
        type=Path,
        metavar="DIR",
        help="annotation folder (default: gold/real of this checkout)",
    )


def _page(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", help=f"one of: {', '.join(DATASETS)}")
    parser.add_argument("page", help="the dataset's page id")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the loop's layout
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = sub.add_parser("prelabel", help="propose regions and kinds for pages (never sets kind)")
    p.add_argument("dataset", help=f"one of: {', '.join(DATASETS)}")
    p.add_argument("pages", nargs="*", metavar="PAGE", help="page ids")
    p.add_argument(
        "--sample", type=positive_int, metavar="N", help="N random pages not yet annotated"
    )
    p.add_argument("--seed", type=seed, default=0, help="seed for --sample (default 0)")
    p.add_argument("--page-type", metavar="TYPE", help="with --sample: only this WCXB page type")
    p.add_argument("--force", action="store_true", help="replace files with reviewed kinds")
    _common(p)

    p = sub.add_parser("show", help="a page's article edges, regions and unlabelled text")
    _page(p)
    p.add_argument("--blind", action="store_true", help="hide pre-labels and kinds")
    p.add_argument("--full", action="store_true", help="print every region's whole text")
    p.add_argument("--second", action="store_true", help="the blind second review")
    _common(p)

    p = sub.add_parser("children", help="the parts of region N (child elements, loose text)")
    _page(p)
    p.add_argument("number", type=int, metavar="N", help="region id")
    p.add_argument("--full", action="store_true", help="print each part's whole text")
    p.add_argument("--second", action="store_true", help="regions of the second review")
    _common(p)

    p = sub.add_parser("set", help="set kinds: N=KIND ... (or --all-prelabels)")
    _page(p)
    p.add_argument(
        "assignments",
        nargs="*",
        metavar="N=KIND",
        help="region id(s) and kind: 3=navigation, 4,7=metadata, 9-38=metadata (later wins)",
    )
    p.add_argument("--by", required=True, metavar="NAME", help="reviewer name (recorded)")
    p.add_argument("--note", help="the reason for these kinds (recorded; say why for `other`)")
    p.add_argument(
        "--all-prelabels",
        action="store_true",
        help="accept the pre-label of every unlabelled region: only after reading each one",
    )
    p.add_argument("--second", action="store_true", help="write the blind second review")
    _common(p)

    p = sub.add_parser("add", help="add regions: XPATH KIND [XPATH KIND ...]")
    _page(p)
    p.add_argument(
        "pairs",
        nargs="+",
        metavar="XPATH KIND",
        help="XPath of an element or of one text node (…/text()[k]), then its kind",
    )
    p.add_argument("--by", required=True, metavar="NAME", help="reviewer name (recorded)")
    p.add_argument("--note", help="the reason for these kinds (recorded; say why for `other`)")
    p.add_argument("--second", action="store_true", help="write the blind second review")
    _common(p)

    p = sub.add_parser("drop", help="remove region N")
    _page(p)
    p.add_argument("number", type=int, metavar="N", help="region id")
    p.add_argument("--second", action="store_true", help="in the blind second review")
    _common(p)

    p = sub.add_parser("status", help="pages pre-labelled / reviewed / second-reviewed")
    p.add_argument("dataset", nargs="?", help=f"one of: {', '.join(DATASETS)} (default: all)")
    _common(p)

    p = sub.add_parser("agreement", help="word-level kappa between first and blind second review")
    p.add_argument("dataset", nargs="?", help="one dataset (default: all)")
    _common(p)

    p = sub.add_parser("accuracy", help="the pre-labeller's word-level accuracy per kind")
    p.add_argument("dataset", nargs="?", help="one dataset (default: all)")
    p.add_argument(
        "--current",
        action="store_true",
        help="run today's pre-labeller on the reviewed pages instead of the stored pre-labels",
    )
    _common(p)


def run(args: argparse.Namespace) -> int:
    from benchmark.annotations.datasets import data_root

    root = args.annotations or default_root()
    data = data_root(args.data)
    if getattr(args, "dataset", None):
        check_dataset(args.dataset)
    return int(_ACTIONS[args.action](args, root, data) or 0)


# -- actions ---------------------------------------------------------------------------


def _shown(path: Path) -> Path:
    """A path relative to the working folder when it is inside it (shorter lines)."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def _view(args: argparse.Namespace, data: Path | None) -> PageView:
    from benchmark.annotations.view import PageView

    return PageView.load(args.dataset, args.page, data)


def _prelabel(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.datasets import load_page, page_ids
    from benchmark.annotations.regions import is_region, label_page
    from benchmark.annotations.review import write_prelabels
    from benchmark.annotations.view import PageView

    pages = list(args.pages)
    if args.sample:
        pages += _sample(args, root, data)
    if not pages:
        raise UserError("name pages to pre-label, or use --sample N")
    known = set(page_ids(args.dataset, data))
    for page in pages:
        if page not in known:
            load_page(args.dataset, page, data)  # raises with a did-you-mean hint
    for page in pages:
        view = PageView.build(load_page(args.dataset, page, data))
        tokens = len(view.text.tokens)
        if not tokens:
            print(f"{args.dataset} {page}: skipped, the page has no text outside script/noscript")
            continue
        annotation, path = write_prelabels(root, view, args.force)
        covered, total = label_page(view, annotation.regions).coverage(is_region)
        found, gold = view.alignment.article_tokens, view.alignment.gold_tokens
        kind = f"{view.source.page_type}, " if view.source.page_type else ""
        print(
            f"{args.dataset} {page} ({kind}{view.source.language or '?'}):"
            f" {len(annotation.regions)} regions covering {covered / max(total, 1):.1%}"
            f" of {total:,} non-article words; article {found:,} of {gold:,} gold words"
            f" found -> {path}"
        )
        if gold and not found:
            print(f"  warning: the article gold was not found on page {page}")
    return 0


def _sample(args: argparse.Namespace, root: Path, data: Path | None) -> list[str]:
    from benchmark.annotations.datasets import load_page, page_ids

    pool = [
        p
        for p in page_ids(args.dataset, data)
        if not annotation_path(root, args.dataset, p).is_file() and p not in args.pages
    ]
    rng = random.Random(args.seed)
    rng.shuffle(pool)
    if not args.page_type:
        return pool[: args.sample]
    chosen = []
    for page in pool:
        if load_page(args.dataset, page, data).page_type == args.page_type:
            chosen.append(page)
            if len(chosen) == args.sample:
                break
    if not chosen:
        raise UserError(f"no unannotated page of type {args.page_type!r} in {args.dataset}")
    return chosen


def _show(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.render import show
    from benchmark.annotations.review import load

    view = _view(args, data)
    annotation, full_path = load(root, view, args.second)
    path = _shown(full_path)
    print(show(view, annotation, str(path), blind=args.blind, full=args.full))
    return 0


def _children(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.render import children
    from benchmark.annotations.review import load

    view = _view(args, data)
    annotation, full_path = load(root, view, args.second)
    path = _shown(full_path)
    print(children(view, annotation, args.number, str(path), args.full))
    return 0


def _progress(annotation: Annotation) -> str:
    left = [str(r.id) for r in annotation.regions if not r.settled]
    done = len(annotation.regions) - len(left)
    tail = f"; still unlabelled: {', '.join(left[:20])}{' …' if len(left) > 20 else ''}"
    return f"{done} of {len(annotation.regions)} regions labelled" + (tail if left else "")


def _set(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.review import (
        accept_prelabels,
        load,
        parse_assignment,
        save,
        set_kinds,
    )

    assignments = [parse_assignment(a) for a in args.assignments]
    if not assignments and not args.all_prelabels:
        raise UserError("give N=KIND pairs, or --all-prelabels")
    if args.all_prelabels and args.second:
        raise UserError("--all-prelabels has no pre-labels to accept in a blind second review")
    view = _view(args, data)
    annotation, full_path = load(root, view, args.second)
    path = _shown(full_path)
    changed = set_kinds(annotation, assignments, args.by, path)
    for region in changed:
        region.note = args.note or region.note
    accepted = accept_prelabels(annotation, args.by) if args.all_prelabels else 0
    save(root, view, annotation)
    by_kind: dict[str, list[str]] = {}
    for region in changed:
        by_kind.setdefault(str(region.kind), []).append(str(region.id))
    if changed:
        summary = "; ".join(f"{kind} [{', '.join(ids)}]" for kind, ids in by_kind.items())
        print(f"{path}: set {len(changed)} region(s): {summary}")
    if args.all_prelabels:
        print(
            f"{path}: accepted {accepted} pre-label(s) as kinds. Only right after reading"
            " every region (annotate show --full); agreement flags reviews that change < 2%."
        )
    print(f"{path}: {_progress(annotation)}")
    return 0


def _add(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.review import add_region, load, save

    view = _view(args, data)
    annotation, full_path = load(root, view, args.second)
    path = _shown(full_path)
    if len(args.pairs) % 2:
        raise UserError("give XPATH KIND pairs (an XPath, then its kind, for each region)")
    before = {r.id: r.words for r in annotation.regions}
    pairs = list(zip(args.pairs[::2], args.pairs[1::2], strict=True))
    added = [add_region(view, annotation, x, k, args.by, path) for x, k in pairs]
    for region in added:
        region.note = args.note
    save(root, view, annotation)
    _refuse_article_runs(view, annotation, {r.id for r in added}, root, path)
    for region in added:
        print(f"{path}: added [{region.id}] {region.xpath} = {region.kind} ({region.words} words)")
    for other in annotation.regions:
        if other.id in before and before[other.id] != other.words:
            print(
                f"  [{other.id}] {other.xpath} now holds {other.words} words"
                f" (was {before[other.id]})"
            )
    print(f"{path}: {_progress(annotation)}")
    return 0


def _refuse_article_runs(
    view: PageView, annotation: Annotation, ids: set[int], root: Path, path: Path
) -> None:
    """An added element region holding 4+ article tokens in a row is taken back at once."""
    from benchmark.annotations.regions import label_page
    from benchmark.annotations.review import save

    labelling = label_page(view, annotation.regions)
    bad = [
        (labelling.resolved[index].region, length)
        for index, (_, length) in labelling.article_runs().items()
        if labelling.resolved[index].region.id in ids and length >= 4
    ]
    if bad:
        for region, _ in bad:
            annotation.regions.remove(region)
        save(root, view, annotation)
        names = ", ".join(f"{r.xpath} ({n} article words in a row)" for r, n in bad)
        raise UserError(f"not added, they hold article text (split them): {names}", path)


def _drop(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.review import drop_region, load, save

    view = _view(args, data)
    annotation, full_path = load(root, view, args.second)
    path = _shown(full_path)
    region = drop_region(annotation, args.number, path)
    save(root, view, annotation)
    print(f"{path}: dropped [{region.id}] {region.xpath}; {_progress(annotation)}")
    return 0


def _status(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.status import status_report

    print(status_report(root, args.dataset))
    return 0


def _agreement(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.agreement import agreement_report, collect

    print(agreement_report(collect(root, data, args.dataset, need_second=True)))
    return 0


def _accuracy(args: argparse.Namespace, root: Path, data: Path | None) -> int:
    from benchmark.annotations.agreement import accuracy_report, collect

    print(accuracy_report(collect(root, data, args.dataset, False, args.current)))
    return 0


_ACTIONS = {
    "prelabel": _prelabel,
    "show": _show,
    "children": _children,
    "set": _set,
    "add": _add,
    "drop": _drop,
    "status": _status,
    "agreement": _agreement,
    "accuracy": _accuracy,
}
