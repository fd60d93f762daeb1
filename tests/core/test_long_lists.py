"""The long checkbox and select lists give GOV.UK Frontend's own markup."""

import re

import pytest
from django.template import engines

from core.long_lists import long_checkboxes, long_select

CHECKBOXES = {
    "name": "role",
    "idPrefix": "filter-role",
    "classes": "govuk-checkboxes--small",
    "fieldset": {"legend": {"text": "Role", "classes": "govuk-fieldset__legend--s"}},
    "items": [
        {"value": "social-worker", "text": "Social worker", "checked": True},
        {"value": "team-manager", "text": "Team <manager>", "hint": {"text": "Leads & plans"}},
        {"value": 'say "hi"', "text": "Third"},
    ],
}
SELECT = {
    "id": "role-1",
    "name": "role",
    "label": {"text": "First role"},
    "classes": "app-select-full",
    "items": [
        {"value": "", "text": "Choose a role"},
        {"value": "social-worker", "text": "Social worker", "selected": True},
        {"value": "a&b", "text": "<script>alert(1)</script>"},
    ],
}


def normalise(html: str) -> str:
    """Whitespace next to tags does not change what is shown or read out."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+", " ", str(html))).strip()


def govuk(macro: str, component: str, params: dict) -> str:
    template = engines["jinja2"].from_string(
        f'{{% from "govuk_frontend_jinja/components/{component}/macro.html" import {macro} %}}'
        f"{{{{ {macro}(params) }}}}"
    )
    return template.render({"params": params})


@pytest.mark.parametrize(
    ("ours", "macro", "component", "params"),
    [
        (long_checkboxes, "govukCheckboxes", "checkboxes", CHECKBOXES),
        (long_select, "govukSelect", "select", SELECT),
    ],
)
def test_same_markup_as_the_govuk_macro(ours, macro, component, params):
    assert normalise(ours(params)) == normalise(govuk(macro, component, params))


def test_text_and_values_are_escaped():
    html = str(long_select(SELECT)) + str(long_checkboxes(CHECKBOXES))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'value="a&amp;b"' in html
    assert 'value="say &#34;hi&#34;"' in html
    assert "Team &lt;manager&gt;" in html


def test_ticked_and_selected_by_value_as_the_govuk_macros_do():
    by_value = {**CHECKBOXES, "values": ["team-manager", 'say "hi"']}
    assert normalise(long_checkboxes(by_value)) == normalise(
        govuk("govukCheckboxes", "checkboxes", by_value)
    )
    assert long_checkboxes(by_value).count(" checked") == 3
    unselected = [{k: v for k, v in item.items() if k != "selected"} for item in SELECT["items"]]
    chosen = {**SELECT, "items": unselected}
    chosen["value"] = "a&b"
    assert normalise(long_select(chosen)) == normalise(govuk("govukSelect", "select", chosen))
    assert long_select(chosen).count(" selected") == 1
