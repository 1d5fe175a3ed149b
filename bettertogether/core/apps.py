from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .geodata.tables import tables
from .text_input import install_form_validation


class CoreConfig(AppConfig):
    name = "bettertogether.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        install_form_validation()  # every form field refuses control characters

    def warm(self) -> None:
        """Before a server forks (bettertogether.warm): the postal-code tables every search reads."""
        tables()
