import factory

from tests.factories import OrganisationFactory
from wijkkracht.impact.models import ChangeStory, Question, Questionnaire


class ChangeStoryFactory(factory.django.DjangoModelFactory):
    """The change story of a whole organisation (no project), private until published."""

    class Meta:
        model = ChangeStory

    organisation = factory.SubFactory(OrganisationFactory)
    target_groups = "Buren"
    activities = "Koffieochtend"


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """A questionnaire in Dutch only, open now and always, with its results private."""

    class Meta:
        model = Questionnaire

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Buurtvragenlijst {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A five-point statement."""

    class Meta:
        model = Question

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    key = factory.Sequence(lambda n: f"stelling-{n}")
    text = factory.Sequence(lambda n: f"Stelling {n}")
