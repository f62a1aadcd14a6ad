import factory

from wijkkracht.practices.models import Level, Practice, RecruitmentMethod, Theme


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level

    key = factory.Sequence(lambda n: f"niveau-{n}")
    label = factory.Sequence(lambda n: f"Participatieniveau {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    label = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class RecruitmentMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecruitmentMethod

    key = factory.Sequence(lambda n: f"methode-{n}")
    label = factory.Sequence(lambda n: f"Wervingsmethode {n}")


class PracticeFactory(factory.django.DjangoModelFactory):
    """A draft project with a name only: no level, themes, methods or text to search."""

    class Meta:
        model = Practice

    code = factory.Sequence(lambda n: f"P{n}")
    slug = factory.LazyAttribute(lambda practice: practice.code.lower())
    name = factory.Sequence(lambda n: f"Praktijk {n}")
