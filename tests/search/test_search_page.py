"""The search page as visitors use it: results, ranking, snippets, filters and pages."""

import re

import pytest
from django.db import DatabaseError

from search import selectors
from tests.search.factories import (
    make_area,
    make_guidance,
    make_programme,
    make_provider,
    make_role,
)
from tests.search.helpers import heading, page_title, results, titles

SERVICE = "Develop your career in child and family social work"


@pytest.fixture
def corpus(db):
    """A small corpus where one word sits in a title, a summary and a body."""
    make_programme(name="Mentoring for new managers", summary="A programme for managers.")
    make_role(title="Team development lead", summary="Includes mentoring by a senior colleague.")
    make_guidance(
        title="Leadership pathway",
        summary="How leaders grow.",
        body="Leaders learn through courses and mentoring over a year.",
    )
    make_role(title="Practice supervisor", summary="Supervises social workers.")
    make_area(name="Fostering", summary="Fostering social workers.")
    make_area(name="Adoption", summary="Adoption social workers match children with families.")
    make_area(name="Child protection", summary="Protect children through safeguarding work.")


def search(client, **params):
    return client.get("/search", params)


def test_title_ranks_above_summary_above_body(client, corpus):
    response = search(client, q="mentoring")
    assert response.status_code == 200
    assert titles(response) == [
        "Mentoring for new managers",
        "Team development lead",
        "Leadership pathway",
    ]


def test_count_in_heading_and_page_title(client, corpus):
    response = search(client, q="mentoring")
    assert heading(response) == "3 results for 'mentoring'"
    assert page_title(response) == f"3 results for 'mentoring' - {SERVICE} - GOV.UK"


def test_one_result_is_singular(client, corpus):
    assert heading(search(client, q="adoption")) == "1 result for 'adoption'"


def test_results_are_labelled_by_type_and_link_to_the_page(client, corpus):
    found = {r["title"]: r for r in results(search(client, q="mentoring"))}
    assert found["Mentoring for new managers"]["kind"] == "Development programme"
    assert found["Team development lead"]["kind"] == "Role"
    assert found["Leadership pathway"]["kind"] == "Guidance"
    assert found["Team development lead"]["href"].startswith("/explore-roles/role-")


def test_matching_words_are_highlighted_and_editor_text_escaped(client, db):
    make_role(title="Outreach worker", summary="<b>Outreach</b> & support in the community.")
    snippet = results(search(client, q="community"))[0]["snippet"]
    assert "<mark>community</mark>" in snippet
    # Editor text never becomes markup: only the highlight does.
    assert "<b>" not in snippet and "&amp; support" in snippet


def test_misspelt_word_finds_the_right_pages(client, corpus):
    response = search(client, q="safegaurding")
    assert titles(response) == ["Child protection"]
    assert "Showing results for 'safeguarding' instead" in response.content.decode()
    assert heading(response) == "1 result for 'safeguarding'"


def test_near_miss_title_is_found_first(client, corpus):
    assert titles(search(client, q="practise supervisor"))[0] == "Practice supervisor"


def test_web_search_syntax(client, corpus):
    assert set(titles(search(client, q="fostering or adoption"))) == {"Fostering", "Adoption"}
    assert set(titles(search(client, q="mentoring -managers"))) == {
        "Team development lead",
        "Leadership pathway",
    }
    assert titles(search(client, q='"senior colleague"')) == ["Team development lead"]


@pytest.mark.parametrize(
    ("abbreviation", "phrase"),
    [
        ("ASYE", "assessed and supported year in employment"),
        ("NQSW", "newly qualified social worker"),
        ("IRO", "independent reviewing officer"),
        ("PSW", "principal social worker"),
        ("DCS", "director of children's services"),
        ("AD", "assistant director"),
        ("CPD", "continuing professional development"),
    ],
)
def test_abbreviations_are_understood_both_ways(client, db, abbreviation, phrase):
    spelt_out = make_guidance(title=f"Being a {phrase}", summary="About the job.")
    abbreviated = make_guidance(title=f"Notes for the {abbreviation} network", summary="Notes.")
    assert spelt_out.title in titles(search(client, q=abbreviation))
    assert abbreviated.title in titles(search(client, q=phrase))


def test_drafts_never_appear(client, corpus):
    draft = make_programme(name="Mentoring draft programme", status="draft")
    assert draft.name not in titles(search(client, q="mentoring"))
    draft.status = "published"
    draft.save()
    assert draft.name in titles(search(client, q="mentoring"))
    draft.status = "draft"
    draft.save()
    assert draft.name not in titles(search(client, q="mentoring"))


def test_a_change_that_bypasses_the_index_still_hides_the_page(client, corpus):
    from programmes.models import Programme

    # A bulk update sends no signals, so the index still holds the page; search must not.
    Programme.objects.filter(name="Mentoring for new managers").update(status="draft")
    assert "Mentoring for new managers" not in titles(search(client, q="mentoring"))


def test_deleted_pages_leave_the_index(client, corpus):
    from careers.models import GuidancePage

    GuidancePage.objects.get(title="Leadership pathway").delete()
    assert "Leadership pathway" not in titles(search(client, q="mentoring"))


def test_renaming_a_provider_updates_its_programmes(client, db):
    provider = make_provider(name="Northern College")
    make_programme(name="Leading teams", provider=provider)
    provider.name = "Southern Institute"
    provider.save()
    assert titles(search(client, q="southern institute")) == ["Leading teams"]


def test_filter_by_type_with_counts(client, corpus):
    response = search(client, q="mentoring", type="role")
    html = response.content.decode()
    assert titles(response) == ["Team development lead"]
    assert "Role (1)" in html and "Development programme (1)" in html and "Guidance (1)" in html
    assert 'name="type" type="checkbox" value="role" checked' in html


def test_unknown_type_is_ignored(client, corpus):
    assert len(titles(search(client, q="mentoring", type="nonsense"))) == 3


def test_ten_results_a_page_with_govuk_pagination(client, db):
    for n in range(25):
        make_role(title=f"Caseworker {n:02d}", summary="Casework.")
    first = search(client, q="caseworker")
    assert heading(first) == "25 results for 'caseworker'"
    assert len(titles(first)) == 10
    html = first.content.decode()
    assert "govuk-pagination" in html
    assert 'href="/search?q=caseworker&amp;page=2"' in html
    last = search(client, q="caseworker", page="3")
    assert len(titles(last)) == 5


def test_no_results_suggests_where_to_go(client, corpus):
    response = search(client, q="zzyzx")
    html = response.content.decode()
    assert heading(response) == "0 results for 'zzyzx'"
    assert 'href="/career-stages/"' in html and "browse by career stage" in html
    assert 'href="/development-programmes/"' in html


def test_empty_search_shows_the_form(client, db):
    response = search(client, q="   ")
    assert response.status_code == 200
    assert heading(response) == "Search"
    assert 'id="search-main"' in response.content.decode()


def test_search_page_is_not_indexed_by_search_engines(client, corpus):
    html = search(client, q="x").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html


@pytest.mark.parametrize(
    "query_string",
    [
        "q=",
        "q=%20%20%20",
        "q=" + "a" * 2000,
        "q=%00",
        "q=care%00ers",
        "q=%22unbalanced",
        'q="mentoring',
        "q=-",
        "q=or",
        "q=%22%22+-+or+OR+-",
        "q=%26%7C%21%3A*()",
        "q=%5C",
        "q=<script>alert(1)</script>",
        "q=mentoring&page=abc",
        "q=mentoring&page=-1",
        "q=mentoring&page=0",
        "q=mentoring&page=999999",
        "q=mentoring&page=99999999999999999999999",
        "q=mentoring&page=%00",
        "q=mentoring&type=%00",
        "q[]=x",
    ],
)
def test_bad_input_never_breaks_the_page(client, corpus, query_string):
    response = client.get(f"/search?{query_string}")
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_long_query_is_cut_to_a_safe_length(client, corpus):
    response = search(client, q="mentoring " * 300)
    assert response.status_code == 200
    assert len(heading(response)) < selectors.MAX_QUERY_LENGTH + 40


def test_page_out_of_range_shows_the_last_page(client, db):
    for n in range(12):
        make_role(title=f"Caseworker {n:02d}")
    response = search(client, q="caseworker", page="999999")
    assert len(titles(response)) == 2


def test_page_not_a_number_shows_the_first_page(client, corpus):
    assert titles(search(client, q="mentoring", page="-1"))[0] == "Mentoring for new managers"


def test_database_failure_gives_a_service_unavailable_page(client, corpus, monkeypatch):
    def fail(**kwargs):
        raise DatabaseError("canceling statement due to statement timeout")

    monkeypatch.setattr(selectors, "search", fail)
    response = search(client, q="mentoring")
    assert response.status_code == 503
    assert "Search is not available at the moment" in response.content.decode()
    assert client.get("/").status_code == 200


def test_search_box_in_the_header_of_every_page(client, site_content):
    for path in ["/", "/accessibility", "/development-programmes/", "/no-such-page"]:
        html = client.get(path).content.decode()
        assert '<form class="app-header-search" action="/search" method="get"' in html, path
        assert 'for="header-search"' in html and 'name="q"' in html
        label = re.search(r'<label[^>]*for="header-search">([^<]*)</label>', html).group(1)
        assert label == "Search Develop your career in child and family social work"
        assert 'placeholder="Search this service"' in html


def test_bundled_content_supervisor_finds_programmes_and_roles_first(client, site_content):
    top = titles(search(client, q="supervisor"))[:2]
    assert set(top) == {"Practice supervisor", "Pathway 1: practice supervisors"}


def test_bundled_content_misspelling(client, site_content):
    found = titles(search(client, q="safegaurding"))
    assert "Child protection adviser" in found
