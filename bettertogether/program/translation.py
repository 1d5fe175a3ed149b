"""Milestone titles stored per language (EN/FR/ES/TL), falling back to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Milestone


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title",)
