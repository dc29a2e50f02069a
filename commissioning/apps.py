from django.apps import AppConfig
from django.core import checks as django_checks
from django.utils.translation import gettext_lazy as _

from commissioning import checks, registry


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = _("Commissioning rounds")

    def ready(self):
        registry.autodiscover()
        django_checks.register(checks.every_stage_is_guarded)
