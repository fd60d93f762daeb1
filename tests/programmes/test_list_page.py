"""The programme list: families, filters, counts and bad input."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Status
from programmes.models import Format, Programme
from programmes.selectors import PAGE_SIZE
from tests.programmes.factories import make_family, make_programme, make_role, make_stage

URL = "/development-programmes/"
TITLE = "Development programmes for child and family social workers"


def programme_names(html: str) -> list[str]:
    return re.findall(
        r'<h3 class="govuk-heading-m[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', html
    )


def result_count(html: str) -> str:
    return re.search(r'id="results">([^<]+)<', html).group(1)


def test_all_programmes_grouped_by_family(client, site_content):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-xl">{TITLE}</h1>' in html
    assert f"<title>{TITLE} - " in html
    headings = re.findall(r'<h2 class="govuk-heading-l">([^<]+)</h2>', html)
    assert headings == [
        "Early career: ASYE, then the early career development programme (ECDP)",
        "Pathways social work leadership modules",
        "Upon: programmes for directors of children&#39;s services",
    ]
    # Ended programmes keep their pages but are not in the list of current programmes.
    assert result_count(html) == "5 programmes"
    assert len(programme_names(html)) == 5
    assert 'href="/development-programmes/pathways-modules/"' in html
    assert 'href="/development-programmes/pathway-2/"' not in html
    assert "Start at any time" in html
    # Breadcrumbs: Home > Development programmes
    assert 'class="govuk-breadcrumbs' in html and 'href="/"' in html


def test_filter_form_is_a_plain_get_form_with_govuk_checkboxes(client, site_content):
    html = client.get(URL).content.decode()
    assert f'<form method="get" action="{URL}"' in html
    for legend in [
        "Career stage",
        "Role",
        "Format",
        "Application status",
        "Programmes that have ended",
    ]:
        assert legend in html
    assert 'name="stage" type="checkbox" value="manager"' in html
    assert 'name="role" type="checkbox" value="team-manager"' in html
    assert 'name="format" type="checkbox" value="blended"' in html
    assert 'name="open" type="checkbox" value="yes"' in html
    assert "Selected filters" not in html


def test_filter_by_career_stage(client, site_content):
    html = client.get(URL, {"stage": "manager"}).content.decode()
    assert programme_names(html) == ["Pathways social work leadership modules"]
    assert result_count(html) == "1 programme"
    assert 'value="manager" checked' in html


def test_filters_in_one_group_widen_and_across_groups_narrow(client, site_content):
    both_stages = client.get(URL, {"stage": ["practitioner", "senior-leader"]}).content.decode()
    assert result_count(both_stages) == "5 programmes"
    narrowed = client.get(
        URL, {"stage": ["practitioner", "senior-leader"], "format": "in_person"}
    ).content.decode()
    assert programme_names(narrowed) == [
        "Assessed and supported year in employment (ASYE)",
        "Early career development programme (ECDP)",
        "Upon: aspirant directors programme",
    ]


def test_filter_by_role(client, site_content):
    html = client.get(URL, {"role": "director-children-services"}).content.decode()
    assert programme_names(html) == ["Upon: new directors programme"]
    assert result_count(html) == "1 programme"


def test_open_now_filter_uses_todays_date(client, site_content):
    today = datetime.date.today()
    # The bundled Pathways programmes have ended; run them again here to give them windows.
    Programme.objects.filter(slug__in=["pathway-1", "pathway-2", "pathway-3"]).update(
        lifecycle="running", ended_on=None
    )
    closed = Programme.objects.get(slug="pathway-1")
    closed.windows.create(
        opens_on=today - datetime.timedelta(days=30), closes_on=today - datetime.timedelta(days=1)
    )
    opening = Programme.objects.get(slug="pathway-2")
    opening.windows.create(
        opens_on=today + datetime.timedelta(days=3), closes_on=today + datetime.timedelta(days=30)
    )
    open_now = Programme.objects.get(slug="pathway-3")
    open_now.windows.create(opens_on=today, closes_on=today + datetime.timedelta(days=10))

    all_html = client.get(URL).content.decode()
    assert (
        "Applications closed" in all_html
        and "Opens on" in all_html
        and "Applications open until" in all_html
    )
    html = client.get(URL, {"open": "yes"}).content.decode()
    names = programme_names(html)
    assert "Pathway 1: practice supervisors" not in names
    assert "Pathway 2: middle managers" not in names
    assert "Pathway 3: heads of service" in names
    assert "Pathways social work leadership modules" in names  # start at any time
    assert "Assessed and supported year in employment (ASYE)" not in names  # employer registers
    assert result_count(html) == "2 programmes"


def test_selected_filters_are_shown_with_links_that_remove_each_one(client, site_content):
    html = client.get(URL, {"stage": "manager", "format": "blended"}).content.decode()
    assert "Selected filters" in html
    assert f'href="{URL}">Clear all filters</a>' in html
    hidden = '<span class="govuk-visually-hidden">Remove this filter: </span>'
    assert f'href="{URL}?format=blended">{hidden}Managers</a>' in html
    assert f'href="{URL}?stage=manager">{hidden}In person and online</a>' in html


def test_filtered_list_is_bookmarkable(client, site_content):
    first = client.get(f"{URL}?stage=manager&role=team-manager").content.decode()
    again = client.get(f"{URL}?role=team-manager&stage=manager").content.decode()
    assert (
        programme_names(first)
        == programme_names(again)
        == ["Pathways social work leadership modules"]
    )


def test_empty_state_helps(client, site_content):
    html = client.get(URL, {"stage": "practitioner", "format": "online"}).content.decode()
    assert result_count(html) == "0 programmes"
    assert "No programmes match your filters" in html
    assert f'<a class="govuk-link" href="{URL}">see all development programmes</a>' in html
    assert programme_names(html) == []


@pytest.mark.parametrize(
    "query",
    [
        "stage=no-such-stage",
        "stage=manager&stage=manager&stage=manager",
        "stage=%00",
        "role=%E2%9C%93",
        "format=everything",
        "open=maybe",
        "open=",
        "stage=" + "a" * 5000,
        "stage[]=manager",
        "stage=manager%00",
        "%ff=%fe",
        "stage=%C3%A9t%C3%A9",
        "page=2&sort=name",
    ],
)
def test_bad_filter_values_are_ignored_not_errors(client, site_content, query):
    response = client.get(f"{URL}?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    expected = "1 programme" if query.startswith("stage=manager&") else "5 programmes"
    assert result_count(html) == expected
    assert "\x00" not in html


def test_draft_programmes_and_stages_are_not_listed(client, site_content):
    Programme.objects.filter(slug="aspirant-directors-programme").update(status=Status.DRAFT)
    from careers.models import CareerStage

    CareerStage.objects.filter(slug="manager").update(status=Status.DRAFT)
    html = client.get(URL, {"stage": "manager"}).content.decode()
    assert "Upon: aspirant directors programme" not in html
    assert 'value="manager"' not in html
    assert result_count(html) == "4 programmes"  # the draft stage is ignored


def test_only_get_and_head_are_allowed(client, site_content):
    assert client.post(URL).status_code == 405
    assert client.head(URL).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?stage=s1&role=r1&format=online&open=yes"])
def test_list_runs_a_fixed_number_of_queries(client, query):
    stage = make_stage(slug="s1")
    role = make_role(slug="r1", stage=stage)

    def add(count: int) -> None:
        family = make_family()
        for _ in range(count):
            programme = make_programme(
                family=family, stages=[stage, make_stage()], roles=[role], format=Format.ONLINE
            )
            programme.windows.create(
                opens_on=datetime.date(2020, 1, 1), closes_on=datetime.date(2099, 1, 1)
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert result_count(client.get(URL + query).content.decode()) == "2 programmes"
    add(55)
    with CaptureQueriesContext(connection) as many:
        assert result_count(client.get(URL + query).content.decode()) == "57 programmes"
    assert len(many) == len(few)
    assert len(many) <= 8


def test_too_many_parameters_is_a_bad_request_not_an_error(client, site_content):
    query = "&".join(f"stage=s{n}" for n in range(1200))
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert "govuk-heading-l" in response.content.decode()


@pytest.mark.django_db
def test_long_lists_come_20_at_a_time_with_page_links_that_keep_the_filters(client):
    stage = make_stage(slug="s1")
    first, second = make_family(name="First family"), make_family(name="Second family")
    for n in range(25):
        make_programme(name=f"First {n:02}", family=first, stages=[stage])
    for n in range(20):
        make_programme(name=f"Second {n:02}", family=second, stages=[stage])
    make_programme(name="Not in the stage", family=first)

    page_one = client.get(URL + "?stage=s1").content.decode()
    assert result_count(page_one) == "45 programmes"
    assert "Showing 1 to 20" in page_one
    assert programme_names(page_one) == [f"First {n:02}" for n in range(20)]
    assert f"<title>{TITLE} (page 1 of 3) - " in page_one
    assert 'href="/development-programmes/?stage=s1&amp;page=2"' in page_one
    assert 'rel="next"' in page_one

    # Page 2 goes on where page 1 stopped, under each family's heading again.
    page_two = client.get(URL + "?stage=s1&page=2").content.decode()
    assert "Showing 21 to 40" in page_two
    assert programme_names(page_two) == [f"First {n:02}" for n in range(20, 25)] + [
        f"Second {n:02}" for n in range(15)
    ]
    assert re.findall(r'<h2 class="govuk-heading-l">([^<]+)</h2>', page_two) == [
        "First family",
        "Second family",
    ]
    assert 'href="/development-programmes/?stage=s1"' in page_two  # back to page 1
    last = client.get(URL + "?stage=s1&page=3").content.decode()
    assert "Showing 41 to 45" in last
    assert len(programme_names(last)) == 5
    assert 'rel="next"' not in last


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "shown"), [("0", 1), ("-3", 1), ("abc", 1), ("99", 2)])
def test_impossible_page_numbers_show_the_nearest_page(client, page, shown):
    for _ in range(PAGE_SIZE + 1):
        make_programme()
    response = client.get(f"{URL}?page={page}")
    assert response.status_code == 200
    assert f"(page {shown} of 2)" in response.content.decode()


def test_a_short_list_has_no_page_links(client, site_content):
    html = client.get(URL).content.decode()
    assert "govuk-pagination" not in html
    assert "Showing" not in html
    assert f"<title>{TITLE} - " in html
