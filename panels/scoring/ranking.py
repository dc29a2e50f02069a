"""The arithmetic of scoring: a sheet's weighted total (out of 100), the spread of members' scores
on a criterion, and whether that spread is to be discussed. Pure functions of plain values."""

from decimal import ROUND_HALF_UP, Decimal

from panels.scoring.enums import SPREAD_TO_DISCUSS

ONE_PLACE = Decimal("0.1")


def weighted_total(values, weights, scale_max):
    """The total out of 100 of ``values`` ({criterion id: score}) with ``weights`` ({criterion id: weight}):
    each score as a share of the highest, times its weight. A criterion not scored counts as nothing."""
    total = sum(
        (
            Decimal(values[criterion]) / Decimal(scale_max) * weight
            for criterion, weight in weights.items()
            if criterion in values
        ),
        Decimal(0),
    )
    return total.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def spread(values):
    """The distance between the highest and the lowest of ``values`` (0 for fewer than two)."""
    values = list(values)
    return max(values) - min(values) if len(values) > 1 else 0


def to_discuss(values):
    return spread(values) >= SPREAD_TO_DISCUSS
