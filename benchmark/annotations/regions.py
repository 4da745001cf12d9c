"""From regions to per-token labels: the one place the labelling rules live.

- A region owns the tokens of its element's subtree (or of its one text node).
- Nested regions: the **innermost** wins (the region with the deepest target; a text
  node counts half a level below its element), so a caption region inside a sidebar
  region takes the caption's tokens and the sidebar keeps the rest.
- A token the alignment marked as article stays article whatever region holds it;
  boilerplate is built only from non-article tokens. An element region that owns a run
  of ``MAX_ARTICLE_RUN`` or more consecutive article tokens is an error: it must be
  split so the article is left outside it. A text-node region may share its node with
  the article (the dataset's gold sometimes drops a clause mid-paragraph, such as an
  injected link sentence): it labels the node's non-article tokens, nothing else.
- Coverage: the share of the page's non-article tokens that a labelled region owns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from benchmark.annotations.pagetext import Target
from benchmark.annotations.store import Region
from benchmark.annotations.view import PageView
from benchmark.corpus.model import ARTICLE

#: A region may hold at most this many consecutive article tokens minus one.
MAX_ARTICLE_RUN = 4
#: Labelled boilerplate must cover this share of the page's non-article tokens.
MIN_COVERAGE = 0.95


@dataclass
class Resolved:
    """A region, where its XPath led (None: see ``problem``) and the tokens it owns."""

    region: Region
    target: Target | None
    problem: str | None = None
    owned: int = 0

    @property
    def start(self) -> int:
        return self.target.start if self.target else 0

    @property
    def end(self) -> int:
        return self.target.end if self.target else 0


@dataclass
class Labelling:
    """Per page token: the owning region's index in ``resolved`` (-1: none)."""

    view: PageView
    resolved: list[Resolved]
    owner: list[int]

    def labels(self, field: str = "kind") -> list[str | None]:
        """Per token: ``article``, the owning region's ``field`` (kind or prelabel), or None."""
        out: list[str | None] = []
        for is_article, index in zip(self.view.article, self.owner, strict=True):
            if is_article:
                out.append(ARTICLE)
            elif index < 0:
                out.append(None)
            else:
                out.append(getattr(self.resolved[index].region, field))
        return out

    def article_runs(self) -> dict[int, tuple[int, int]]:
        """Per element region index: its longest run of owned article tokens (start, length).

        Text-node regions are left out: they may share their node with the article.
        """
        best: dict[int, tuple[int, int]] = {}
        run_start, run_owner = -1, -1
        article = self.view.article
        element = [r.target is not None and r.target.node is None for r in self.resolved]
        for i in range(len(article) + 1):
            owner = self.owner[i] if i < len(article) and article[i] else -1
            owner = owner if owner >= 0 and element[owner] else -1
            if owner != run_owner:
                if run_owner >= 0:
                    length = i - run_start
                    if length > best.get(run_owner, (0, 0))[1]:
                        best[run_owner] = (run_start, length)
                run_start, run_owner = i, owner
        return best

    def coverage(self, labelled: Callable[[Region], bool]) -> tuple[int, int]:
        """(non-article tokens owned by a region passing ``labelled``, non-article tokens)."""
        covered = total = 0
        for is_article, index in zip(self.view.article, self.owner, strict=True):
            if is_article:
                continue
            total += 1
            covered += index >= 0 and labelled(self.resolved[index].region)
        return covered, total

    def stretches(self, labelled: Callable[[Region], bool]) -> list[tuple[int, int]]:
        """Maximal runs of non-article tokens no passing region owns, largest first."""
        runs: list[tuple[int, int]] = []
        start = -1
        article = self.view.article
        for i in range(len(article) + 1):
            open_ = (
                i < len(article)
                and not article[i]
                and (self.owner[i] < 0 or not labelled(self.resolved[self.owner[i]].region))
            )
            if open_ and start < 0:
                start = i
            elif not open_ and start >= 0:
                runs.append((start, i))
                start = -1
        return sorted(runs, key=lambda r: (r[0] - r[1], r[0]))


def label_page(view: PageView, regions: list[Region]) -> Labelling:
    """Resolve every region's XPath and give each token to its innermost region."""
    resolved = []
    for region in regions:
        try:
            resolved.append(Resolved(region, view.text.resolve(region.xpath)))
        except ValueError as exc:
            resolved.append(Resolved(region, None, str(exc)))
    owner = [-1] * len(view.text.tokens)
    # paint outer regions first: a deeper (or equally deep but shorter) target paints later
    order = sorted(
        (i for i, r in enumerate(resolved) if r.target is not None),
        key=lambda i: (resolved[i].target.depth, -resolved[i].target.words),  # type: ignore[union-attr]
    )
    for i in order:
        target = resolved[i].target
        assert target is not None
        owner[target.start : target.end] = [i] * target.words
    for index in owner:
        if index >= 0:
            resolved[index].owned += 1
    return Labelling(view, resolved, owner)


def is_labelled(region: Region) -> bool:
    return region.kind is not None


def is_region(region: Region) -> bool:
    return True
