from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "bettertogether.site"
    label = "site"
    verbose_name = "Public site"
