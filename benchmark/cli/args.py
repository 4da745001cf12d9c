"""Argument types that refuse bad numbers at parse time, before any long work starts.

argparse turns a ``ValueError``/``ArgumentTypeError`` raised here into one line naming
the option and exit status 2. ``float("nan")`` parses, and ``nan <= 0`` is false, so
every float is checked for being finite, not only for its sign.
"""

from __future__ import annotations

import argparse
import math
import re

#: Engine row names become file names (``outputs/<name>.json``): letters, digits and
#: ``._+-`` only, not starting with a dot, at most 64 characters.
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")
MAX_SEED = 2**32 - 1


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, not {text!r}")
    return value


def positive_int(text: str) -> int:
    value = _int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def nonnegative_int(text: str) -> int:
    value = _int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def seed(text: str) -> int:
    value = _int(text)
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must lie in 0..{MAX_SEED}, not {value}")
    return value


def positive_float(text: str) -> float:
    value = _float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def nonnegative_float(text: str) -> float:
    value = _float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def safe_name(name: str, what: str = "engine name") -> str:
    """A name that can become a file name inside the results folder, or a ``UserError``."""
    from benchmark.errors import UserError

    if not SAFE_NAME.match(name):
        raise UserError(
            f"{what} {name!r} is not allowed: use letters, digits and . _ + - only"
            " (it becomes a file name in the results folder)"
        )
    return name


def metric_families(text: str) -> frozenset[str]:
    """``--metrics``: a comma-separated list of known metric families."""
    from benchmark.settings import METRIC_FAMILIES

    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in METRIC_FAMILIES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown metric family {', '.join(unknown) if unknown else repr(text)}"
            f" (use some of: {', '.join(METRIC_FAMILIES)})"
        )
    return frozenset(names)
