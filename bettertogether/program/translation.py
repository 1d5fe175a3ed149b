"""Milestone titles stored per language (EN/FR/ES/TL), falling back to English."""

from modeltranslation.translator import TranslationOptions, register

from .calls_models import Call, Criterion
from .models import Milestone


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title",)


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "objectives", "eligibility", "how_to_apply")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name",)
