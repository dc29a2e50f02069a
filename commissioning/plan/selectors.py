from django.db.models import Count, Max, Prefetch

from commissioning.plan.models import Indicator, StrategicOutcome


def strategic_plan_page(partnership):
    """The partnership's outcomes with their indicators, each with its number of readings and latest reading's date."""
    indicators = Indicator.objects.annotate(readings_count=Count("readings"), latest_reading=Max("readings__date"))
    return StrategicOutcome.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("indicators", queryset=indicators.order_by("code"))
    )
