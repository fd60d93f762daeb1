"""What a role needs you to show and how you could show it: the rules, the bundled content,
the role page, the finding a job page and the open data."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db.models import ProtectedError

from careers.models import GuidancePage, Requirement, Role, Standard
from core.models import Status
from tests.careers.factories import make_role
from tests.careers.test_pages import text_of


def make_standard(**fields) -> Standard:
    defaults = {
        "name": "A standard for testing",
        "slug": "a-standard",
        "url": "https://standards.example/a-standard",
        "summary": "In use until 31 March 2027.",
        "status": Status.PUBLISHED,
    }
    return Standard.objects.create(**{**defaults, **fields})


# The rules


@pytest.mark.django_db
def test_evidence_and_questions_are_one_per_line():
    role = make_role(
        interview_questions="How do you use supervision?\n\n  Tell us about a case.  \n",
        questions_to_ask="What is the caseload?",
    )
    requirement = Requirement.objects.create(
        role=role,
        statement="Lead a team meeting",
        how_to_show="feedback from families\n\n a case you led \n",
    )
    assert requirement.how_to_show_list == ["feedback from families", "a case you led"]
    assert role.interview_questions_list == ["How do you use supervision?", "Tell us about a case."]
    assert role.questions_to_ask_list == ["What is the caseload?"]
    assert Role.objects.get(pk=role.pk).questions_to_ask_list == ["What is the caseload?"]


@pytest.mark.django_db
def test_requirements_come_in_the_order_editors_give_them():
    role = make_role()
    second = Requirement.objects.create(role=role, statement="Second", order=2)
    first = Requirement.objects.create(role=role, statement="First", order=1)
    also_second = Requirement.objects.create(role=role, statement="Also second", order=2)
    assert list(role.requirements.all()) == [first, second, also_second]


@pytest.mark.django_db
def test_a_standard_that_roles_use_cannot_be_deleted():
    standard = make_standard()
    Requirement.objects.create(role=make_role(), statement="Do a thing", standard=standard)
    with pytest.raises(ProtectedError):
        standard.delete()


# The bundled content


@pytest.mark.django_db
def test_bundled_content_gives_every_role_requirements_evidence_and_questions(site_content):
    assert Standard.objects.public().count() >= 5
    for slug in ["kss-practitioners", "kss-practice-supervisors", "kss-practice-leaders"]:
        assert Standard.objects.get(slug=slug).url.startswith("https://www.gov.uk/")
    early_career = Standard.objects.get(slug="early-career-standards")
    assert "1 April 2027" in early_career.summary
    for role in Role.objects.prefetch_related("requirements"):
        requirements = list(role.requirements.all())
        assert 3 <= len(requirements) <= 5, role.slug
        for requirement in requirements:
            assert 2 <= len(requirement.how_to_show_list) <= 4, requirement.statement
            assert requirement.statement[0].isupper()
        assert role.interview_questions_list, role.slug
        assert role.questions_to_ask_list, role.slug
    supervisor = Role.objects.get(slug="practice-supervisor")
    assert {r.standard.slug for r in supervisor.requirements.all()} == {"kss-practice-supervisors"}


@pytest.mark.django_db
def test_loading_again_keeps_editors_requirements_unless_told_to_overwrite(site_content):
    role = Role.objects.get(slug="team-manager")
    role.requirements.all().delete()
    Requirement.objects.create(role=role, statement="Written by an editor")
    call_command("load_content", verbosity=0)
    assert [r.statement for r in role.requirements.all()] == ["Written by an editor"]

    call_command("load_content", "--overwrite", verbosity=0)
    statements = [r.statement for r in role.requirements.all()]
    assert "Written by an editor" not in statements and len(statements) == 4
    latest = role.requirements.first().history.first()
    assert latest.history_change_reason == "Bundled content loaded"


# The role page


def test_role_page_says_what_you_need_to_show_and_how(client, site_content):
    response = client.get("/explore-roles/newly-qualified-social-worker/")
    html = response.content.decode()
    words = text_of(response)
    assert "What you need to show" in words
    assert "Build relationships with children and families and work with them directly" in words
    # The standard each comes from is a link to it, with the part when the content names one.
    kss = Standard.objects.get(slug="kss-practitioners")
    assert f'<a class="govuk-link" href="{kss.url}" rel="external">{kss.name}</a>' in html
    assert "Social Work England professional standards</a>, standard 4" in html
    assert "How you could show it" in words
    assert "your CPD record with Social Work England" in words
    assert "About these standards" in words and "apply from 1 April 2027" in words
    assert "Preparing for this role" in words
    assert "Questions you may be asked at interview" in words
    assert "How do you use supervision?" in words
    assert "Questions to ask an employer" in words
    assert "How much protected time will I have for learning?" in words


@pytest.mark.django_db
def test_a_draft_standard_is_not_named_on_role_pages(client):
    draft = make_standard(status=Status.DRAFT, name="Unpublished standard")
    role = make_role(slug="tested")
    Requirement.objects.create(
        role=role,
        statement="Plan work with families",
        standard=draft,
        standard_reference="statement 7",
        how_to_show="feedback from families",
    )
    response = client.get("/explore-roles/tested/")
    words = text_of(response)
    assert "Plan work with families" in words and "feedback from families" in words
    assert "Unpublished standard" not in words and "statement 7" not in words
    assert draft.url not in response.content.decode()

    Standard.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    words = text_of(client.get("/explore-roles/tested/"))
    assert "From the Unpublished standard , statement 7" in words


@pytest.mark.django_db
def test_a_role_without_requirements_or_questions_leaves_those_sections_out(client):
    make_role(slug="plain")
    words = text_of(client.get("/explore-roles/plain/"))
    assert "What you need to show" not in words
    assert "How you could show it" not in words
    assert "Preparing for this role" not in words
    assert "Where jobs are advertised" in words


# Finding a job


@pytest.mark.django_db
def test_find_a_job_link_searches_for_the_role_title(client):
    make_role(slug="director", title="Director of children's services & more")
    html = client.get("/explore-roles/director/").content.decode()
    search = "https://findajob.dwp.gov.uk/search?q=Director+of+children%27s+services+%26+more"
    assert f'href="{search}"' in html


def test_finding_a_job_page_covers_where_to_look_and_agency_rules(client, site_content):
    page = GuidancePage.objects.get(slug="finding-a-job")
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    words = text_of(response)
    for text in [
        "Find a job",
        "Local council jobs",
        "every kind of council job, not only social work",
        "Agency pay differs by region",
        "at least 3 years' experience after qualifying",
        "within 3 months of you leaving a permanent job in the same region",
        "4 weeks' notice",
    ]:
        assert text in words.replace("&#39;", "'"), text
    html = response.content.decode()
    assert (
        'href="https://www.gov.uk/government/publications/child-and-family-social-workers-agency-rules"'
        in html
    )


@pytest.mark.parametrize(
    "path", ["/explore-roles/", "/explore-roles/team-manager/", "/explore-roles/social-worker/"]
)
def test_pages_that_mention_jobs_link_to_finding_a_job(client, site_content, path):
    html = client.get(path).content.decode()
    assert 'href="/guidance/finding-a-job/"' in html
    assert client.get("/guidance/finding-a-job/").status_code == 200


def test_agency_role_points_out_finding_a_job_near_its_top(client, site_content):
    html = client.get("/explore-roles/agency-social-worker/").content.decode()
    see_also = html.index('href="/guidance/finding-a-job/"')
    assert see_also < html.index("What you'll do</h2>")


# Open data


def test_open_data_lists_each_roles_requirements(client, site_content):
    roles = client.get("/api/v1/roles").json()["roles"]
    nqsw = next(role for role in roles if role["slug"] == "newly-qualified-social-worker")
    cpd = next(r for r in nqsw["requirements"] if r["standard_reference"] == "standard 4")
    assert cpd == {
        "statement": "Keep your learning up to date and record it",
        "standard": "Social Work England professional standards",
        "standard_url": "https://www.socialworkengland.org.uk/standards/professional-standards/",
        "standard_reference": "standard 4",
        "how_to_show": [
            "your CPD record with Social Work England",
            "a piece of training you did and what you changed after it",
            "your ASYE portfolio",
        ],
    }
    agency = next(role for role in roles if role["slug"] == "agency-social-worker")
    assert agency["requirements"][0]["standard"] is None


def test_open_data_leaves_out_draft_standards(client, site_content):
    Standard.objects.filter(slug="swe-professional-standards").update(status=Status.DRAFT)
    roles = client.get("/api/v1/roles").json()["roles"]
    named = {r["standard"] for role in roles for r in role["requirements"]}
    assert "Social Work England professional standards" not in named
    assert all(r["standard_reference"] == "" for role in roles for r in role["requirements"])


def test_open_data_csv_lists_requirement_statements(client, site_content):
    response = client.get("/api/v1/roles?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    supervisor = next(row for row in rows if row["slug"] == "practice-supervisor")
    assert supervisor["requirements"].startswith(
        "Give supervision that helps social workers reflect and make good decisions; "
    )
