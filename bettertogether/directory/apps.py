from importlib import import_module

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "bettertogether.directory"
    label = "directory"
    verbose_name = _("Service directory")

    def ready(self) -> None:
        import_module(f"{self.name}.version")  # connects the signals that keep the directory's version
        import_module(f"{self.name}.search_text")  # and those that keep the texts searches match

    def warm(self) -> None:
        """Before a server forks (bettertogether.warm): see search.warm()."""
        import_module(f"{self.name}.search").warm(settings.MODELTRANSLATION_LANGUAGES)
