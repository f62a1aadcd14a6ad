"""The shape of a guide file (content/guides/<slug>/<language>.yaml), checked on load.

content/guides/README.md describes the same rules for the people who write guides.
"""

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from wijkkracht.core.content import ContentError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Language = Literal["nl", "en", "ar", "tr", "bg"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuestionIn(Strict):
    key: Key
    text: Text
    profile_key: Key | None = None


class QuestionGroupIn(Strict):
    title: Text
    questions: list[QuestionIn] = Field(min_length=1)


class StepIn(Strict):
    key: Key
    title: Text
    text: Text


class GuideFile(Strict):
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$", max_length=80)]
    language: Language
    version: int = Field(ge=1)
    status: Literal["draft", "published"]
    concept: bool = False
    translation: Literal["source", "draft"]
    last_reviewed: datetime.date
    authors: list[Text] = Field(min_length=1)
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    situations: list[Text] = Field(min_length=3, max_length=6)
    challenge: Text
    experiences: list[Text] = Field(min_length=1)
    help_question_groups: list[QuestionGroupIn] = Field(min_length=1)
    steps: list[StepIn] = Field(min_length=1)
    dos: list[Text] = Field(min_length=1)
    donts: list[Text] = Field(min_length=1)
    tips: list[Text] = Field(default_factory=list)

    def question_keys(self) -> list[str]:
        return [q.key for group in self.help_question_groups for q in group.questions]

    def step_keys(self) -> list[str]:
        return [step.key for step in self.steps]


def parse_guide_file(path, data) -> GuideFile:
    """A validated guide file, or a ContentError naming the file, the field and the reason."""
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected the fields of a guide at the top")
    try:
        guide = GuideFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(file)"
        raise ContentError(f"{path}: {field}: {first['msg']}") from error
    for keys, what in ((guide.question_keys(), "help question"), (guide.step_keys(), "step")):
        duplicates = {key for key in keys if keys.count(key) > 1}
        if duplicates:
            raise ContentError(f"{path}: {what} keys: used twice: {', '.join(sorted(duplicates))}")
    return guide
