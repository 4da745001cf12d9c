"""Labels beside points that overlap neither each other nor the points.

Greedy, deterministic: points are labelled from the most crowded outwards; each label
tries positions around its point on rings of growing radius and takes the first box
that stays inside the plot and touches no placed label and no point. A label placed
away from its point gets a leader line. Works in pixels; the caller maps data to
pixels and back (``Axis``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CHAR_WIDTH = 6.4  # px per character of an 11 px sans-serif label (a generous average)
LINE_HEIGHT = 13.0
POINT_RADIUS = 4.5
RINGS = (7.0, 14.0, 22.0, 32.0, 44.0, 58.0, 74.0, 92.0, 112.0)
ANGLES = tuple(range(0, 360, 30))


@dataclass(frozen=True)
class Axis:
    """A scale from data to pixels: linear or log10, ``low``..``high`` onto 0..``size``
    (``flip``: pixels grow downwards, as for a y axis)."""

    low: float
    high: float
    size: float
    log: bool = False
    flip: bool = False

    def _t(self, value: float) -> float:
        return math.log10(value) if self.log else value

    def to_px(self, value: float) -> float:
        lo, hi = self._t(self.low), self._t(self.high)
        share = (self._t(value) - lo) / (hi - lo) if hi != lo else 0.5
        return self.size * (1 - share if self.flip else share)

    def to_data(self, px: float) -> float:
        share = px / self.size
        share = 1 - share if self.flip else share
        lo, hi = self._t(self.low), self._t(self.high)
        value = lo + share * (hi - lo)
        return 10**value if self.log else value


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = 1.0) -> bool:
        return not (
            self.right + gap <= other.left
            or other.right + gap <= self.left
            or self.bottom + gap <= other.top
            or other.bottom + gap <= self.top
        )


@dataclass(frozen=True)
class Label:
    """Where a label's text goes (pixels; ``align`` as in Vega: left, right, center; the
    baseline is the middle) and whether it needs a line back to its point."""

    text: str
    x: float
    y: float
    align: str
    box: Box
    leader: bool


def text_box(text: str, x: float, y: float, align: str) -> Box:
    width = CHAR_WIDTH * len(text)
    left = x if align == "left" else x - width if align == "right" else x - width / 2
    return Box(left, y - LINE_HEIGHT / 2, left + width, y + LINE_HEIGHT / 2)


def _candidate(text: str, px: float, py: float, radius: float, angle: int) -> Label:
    dx, dy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
    align = "left" if dx > 0.3 else "right" if dx < -0.3 else "center"
    x, y = px + radius * dx, py + radius * dy
    if align == "center":  # above or below: keep the text clear of the point
        y += math.copysign(LINE_HEIGHT / 2, dy)
    return Label(text, x, y, align, text_box(text, x, y, align), radius > RINGS[1])


def place_labels(
    points: list[tuple[str, float, float]], width: float, height: float
) -> list[Label]:
    """One label per point (same order), in pixels inside ``width`` x ``height``."""
    dots = [
        Box(x - POINT_RADIUS, y - POINT_RADIUS, x + POINT_RADIUS, y + POINT_RADIUS)
        for _, x, y in points
    ]

    def crowd(i: int) -> float:
        _, x, y = points[i]
        return -sum(1 / (1 + math.hypot(x - a, y - b)) for j, (_, a, b) in enumerate(points))

    placed: dict[int, Label] = {}
    for i in sorted(range(len(points)), key=lambda i: (crowd(i), points[i][0])):
        placed[i] = _place(points[i], width, height, list(placed.values()), dots)
    return [placed[i] for i in range(len(points))]


def _place(
    point: tuple[str, float, float],
    width: float,
    height: float,
    taken: list[Label],
    dots: list[Box],
) -> Label:
    """The nearest clean position on the rings; else the least bad one."""
    text, px, py = point
    best: tuple[float, Label] | None = None
    for radius in RINGS:
        for angle in ANGLES:
            label = _candidate(text, px, py, radius, angle)
            b = label.box
            outside = max(0.0, -b.left) + max(0.0, b.right - width)
            outside += max(0.0, -b.top) + max(0.0, b.bottom - height)
            hits = sum(b.overlaps(o.box) for o in taken) + sum(b.overlaps(d, gap=0.0) for d in dots)
            if hits == 0 and outside == 0:
                return label
            cost = hits * 1000 + outside * 10 + radius
            if best is None or cost < best[0]:
                best = (cost, label)
    assert best is not None
    return best[1]
