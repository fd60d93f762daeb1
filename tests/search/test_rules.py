"""The rules search applies to what visitors type, tested directly."""

from search.models import SearchDocument
from search.selectors import (
    MAX_QUERY_LENGTH,
    clean_query,
    highlight,
    parse_websearch,
    plain_words,
    query_variants,
    snippet,
)


def test_clean_query_removes_nul_and_control_characters():
    assert clean_query("care\x00ers\x07 and\tsupport") == "care ers and support"


def test_clean_query_collapses_spaces_and_caps_the_length():
    assert clean_query("  a   b  ") == "a b"
    assert len(clean_query("word " * 1000)) <= MAX_QUERY_LENGTH
    assert clean_query(None) == ""


def test_abbreviation_is_spelt_out_as_a_phrase():
    assert query_variants("ASYE funding") == [
        "asye funding",
        '"assessed and supported year in employment" funding',
    ]


def test_phrase_is_abbreviated():
    assert query_variants("Independent Reviewing Officer jobs") == [
        "independent reviewing officer jobs",
        "iro jobs",
    ]


def test_phrase_with_a_curly_apostrophe_is_abbreviated():
    assert "dcs" in query_variants("director of children’s services")


def test_abbreviation_inside_quotes_is_not_quoted_again():
    assert query_variants('"the asye year"')[1] == (
        '"the assessed and supported year in employment year"'
    )


def test_abbreviations_only_match_whole_words():
    assert query_variants("adoption") == ["adoption"]


def test_parse_websearch():
    assert parse_websearch('fostering or "foster care" -adoption') == [
        (["fostering"], []),
        (["foster care"], ["adoption"]),
    ]
    assert parse_websearch("- or -") == []
    assert parse_websearch('"unbalanced') == [(["unbalanced"], [])]


def test_plain_words_drops_operators():
    assert plain_words('"team manager" -practice or lead!') == ["team", "manager", "lead"]


def test_highlight_escapes_then_marks():
    assert str(highlight("<i>Team</i> & team", ["team"])) == (
        "&lt;i&gt;<mark>Team</mark>&lt;/i&gt; &amp; <mark>team</mark>"
    )


def test_snippet_shows_the_body_around_the_first_match_when_the_summary_has_none():
    body = "Opening words. " * 20 + "Staff <b>supervision</b> happens monthly. " + "More. " * 40
    document = SearchDocument(summary="A summary.", body=body)
    text = str(snippet(document, ["supervisor"]))
    assert text.startswith("… ") and text.endswith(" …")
    assert "&lt;b&gt;<mark>supervision</mark>&lt;/b&gt;" in text
    assert len(text) < 400


def test_snippet_prefers_the_summary_and_falls_back_to_it():
    document = SearchDocument(summary="About supervisors.", body="Supervision in the body.")
    assert str(snippet(document, ["supervisor"])) == "About <mark>supervisors</mark>."
    assert str(snippet(document, ["zzyzx"])) == "About supervisors."


def test_common_short_words_are_not_marked():
    assert str(highlight("Fostering and adoption", ["and", "adoption"])) == (
        "Fostering and <mark>adoption</mark>"
    )
