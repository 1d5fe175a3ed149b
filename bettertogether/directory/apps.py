from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "bettertogether.directory"
    label = "directory"
    verbose_name = "Service directory"
