"""The rules search applies to what visitors type, tested directly."""

from search.selectors import (
    MAX_QUERY_LENGTH,
    clean_query,
    highlight,
    parse_websearch,
    plain_words,
    query_variants,
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
