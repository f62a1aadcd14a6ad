"""Content fields stored once per language (description_nl, description_en, …)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description", "target_groups", "activities")
    fallback_undefined = {"description": "", "target_groups": "", "activities": ""}
