"""The programme list's filters as the server sends them: all shown, inside the panel the
phone script folds away, with every filter group in it."""

import re

URL = "/development-programmes/"


def filter_panel(html: str) -> str:
    start = html.index('<div id="filters" data-app-filter-toggle>')
    return html[start : html.index('id="results"', start)]


def test_the_filters_are_sent_shown_and_the_script_only_adds_the_button(client, site_content):
    html = client.get(URL, {"stage": "manager"}).content.decode()
    panel = filter_panel(html)
    # Nothing is hidden by the server: without JavaScript every filter is there to use.
    assert not re.search(r"\shidden[\s=>]", panel)
    assert "Show filters" not in html
    assert 'href="#results">Skip to results</a>' in panel
    legends = re.findall(
        r'<legend class="govuk-fieldset__legend[^"]*">\s*([^<]+?)\s*</legend>', panel
    )
    assert len(legends) >= 4 and "Career stage" in legends
    assert 'value="manager" checked' in panel
    assert re.search(
        r'<script type="module" src="/static/js/filter-toggle\.js" nonce="[^"]+">', html
    )


def test_other_pages_do_not_load_the_script(client, site_content):
    for path in ["/", "/development-programmes/asye/", "/career-stages/manager/"]:
        assert "filter-toggle.js" not in client.get(path).content.decode(), path
