"""The one rule for cells a spreadsheet would run as a formula (core.csv_export), which every
CSV and spreadsheet file the site writes goes through."""

import pytest

from core.csv_export import restored_cell, safe_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe_and_comes_back_unchanged(start):
    text = f'{start}HYPERLINK("https://evil.example","Click")'
    assert safe_cell(text) == "'" + text
    assert restored_cell(safe_cell(text)) == text


@pytest.mark.parametrize("value", ["plain text", "a = b", "me@example.com", "'quoted", 45000, 1.5])
def test_other_values_are_left_alone_both_ways(value):
    assert safe_cell(value) == value
    assert restored_cell(value) == value


def test_an_empty_value_is_an_empty_cell():
    assert safe_cell(None) == ""
