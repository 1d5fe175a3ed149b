from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "bettertogether.support"
    label = "support"
    verbose_name = _("Helplines and case desk")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401, PLC0415  (field-key check; sign-in auditing: models are ready now)
