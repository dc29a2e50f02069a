from django.db.models import Case, IntegerField, OuterRef, Prefetch, Subquery, Value, When

from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome


def _latest_reading(column):
    """One column of an indicator's latest reading: the city's own if it has any, else an area's."""
    readings = (
        IndicatorReading.objects.filter(indicator=OuterRef("pk"))
        .annotate(citywide=Case(When(area="", then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("citywide", "-date", "area")
    )
    return Subquery(readings.values(column)[:1])


def strategic_plan_page(partnership):
    """The partnership's outcomes with their indicators, each with its latest reading (value, date and area)."""
    indicators = Indicator.objects.annotate(
        latest_value=_latest_reading("value"),
        latest_date=_latest_reading("date"),
        latest_area=_latest_reading("area"),
    )
    return StrategicOutcome.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("indicators", queryset=indicators.order_by("code"))
    )
