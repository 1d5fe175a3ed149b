from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .text_input import install_form_validation


class CoreConfig(AppConfig):
    name = "bettertogether.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        install_form_validation()  # every form field refuses control characters
