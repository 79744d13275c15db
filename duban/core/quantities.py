"""Showing quantities (数量): one way, wherever a target or an actual value appears.

Values are stored as ``Decimal`` with four places (``5.0000`` 家); people read
``5`` 家, ``2.5`` 亿元. Pages (the ``quantity`` template filter), documents and
exports all format through :func:`quantity_text`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def quantity_text(value: Decimal | int | float | str | None, unit: str = "") -> str:
    """``value`` without trailing zeros or exponent, then ``unit`` after a space; "" for None.

    >>> quantity_text(Decimal("5.0000"), "家")
    '5 家'
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    text = format(number.normalize(), "f")
    if text in {"-0", "-0.0"}:
        text = "0"
    return f"{text} {unit}" if unit.strip() else text
