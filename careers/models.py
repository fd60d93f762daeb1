"""Career stages, roles and areas of practice: what a social work career looks like."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.lists import lines
from core.models import (
    ORDER_HELP,
    SLUG_HELP,
    WEB_ADDRESS,
    FactChecked,
    MarkdownBody,
    Publishable,
)

ONE_PER_LINE = "Write one item per line."


class PointsOutGuidance(models.Model):
    """A stage or role page that can point out one guidance page near its top."""

    see_also = models.ForeignKey(
        "GuidancePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="guidance to point out",
        help_text=(
            "Optional. A guidance page shown near the top of this page, for example one about "
            "changes that affect people at this stage or in this role."
        ),
    )

    class Meta:
        abstract = True


class CareerStage(Publishable, PointsOutGuidance):
    name = models.CharField(
        max_length=80, help_text="The stage's short name, for example 'Experienced practitioners'."
    )
    slug = models.SlugField(WEB_ADDRESS, max_length=80, unique=True, help_text=SLUG_HELP)
    heading = models.CharField(
        max_length=120,
        help_text="The heading of the stage's page, for example 'Programmes for managers'.",
    )
    includes = models.CharField(
        max_length=200,
        help_text=(
            "Which roles this stage includes, in plain words, starting in lower case, for "
            "example 'team managers and assistant team managers'."
        ),
    )
    summary = models.TextField(
        blank=True,
        help_text="One or two sentences about this stage, shown on the career stages page.",
    )
    order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Where this stage comes in the list of stages. Lower numbers come first.",
    )
    guidance = models.ForeignKey(
        "GuidancePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="professional development page",
        help_text=(
            "Optional. A guidance page about professional development at this stage. The "
            "stage page links to it under 'Professional development for ...'."
        ),
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:stage", args=[self.slug])


class ProfileLists:
    """The one-item-per-line fields of a role or area, as lists for pages."""

    @property
    def other_names_list(self) -> list[str]:
        return lines(self.other_names)

    @property
    def tasks_list(self) -> list[str]:
        return lines(self.tasks)

    @property
    def skills_list(self) -> list[str]:
        return lines(self.skills)

    @property
    def working_with_list(self) -> list[str]:
        return lines(self.working_with)


class CareerPath(models.TextChoices):
    """Which way a role takes a career. "Plan your next step" matches these with what people
    say they want next (careers.plan)."""

    PRACTICE = "practice", "Practice: experienced and specialist practitioner roles"
    SUPERVISION = "supervision", "Supervision: supervising and teaching other social workers"
    MANAGEMENT = "management", "Management: managing a team or a service"
    LEADERSHIP = "leadership", "Leadership: leading practice or services across a council"


class Role(ProfileLists, Publishable, FactChecked, PointsOutGuidance):
    """A job, described like a careers job profile: typed fields, not one block of text."""

    title = models.CharField(
        max_length=120, help_text="The job title, for example 'Practice supervisor'."
    )
    slug = models.SlugField(WEB_ADDRESS, max_length=80, unique=True, help_text=SLUG_HELP)
    stage = models.ForeignKey(
        CareerStage,
        on_delete=models.PROTECT,
        related_name="roles",
        verbose_name="career stage",
        help_text="The career stage this role belongs to.",
    )
    other_names = models.TextField(
        blank=True, help_text="Other job titles people use for this role. " + ONE_PER_LINE
    )
    summary = models.TextField(
        help_text="One or two sentences saying what this role is. Lists show it."
    )
    salary_from = models.PositiveIntegerField(
        "typical salary from (£)",
        null=True,
        blank=True,
        help_text=(
            "Typical yearly salary when starting in the role, in whole pounds. Leave both "
            "salary figures empty if no source gives one, and say why in the note about pay."
        ),
    )
    salary_to = models.PositiveIntegerField(
        "typical salary to (£)",
        null=True,
        blank=True,
        help_text=(
            "Typical yearly salary when experienced, in whole pounds. Must be the same as or "
            "more than the salary from."
        ),
    )
    salary_source = models.CharField(
        "pay source",
        max_length=200,
        blank=True,
        help_text="Where the pay figures come from, for example 'Medway Council pay scales'.",
    )
    salary_source_url = models.URLField(
        "pay source address", max_length=500, blank=True, help_text="The source's web address."
    )
    salary_source_year = models.PositiveSmallIntegerField(
        "pay source year",
        null=True,
        blank=True,
        help_text="The year the source gives, or the year you checked it if it gives none.",
    )
    salary_note = models.CharField(
        "note about pay",
        max_length=300,
        blank=True,
        help_text="One plain sentence shown under the pay, for example that it varies by council.",
    )
    experience = models.CharField(
        "typical experience",
        max_length=200,
        blank=True,
        help_text="How much experience people usually have, for example 'usually 3 years'.",
    )
    tasks = models.TextField(
        "what you'll do",
        blank=True,
        help_text="What people in this role do day to day. " + ONE_PER_LINE,
    )
    skills = models.TextField(
        "skills and knowledge",
        blank=True,
        help_text="The skills and knowledge the role needs. " + ONE_PER_LINE,
    )
    how_to_get = models.TextField(
        "how to get this role",
        blank=True,
        help_text="How people usually get this role, in a few sentences.",
    )
    working_with = models.TextField(
        "who you'll work with",
        blank=True,
        help_text=("Partners and colleagues people in this role work with. " + ONE_PER_LINE),
    )
    next_roles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="previous_roles",
        help_text="Roles people usually move on to from this one.",
    )
    jobs = models.TextField(
        "where jobs are advertised", blank=True, help_text="Where jobs like this are advertised."
    )
    interview_questions = models.TextField(
        "questions you may be asked at interview", blank=True, help_text=ONE_PER_LINE
    )
    questions_to_ask = models.TextField(
        "questions to ask an employer",
        blank=True,
        help_text=(
            "What to ask an employer before taking the job, for example about supervision, "
            "caseloads or support early in your career. " + ONE_PER_LINE
        ),
    )
    path = models.CharField(
        "career path",
        max_length=20,
        choices=CareerPath.choices,
        default=CareerPath.PRACTICE,
        help_text=(
            "Which way this role takes a career. 'Plan your next step' suggests it to people "
            "who want to go this way."
        ),
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Where this role comes within its stage. Lower numbers come first."
    )

    # History keeps which next roles each version had, so revert restores them.
    _history_m2m_fields = ["next_roles"]

    # A published role in a draft stage is not public: its page would have nowhere to sit.
    public_requires = ("stage",)

    class Meta:
        ordering = ["stage__order", "order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("careers:role", args=[self.slug])

    @property
    def interview_questions_list(self) -> list[str]:
        return lines(self.interview_questions)

    @property
    def questions_to_ask_list(self) -> list[str]:
        return lines(self.questions_to_ask)

    @property
    def has_salary(self) -> bool:
        return self.salary_from is not None and self.salary_to is not None

    def clean(self) -> None:
        if (self.salary_from is None) != (self.salary_to is None):
            raise ValidationError({"salary_to": "Enter both salary figures, or leave both empty."})
        if self.salary_from and self.salary_to and self.salary_from > self.salary_to:
            raise ValidationError(
                {"salary_to": "The salary 'to' must be the same as or more than the salary 'from'."}
            )


class Standard(Publishable):
    """A published standard that says what social workers in a role must know and do, such
    as a knowledge and skills statement. Requirements of roles point to it."""

    name = models.CharField(max_length=200, help_text="The standard's full name.")
    # Standards have no page of their own, so this is not part of any address.
    slug = models.SlugField(
        "short name", max_length=80, unique=True, help_text="A short name for addresses."
    )
    url = models.URLField(
        "address", max_length=500, help_text="The page where the standard is published."
    )
    summary = models.CharField(
        max_length=300,
        help_text=(
            "One short sentence: what the standard is and whether it is in use, for example "
            "'In use until 31 March 2027'."
        ),
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The service has no page of its own for a standard: its public page is the
        # publisher's, which role pages link to.
        return self.url


class Requirement(models.Model):
    """Something a person in a role must be able to show, the standard it comes from, and
    the kinds of evidence that show it."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    statement = models.CharField(
        max_length=200,
        help_text=(
            "What a person in this role must be able to do, in plain English, starting with a "
            "verb, for example 'Lead a team through a difficult case'."
        ),
    )
    standard = models.ForeignKey(
        Standard,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requirements",
        help_text="Optional. The standard this requirement comes from.",
    )
    standard_reference = models.CharField(
        "where in the standard",
        max_length=100,
        blank=True,
        help_text=(
            "Optional. The part of the standard, for example 'statement 7' or "
            "'PCF: experienced social worker'. Leave it empty if you are not sure."
        ),
    )
    how_to_show = models.TextField(
        "how you could show it",
        blank=True,
        help_text=(
            "Kinds of evidence that show this, for example 'feedback from families'. "
            + ONE_PER_LINE
        ),
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.statement

    @property
    def how_to_show_list(self) -> list[str]:
        return lines(self.how_to_show)


class AreaOfPractice(ProfileLists, Publishable):
    name = models.CharField(max_length=120, help_text="The area's name, for example 'Fostering'.")
    slug = models.SlugField(WEB_ADDRESS, max_length=80, unique=True, help_text=SLUG_HELP)
    other_names = models.TextField(
        blank=True, help_text="Other names teams use for this area. " + ONE_PER_LINE
    )
    summary = models.TextField(
        help_text="One or two sentences about this area of practice. Lists show it."
    )
    tasks = models.TextField(
        "what you'll do",
        blank=True,
        help_text="What people working in this area do. " + ONE_PER_LINE,
    )
    skills = models.TextField(
        "skills you'll need",
        blank=True,
        help_text="The skills people need in this area. " + ONE_PER_LINE,
    )
    working_with = models.TextField(
        "who you'll work with",
        blank=True,
        help_text="Partners and colleagues people work with. " + ONE_PER_LINE,
    )
    related_roles = models.ManyToManyField(
        Role, blank=True, related_name="areas", help_text="Roles that often work in this area."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text=ORDER_HELP)

    # History keeps which related roles each version had, so revert restores them.
    _history_m2m_fields = ["related_roles"]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "area of practice"
        verbose_name_plural = "areas of practice"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:area", args=[self.slug])


class GuidancePage(Publishable, MarkdownBody):
    """A longer page of careers guidance, such as how to become a social worker."""

    title = models.CharField(
        max_length=120, help_text="The page heading, for example 'How to become a social worker'."
    )
    slug = models.SlugField(WEB_ADDRESS, max_length=80, unique=True, help_text=SLUG_HELP)
    summary = models.CharField(
        max_length=300,
        help_text="One sentence about the page. Search engines show it under the title.",
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("careers:guidance", args=[self.slug])


class PlanCount(models.Model):
    """How many plans "Plan your next step" drew on a day for one current role, aim and set
    of suggested roles. Nothing about the person is kept: the answers are in the plan's
    address only, and this is a number per combination (careers.plan_counts)."""

    day = models.DateField()
    role = models.CharField("current role", max_length=80)
    aim = models.CharField(max_length=20)
    suggested = models.CharField(
        "suggested roles", max_length=400, help_text="The suggested roles' slugs, in order."
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "role", "aim", "suggested"], name="one_plan_count_per_combination"
            )
        ]
        verbose_name = "plan count"

    def __str__(self) -> str:
        return f"{self.day}: {self.role}, {self.aim}: {self.count}"
