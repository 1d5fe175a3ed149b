"""Content fields stored per language (EN/FR/ES/TL), falling back to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Accessibility, Location, Organization, Phone, Schedule, Service, TaxonomyTerm


@register(TaxonomyTerm)
class TaxonomyTermTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = (
        "name",
        "description",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "alert",
    )


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "description", "transportation")


@register(Phone)
class PhoneTranslation(TranslationOptions):
    fields = ("description",)


@register(Schedule)
class ScheduleTranslation(TranslationOptions):
    fields = ("description",)


@register(Accessibility)
class AccessibilityTranslation(TranslationOptions):
    fields = ("description",)
