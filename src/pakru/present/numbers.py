"""How a number is rounded for a reader: halves away from zero, as by hand.

Python's own formatting rounds a half to the even digit when the binary value is exact (``f"{388.5:.0f}"``
is ``388``, ``f"{1046.25:.1f}"`` is ``1,046.2``), so a reader who adds up the figures on the page finds
a dollar missing. Every figure the page writes goes through ``fixed``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def fixed(value: float, digits: int = 0, grouping: bool = True) -> str:
    """``value`` to ``digits`` decimals, halves away from zero: ``388.5`` -> ``389``, ``-0.25`` (1) -> ``-0.3``.
    The shortest decimal that reads back as the float is what is rounded (``2.675`` -> ``2.68``)."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if exact == 0:
        exact = abs(exact)  # never "-0"
    return f"{exact:,f}" if grouping else f"{exact:f}"
