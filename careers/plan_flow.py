"""The questions of "Plan your next step", in the order people answer them.

Each question is one page, and its answer one query-string parameter: the plan lives in its
address, so nothing is stored on the server and a copied address gives the same plan
anywhere. To add a question, add a Question to QUESTIONS (its page, check-your-answers row
and validation follow), then use its answer in careers.plan.

Answers are only ever compared with the question's own choices in Python, never sent to the
database, so anything a visitor puts in the address (unknown values, NUL bytes, very long or
repeated values) is just an answer that is not one of the choices."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

from careers import plan, selectors


@dataclass(frozen=True)
class Choice:
    value: str
    text: str


@dataclass(frozen=True)
class Question:
    name: str  # the query-string parameter
    slug: str  # the page's address under /plan-your-next-step/
    title: str  # the question, which is the page's heading
    label: str  # its row in "Check your answers"
    choices: Callable[[], Sequence[Choice]]
    error: str  # shown when it is not answered
    hint: str = ""
    many: bool = False  # checkboxes rather than radios
    optional: bool = False
    none_chosen: str = "None chosen"

    def read(self, query: QueryDict) -> "Reading":
        choices = {choice.value: choice for choice in self.choices()}
        if self.many:
            wanted = set(query.getlist(self.name))
            chosen = [choice for value, choice in choices.items() if value in wanted]
            text = ", ".join(choice.text for choice in chosen) or self.none_chosen
            return Reading(self, tuple(choice.value for choice in chosen), text=text)
        values = query.getlist(self.name)
        # A repeated parameter (a tampered or doubled address) counts by its first value.
        value = values[0] if values else ""
        if value in choices:
            return Reading(self, value, text=choices[value].text)
        return Reading(self, None, error=self.error)


@dataclass(frozen=True)
class Reading:
    question: Question
    value: str | tuple[str, ...] | None
    error: str | None = None
    text: str = ""  # the answer as people read it

    @property
    def answered(self) -> bool:
        return self.error is None


def _constant(pairs) -> Callable[[], list[Choice]]:
    choices = [Choice(value, text) for value, text in pairs]
    return lambda: choices


def _role_choices() -> list[Choice]:
    return [Choice(role.slug, role.title) for role in plan.map_roles() if plan.can_plan_from(role)]


def _area_choices() -> list[Choice]:
    return [Choice(area.slug, area.name) for area in selectors.area_choices()]


QUESTIONS = [
    Question(
        name="role",
        slug="current-role",
        title="What is your current role?",
        label="Current role",
        choices=_role_choices,
        error="Select your current role",
        hint="Choose the closest if your job title is different.",
    ),
    Question(
        name="years",
        slug="time-since-qualifying",
        title="How long ago did you qualify as a social worker?",
        label="Time since qualifying",
        choices=_constant(plan.YEARS),
        error="Select how long ago you qualified",
    ),
    Question(
        name="aim",
        slug="what-you-want-next",
        title="What do you want to do next?",
        label="What you want next",
        choices=_constant((aim.value, aim.text) for aim in plan.AIMS),
        error="Select what you want to do next",
    ),
    Question(
        name="area",
        slug="areas-of-practice",
        title="Which areas of practice interest you? (optional)",
        label="Areas of practice",
        choices=_area_choices,
        error="",
        hint="Select all that apply, or none. We use these to put the closest roles first.",
        many=True,
        optional=True,
    ),
    Question(
        name="la",
        slug="employer",
        title="Do you work for a local authority?",
        label="Local authority employer",
        choices=_constant(plan.EMPLOYERS),
        error="Select whether you work for a local authority",
        hint="Some programmes are only for people a local authority employs.",
    ),
]
BY_SLUG = {question.slug: question for question in QUESTIONS}
NAMES = [question.name for question in QUESTIONS]
# Marks a question page's own form, so the page can tell an answer being given from an
# answer being shown again (after a back link or a "Change" link).
SUBMITTED = "continue"
# Marks a question reached from "Check your answers", which it returns to.
FROM_CHECK = "check"


@dataclass(frozen=True)
class Answers:
    readings: dict[str, Reading]

    @property
    def complete(self) -> bool:
        return all(reading.answered for reading in self.readings.values())

    @property
    def problems(self) -> list[Reading]:
        return [reading for reading in self.readings.values() if not reading.answered]

    def value(self, name: str):
        return self.readings[name].value

    def text(self, name: str) -> str:
        return self.readings[name].text

    def pairs(self, *, without: str = "") -> list[tuple[str, str]]:
        """The valid answers as query-string pairs, in question order."""
        pairs = []
        for name, reading in self.readings.items():
            if name == without or not reading.answered:
                continue
            values = reading.value if reading.question.many else [reading.value]
            pairs += [(name, value) for value in values]
        return pairs

    def query(self, *extra: tuple[str, str]) -> str:
        return urlencode(self.pairs() + list(extra))


def read_answers(query: QueryDict) -> Answers:
    return Answers({question.name: question.read(query) for question in QUESTIONS})


def question_after(question: Question) -> Question | None:
    index = QUESTIONS.index(question)
    return QUESTIONS[index + 1] if index + 1 < len(QUESTIONS) else None


def question_before(question: Question) -> Question | None:
    index = QUESTIONS.index(question)
    return QUESTIONS[index - 1] if index > 0 else None
