"""Money is held in whole pence (integers) and shown the UK way: £1,250,000."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def pounds_to_pence(amount):
    """Decimal/str/int pounds to integer pence; raises ValueError for anything else."""
    if isinstance(amount, float):
        raise TypeError("money is never a float")
    try:
        value = Decimal(str(amount).replace(",", "").replace("£", "").strip())
    except InvalidOperation as exc:
        raise ValueError(f"not an amount of money: {amount!r}") from exc
    return int((value * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pence_to_pounds(pence):
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


def format_pence(pence, *, show_pence=None):
    """'£1,250,000' for whole pounds, '£12.50' otherwise (or as show_pence says)."""
    if pence is None:
        return ""
    negative = pence < 0
    pence = abs(int(pence))
    pounds, remainder = divmod(pence, 100)
    if show_pence is None:
        show_pence = remainder != 0
    text = f"£{pounds:,}" + (f".{remainder:02d}" if show_pence else "")
    return f"-{text}" if negative else text
