"""The careers pages as visitors get them, with the content the site ships with."""

import re

import pytest

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import Status
from tests.careers.factories import make_area, make_guidance_page, make_role, make_stage

SERVICE = "Develop your career in child and family social work"
STAGES = [
    ("Practitioners", "practitioner"),
    ("Experienced practitioners", "experienced-practitioner"),
    ("Managers", "manager"),
    ("Senior managers", "senior-manager"),
    ("Leaders", "senior-leader"),
]


def text_of(response) -> str:
    """The page's visible words, without tags, for checking what a reader sees."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html)


def breadcrumbs(response) -> list[str]:
    html = response.content.decode()
    trail = re.search(r'<nav class="govuk-breadcrumbs.*?</nav>', html, re.DOTALL)
    assert trail, "the page has no breadcrumbs"
    items = re.findall(r"<li[^>]*>(.*?)</li>", trail.group(0), re.DOTALL)
    return [re.sub(r"<[^>]+>|\s+", " ", item).strip() for item in items]


def test_home_page_offers_every_career_stage(client, site_content):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-xl">{SERVICE}</h1>' in html
    assert "Find a programme by career stage</h2>" in html
    for name, slug in STAGES:
        assert f'href="/career-stages/{slug}/">{name}</a>' in html
    words = text_of(response)
    assert "Includes team managers, middle managers and independent reviewing officers (IROs)." in (
        words
    )
    assert 'href="/development-programmes/"' in html
    assert 'href="/explore-roles/"' in html
    assert 'href="/guidance/become-a-social-worker/"' in html


def test_stage_list(client, site_content):
    response = client.get("/career-stages/")
    assert response.status_code == 200
    html = response.content.decode()
    for name, slug in STAGES:
        assert f'href="/career-stages/{slug}/">{name}</a>' in html
    assert breadcrumbs(response) == ["Home", "Career stages"]


def test_practitioner_stage_page(client, site_content):
    response = client.get("/career-stages/practitioner/")
    html = response.content.decode()
    words = text_of(response)
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Programmes for practitioners</h1>' in html
    assert f"<title>Programmes for practitioners - {SERVICE} - GOV.UK</title>" in html
    # Programmes link with the stage, so the programme page can show where the visitor came from.
    assert 'href="/development-programmes/asye/?stage=practitioner"' in html
    assert "Newly qualified social worker" in words
    assert "Typical salary £31,000 to £37,000" in words
    assert "Professional development for practitioners</h2>" in html
    cpd = "/guidance/develop-your-social-work-practice/"
    assert f'href="{cpd}">Develop your social work practice<' in html
    all_programmes = "Development programmes for social workers"
    assert f'href="/development-programmes/">{all_programmes}</a>' in html
    assert breadcrumbs(response) == ["Home", "Career stages", "Practitioners"]


@pytest.mark.parametrize(("name", "slug"), STAGES)
def test_stage_breadcrumbs_lead_back_through_career_stages(client, site_content, name, slug):
    response = client.get(f"/career-stages/{slug}/")
    trail = re.search(r'<nav class="govuk-breadcrumbs.*?</nav>', response.content.decode(), re.S)
    assert breadcrumbs(response) == ["Home", "Career stages", name]
    assert 'href="/career-stages/">Career stages</a>' in trail.group(0)


def test_only_practitioners_link_to_professional_development(client, site_content):
    html = client.get("/career-stages/manager/").content.decode()
    assert "Professional development for" not in html
    assert 'href="/development-programmes/pathways-modules/?stage=manager"' in html
    assert "Independent reviewing officer" in html


def test_stage_page_hides_draft_programmes_roles_and_guidance(client, db):
    from tests.careers.factories import make_programme

    guidance = make_guidance_page(status=Status.DRAFT)
    stage = make_stage(slug="managers", guidance=guidance)
    make_role(stage=stage, title="Published role")
    make_role(stage=stage, title="Draft role", status=Status.DRAFT)
    make_programme(stages=[stage], name="Open programme")
    make_programme(stages=[stage], name="Draft programme", status=Status.DRAFT)
    words = text_of(client.get("/career-stages/managers/"))
    assert "Published role" in words and "Open programme" in words
    assert "Draft role" not in words and "Draft programme" not in words
    assert "Professional development for" not in words


@pytest.mark.parametrize(
    "path",
    [
        "/career-stages/no-such-stage/",
        "/explore-roles/no-such-role/",
        "/explore-areas-of-practice/no-such-area/",
        "/guidance/no-such-page/",
    ],
)
def test_unknown_slugs_are_not_found(client, site_content, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_drafts_are_not_found(client, db):
    stage = make_stage(slug="draft-stage", status=Status.DRAFT)
    make_role(slug="draft-role", status=Status.DRAFT)
    make_role(slug="role-in-draft-stage", stage=stage)
    make_area(slug="draft-area", status=Status.DRAFT)
    make_guidance_page(slug="draft-page", status=Status.DRAFT)
    for path in [
        "/career-stages/draft-stage/",
        "/explore-roles/draft-role/",
        "/explore-roles/role-in-draft-stage/",
        "/explore-areas-of-practice/draft-area/",
        "/guidance/draft-page/",
    ]:
        assert client.get(path).status_code == 404, path


def test_roles_are_grouped_by_stage_with_salaries(client, site_content):
    response = client.get("/explore-roles/")
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Roles in child and family social work</h1>' in html
    headings = re.findall(r'<h2 class="govuk-heading-l">(.*?)</h2>', html)
    assert headings == [name for name, _ in STAGES]
    for role in Role.objects.all():
        assert f'href="/explore-roles/{role.slug}/">{role.title}</a>' in html.replace("&#39;", "'")
    assert "Typical salary £100,000 to £150,000" in text_of(response)


def test_role_page_shows_every_field(client, site_content):
    response = client.get("/explore-roles/team-manager/")
    html = response.content.decode()
    words = text_of(response)
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Team manager</h1>' in html
    assert "Also called: middle manager, practice manager, team leader" in words
    assert "£46,000 to £65,000 a year" in words
    assert "Usually 5 or more years, with experience of supervising others" in words
    for heading in [
        "What you'll do",
        "Skills and knowledge",
        "How to get this role",
        "Who you'll work with",
        "What you need to show",
        "How you could show it",
        "Programmes that prepare you for this role",
        "Preparing for this role",
        "Where jobs are advertised",
    ]:
        assert f'<h2 class="govuk-heading-l">{heading}</h2>' in html
    assert "<li>allocate cases and manage the team&#39;s workload</li>" in html
    # Previous and next roles, both ways along the progression graph.
    assert 'href="/explore-roles/practice-supervisor/">Practice supervisor</a>' in html
    assert 'href="/explore-roles/service-manager/">Service manager</a>' in html
    modules = "Pathways social work leadership modules"
    assert f'href="/development-programmes/pathways-modules/">{modules}</a>' in html
    assert 'href="https://findajob.dwp.gov.uk/search?q=Team+manager"' in html
    assert "Last updated" in words
    assert breadcrumbs(response) == ["Home", "Explore roles", "Team manager"]


def test_role_page_links_to_a_comparison_with_next_roles(client, site_content):
    html = client.get("/explore-roles/social-worker/").content.decode()
    link = (
        "/explore-roles/compare/?role=social-worker&amp;role=senior-practitioner"
        "&amp;role=practice-supervisor"
    )
    assert f'href="{link}"' in html
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200


def test_most_senior_role_says_so(client, site_content):
    words = text_of(client.get("/explore-roles/director-children-services/"))
    assert "one of the most senior roles" in words
    assert "Upon: new directors programme" in words


def test_role_page_leaves_out_draft_next_roles(client, db):
    draft = make_role(title="Hidden next role", status=Status.DRAFT)
    shown = make_role(title="Shown next role")
    role = make_role(slug="starting-role", next_roles=[draft, shown])
    make_role(title="Hidden previous role", status=Status.DRAFT, next_roles=[role])
    words = text_of(client.get("/explore-roles/starting-role/"))
    assert "Shown next role" in words
    assert "Hidden next role" not in words and "Hidden previous role" not in words


def test_areas_of_practice(client, site_content):
    response = client.get("/explore-areas-of-practice/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('href="/explore-areas-of-practice/') == 10
    response = client.get("/explore-areas-of-practice/assessment-intake/")
    html = response.content.decode()
    words = text_of(response)
    assert '<h1 class="govuk-heading-xl">Assessment and intake</h1>' in html
    assert "Also called: MASH, referral and assessment, first response" in words
    assert "screen new referrals and decide how urgent they are" in words
    assert 'href="/explore-roles/team-manager/">Team manager</a>' in html
    assert breadcrumbs(response) == ["Home", "Areas of practice", "Assessment and intake"]


def test_guidance_pages(client, site_content):
    response = client.get("/guidance/become-a-social-worker/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Become a child and family social worker</h1>' in html
    assert 'href="https://www.gov.uk/guidance/step-up-to-social-work"' in html
    assert "Approach Social Work" in html and "social worker degree apprenticeship" in html
    response = client.get("/guidance/develop-your-social-work-practice/")
    words = text_of(response)
    assert "at least 2 different pieces of CPD" in words and "30 November" in words
    assert breadcrumbs(response) == ["Home", "Develop your social work practice"]


def test_guidance_page_body_is_sanitised(client, db):
    make_guidance_page(slug="tricky", body="<script>alert(1)</script>\n\nPlain words.")
    html = client.get("/guidance/tricky/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Plain words." in html


def test_editor_text_is_escaped(client, db):
    make_role(slug="escaped", title="<b>Bold</b> role", summary="<script>x()</script>")
    html = client.get("/explore-roles/escaped/").content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; role" in html


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/career-stages/",
        "/career-stages/practitioner/",
        "/explore-roles/",
        "/explore-roles/social-worker/",
        "/explore-roles/compare/",
        "/career-paths/",
        "/explore-areas-of-practice/",
        "/explore-areas-of-practice/courts/",
        "/guidance/become-a-social-worker/",
    ],
)
def test_every_page_has_a_title_and_description(client, site_content, path):
    html = client.get(path).content.decode()
    assert re.search(r"<title>.+ - GOV.UK</title>", html)
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description and len(description.group(1)) > 40


def test_get_absolute_url_uses_the_public_addresses(db):
    stage = make_stage(slug="s")
    assert stage.get_absolute_url() == "/career-stages/s/"
    assert make_role(slug="r", stage=stage).get_absolute_url() == "/explore-roles/r/"
    assert make_area(slug="a").get_absolute_url() == "/explore-areas-of-practice/a/"
    assert make_guidance_page(slug="g").get_absolute_url() == "/guidance/g/"


def test_bundled_content_loads(site_content):
    assert CareerStage.objects.public().count() == 5
    assert Role.objects.public().count() == 17
    assert AreaOfPractice.objects.public().count() == 10
    assert GuidancePage.objects.public().count() == 4
    practitioner = CareerStage.objects.get(slug="practitioner")
    assert practitioner.guidance.slug == "develop-your-social-work-practice"
    director = Role.objects.get(slug="director-children-services")
    assert not director.next_roles.exists()
    social_worker = Role.objects.get(slug="social-worker")
    next_slugs = set(social_worker.next_roles.values_list("slug", flat=True))
    assert next_slugs == {
        "senior-practitioner",
        "practice-supervisor",
        "lead-child-protection-practitioner",
    }


def test_render_functions_draw_drafts_for_preview(rf, db):
    from careers import views

    stage = make_stage(status=Status.DRAFT, name="Draft stage")
    make_role(stage=stage, title="Role in the draft stage")
    role = make_role(status=Status.DRAFT, title="Draft role", stage=stage)
    area = make_area(status=Status.DRAFT, name="Draft area")
    page = make_guidance_page(status=Status.DRAFT, title="Draft guidance")
    request = rf.get("/admin/preview/")
    for render, obj, words in [
        (views.render_stage, stage, "Role in the draft stage"),
        (views.render_role, role, "Draft role"),
        (views.render_area, area, "Draft area"),
        (views.render_guidance_page, page, "Draft guidance"),
    ]:
        response = render(request, obj, preview="This page is not published.")
        assert response.status_code == 200
        assert words in response.content.decode()
