from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "bettertogether.directory"
    label = "directory"
    verbose_name = _("Service directory")

    def ready(self) -> None:
        import_module(f"{self.name}.version")  # connects the signals that keep the directory's version
