from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "bettertogether.support"
    label = "support"
    verbose_name = _("Helplines and case desk")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (sign-in auditing)
