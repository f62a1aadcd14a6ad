from modeltranslation.translator import TranslationOptions, register

from .models import Guide, GuideItem, HelpQuestion, QuestionGroup, Step


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title", "question", "summary", "challenge")
    required_languages = ("nl",)


@register(GuideItem)
class GuideItemTranslation(TranslationOptions):
    fields = ("text",)


@register(QuestionGroup)
class QuestionGroupTranslation(TranslationOptions):
    fields = ("title",)


@register(HelpQuestion)
class HelpQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(Step)
class StepTranslation(TranslationOptions):
    fields = ("title", "text")
