"""The library's content in every language: one column per language (modeltranslation),
Dutch the source and the fallback. The texts come from content/practices/ (loading.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import DecisionAnswer, DecisionQuestion, Lesson, Level, RecruitmentMethod, Theme


@register(Level)
class LevelTranslation(TranslationOptions):
    fields = (
        "label",
        "who",
        "recruitment",
        "way_of_working",
        "preconditions",
        "cooperation",
        "municipality_role",
        "recommendations",
    )
    required_languages = ("nl",)


@register(DecisionQuestion)
class DecisionQuestionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("nl",)


@register(DecisionAnswer)
class DecisionAnswerTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("nl",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("nl",)


@register(RecruitmentMethod)
class RecruitmentMethodTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("nl",)


@register(Lesson)
class LessonTranslation(TranslationOptions):
    fields = ("title", "text")
    required_languages = ("nl",)
