"""One colour per boilerplate kind, used everywhere: the drill-down's marked text, its
legend, the segment × engine grid and the plots' kind keys.

Light tints so that text stays readable on them, taken from Paul Tol's colour-blind-safe
"light" and "pale" schemes (https://personal.sron.nl/~pault/); with 13 kinds no palette
stays distinct for every reader by colour alone, so every mark also names its kind
(tooltip, legend, the kind label beside each gold segment). Missed article text is not a
tint but red struck-through text; removed boilerplate is grey text.
"""

from __future__ import annotations

from benchmark.corpus.model import BOILERPLATE_KINDS

KIND_COLOURS: dict[str, str] = {
    "spam": "#EE8866",  # orange
    "sidebar": "#77AADD",  # light blue
    "navigation": "#99DDFF",  # light cyan
    "header": "#BBCC33",  # pear
    "footer": "#DDCCEE",  # pale purple
    "comments": "#44BB99",  # mint
    "ads": "#EEDD88",  # light yellow
    "share": "#BBCCEE",  # pale blue
    "related": "#CCDDAA",  # pale green
    "caption": "#EEEEBB",  # pale yellow
    "metadata": "#CCEEFF",  # pale cyan
    "notice": "#FFAABB",  # pink
    "other": "#DDDDDD",  # pale grey
}
assert set(KIND_COLOURS) == set(BOILERPLATE_KINDS), "one colour per boilerplate kind"

MISSED = "#CC3311"  # Tol vibrant red: article text an engine lost (struck through)
REMOVED = "#8C8C8C"  # boilerplate an engine removed: grey text
UNMATCHED = "#555555"  # output text found in no gold segment: dashed outline
ENGINE = "#0077BB"  # Tol vibrant blue: engines in the plots
HIGHLIGHT = "#EE7733"  # Tol vibrant orange: the engine under the pointer
#: sequential scale for 0..1 figures in heat maps (colour-blind safe, prints in grey)
SEQUENTIAL = "viridis"
