"""The one way numbers and money are written, in pages and emails, in both languages.

"$48,000", "$600", "$600.50", "1,000": Spanish here follows Mexico and the US (the `es`
formats in techhire/formats), so both languages read the same. Templates use the `money`
and `number` filters of the `portal` tag library; Python code calls these directly.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

CENTS = ("auto", "always", "never")


def money(amount, *, cents: str = "auto") -> str:
    """US dollars: cents only when there are some ("auto"), always, or never (rounded).

    None or "" (no amount) gives "".
    """
    if amount is None or amount == "":
        return ""
    if cents not in CENTS:
        raise ValueError(f"cents must be one of {CENTS}, not {cents!r}")
    try:
        amount = Decimal(str(amount))
    except InvalidOperation:
        return ""
    if cents == "never" or (cents == "auto" and amount == amount.to_integral_value()):
        amount, places = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP), 0
    else:
        amount, places = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), 2
    sign = "-" if amount < 0 else ""
    return f"{sign}${number(abs(amount), places=places)}"


def number(value, *, places: int | None = None) -> str:
    """A number with thousands grouped: "1,000", "2,080", "12.5"."""
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
