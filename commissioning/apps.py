from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = _("Commissioning rounds")

    def ready(self):
        from . import registry_hooks  # noqa: F401 - fills the registry
