"""Event and resource texts stored per language (EN/FR/ES/TL), falling back to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Resource


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("title", "summary")
