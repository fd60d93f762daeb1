"""A programme's page: key facts, the call to action, pathway links and breadcrumbs."""

import datetime
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.models import CareerStage
from core.models import Status
from programmes.models import Programme
from programmes.views import render_programme
from tests.programmes.factories import make_programme, make_stage

SLUGS = [
    "asye",
    "early-career-development-programme",
    "pathways-modules",
    "pathway-1",
    "pathway-2",
    "pathway-3",
    "pathway-4",
    "aspirant-directors-programme",
    "new-directors-programme",
]


def breadcrumbs(html: str) -> list[str]:
    nav = re.search(r'<nav class="govuk-breadcrumbs.*?</nav>', html, re.DOTALL).group(0)
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r"<li[^>]*>(.*?)</li>", nav, re.DOTALL)
    ]


def key_facts(html: str) -> list[str]:
    return [k.strip() for k in re.findall(r'<dt class="govuk-summary-list__key">\s*([^<]+)', html)]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_bundled_programme_has_a_page(client, site_content, slug):
    programme = Programme.objects.get(slug=slug)
    response = client.get(f"/development-programmes/{slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-l">{programme.name}</h1>' in html.replace("&#39;", "'")
    assert "<title>" in html and '<meta name="description" content="' in html
    # Only a programme people can start or apply for today has a call to action: one,
    # through the tracked link, naming where it goes.
    can_apply = programme.status_on(timezone.localdate()).can_apply
    assert html.count(f'href="/development-programmes/{slug}/sign-up/"') == int(can_apply)
    if can_apply:
        assert programme.cta_text.replace("'", "&#39;") in html
        assert "This opens the provider's website" in html


def test_key_facts_are_listed_in_order(client, site_content):
    html = client.get("/development-programmes/pathways-modules/").content.decode()
    assert key_facts(html) == [
        "Who it&#39;s for",
        "Eligibility",
        "Duration",
        "Time commitment",
        "Format",
        "Cost",
        "Delivered by",
        "Application status",
        "What you get",
    ]
    for fact in [
        "Self-paced: you choose how long to take",
        "No set hours. Study when it suits you.",
        "Online",
        "The Department for Education, on its Support for social workers service, with content",
        "Start at any time",
    ]:
        assert fact in html
    assert "Start the modules on Support for social workers" in html
    assert "(support-for-social-workers.education.gov.uk)" in html
    # Key facts come before the call to action, which comes before the body.
    assert (
        html.index("Who it&#39;s for")
        < html.index("/sign-up/")
        < html.index("What the modules are")
    )


def test_application_status_on_the_page_uses_todays_windows(client, site_content):
    today = datetime.date.today()
    Programme.objects.get(slug="pathways-modules").windows.create(
        opens_on=today - datetime.timedelta(days=1), closes_on=datetime.date(2099, 1, 31)
    )
    html = client.get("/development-programmes/pathways-modules/").content.decode()
    assert "Applications open until 31 January 2099" in html


def test_next_programme_and_related_programmes(client, site_content):
    html = client.get("/development-programmes/aspirant-directors-programme/").content.decode()
    next_step = html[html.index("Next step") :]
    new_directors = "Upon: new directors programme"
    link = f'href="/development-programmes/new-directors-programme/">{new_directors}</a>'
    assert link in next_step
    related = html[html.index("Related programmes") :]
    # The aspirant directors programme is for senior managers and leaders.
    assert "Pathways social work leadership modules" in related
    assert new_directors in related
    assert "Upon: aspirant directors programme" not in related
    assert "Pathway 2: middle managers" not in related  # ended


def test_unpublished_next_programme_is_not_linked(client, site_content):
    Programme.objects.filter(slug="new-directors-programme").update(status=Status.DRAFT)
    html = client.get("/development-programmes/aspirant-directors-programme/").content.decode()
    assert "Next step" not in html
    assert "new-directors-programme" not in html


def test_breadcrumbs_without_a_stage(client, site_content):
    html = client.get("/development-programmes/pathway-2/").content.decode()
    assert breadcrumbs(html) == [
        '<a class="govuk-breadcrumbs__link" href="/">Home</a>',
        '<a class="govuk-breadcrumbs__link" href="/development-programmes/">'
        "Development programmes</a>",
        "Pathway 2: middle managers",
    ]


def test_breadcrumbs_and_links_through_a_career_stage(client, site_content):
    stage = CareerStage.objects.get(slug="senior-manager")
    page = "/development-programmes/pathways-modules/"
    html = client.get(f"{page}?stage=senior-manager").content.decode()
    assert breadcrumbs(html) == [
        '<a class="govuk-breadcrumbs__link" href="/">Home</a>',
        f'<a class="govuk-breadcrumbs__link" href="{stage.get_absolute_url()}">Senior managers</a>',
        "Pathways social work leadership modules",
    ]
    # The stage travels with the sign-up link, so the click records it.
    assert f'href="{page}sign-up/?stage=senior-manager"' in html
    related = html[html.index("Related programmes") :]
    aspirant = "/development-programmes/aspirant-directors-programme/?stage=senior-manager"
    assert f'href="{aspirant}"' in related
    assert "new directors" not in related  # not a programme for senior managers


@pytest.mark.parametrize(
    "stage",
    ["no-such-stage", "", "%00", "manager%00", "<script>", "é", "a" * 3000, "manager&stage=x"],
)
def test_unknown_stage_values_are_ignored(client, site_content, stage):
    response = client.get(f"/development-programmes/pathways-modules/?stage={stage}")
    html = response.content.decode()
    assert response.status_code == 200
    assert breadcrumbs(html)[1].endswith(">Development programmes</a>")
    assert 'href="/development-programmes/pathways-modules/sign-up/"' in html


def test_unpublished_stage_is_ignored(client, site_content):
    CareerStage.objects.filter(slug="manager").update(status=Status.DRAFT)
    html = client.get("/development-programmes/pathway-2/?stage=manager").content.decode()
    assert breadcrumbs(html)[1].endswith(">Development programmes</a>")
    assert "Managers" not in html


@pytest.mark.parametrize("path", ["no-such-programme", "PATHWAY-2", "pathway-2x"])
def test_unknown_programme_is_not_found(client, site_content, path):
    response = client.get(f"/development-programmes/{path}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_draft_programme_is_not_found_but_can_be_previewed(client, site_content):
    Programme.objects.filter(slug="pathways-modules").update(status=Status.DRAFT)
    assert client.get("/development-programmes/pathways-modules/").status_code == 404

    request = RequestFactory().get("/admin/preview/")
    programme = Programme.objects.get(slug="pathways-modules")
    response = render_programme(request, programme, preview="This page is not published.")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pathways social work leadership modules" in html
    assert "The apply button goes straight to the provider" in html
    assert '<meta name="robots" content="noindex">' in html
    # A preview links straight to the provider so staff never add to the counts.
    assert "/sign-up/" not in html
    assert f'href="{programme.sign_up_url}"' in html


def test_published_page_is_not_marked_as_a_preview(client, site_content):
    html = client.get("/development-programmes/pathway-2/").content.decode()
    assert "This is a preview" not in html and "noindex" not in html


def test_editor_text_is_escaped(client, site_content):
    Programme.objects.filter(slug="pathways-modules").update(
        audience="<script>alert(1)</script>", location="<b>Warwick</b>", intakes="<i>May</i>"
    )
    html = client.get("/development-programmes/pathways-modules/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;Warwick&lt;/b&gt;" in html and "&lt;i&gt;May&lt;/i&gt;" in html


@pytest.mark.django_db
def test_page_runs_a_fixed_number_of_queries(client):
    stage = make_stage(slug="s1")
    programme = make_programme(slug="subject", stages=[stage])
    programme.next_programme = make_programme(stages=[stage])
    programme.save()
    programme.windows.create(
        opens_on=datetime.date(2020, 1, 1), closes_on=datetime.date(2099, 1, 1)
    )

    with CaptureQueriesContext(connection) as few:
        assert client.get("/development-programmes/subject/?stage=s1").status_code == 200
    for _ in range(55):
        make_programme(stages=[stage, make_stage()])
    with CaptureQueriesContext(connection) as many:
        assert client.get("/development-programmes/subject/?stage=s1").status_code == 200
    assert len(many) == len(few)
    # Programme (with family, provider, next and replacing programmes), its windows and
    # stages, the stage asked for, related programmes and their windows.
    assert len(many) <= 7
