from core.markdown import render_markdown


def test_headings_start_at_level_two_with_govuk_classes():
    html = render_markdown("# Title\n\n## Section\n\n### Part\n\n#### Small")
    assert '<h2 class="govuk-heading-l">Title</h2>' in html
    assert '<h2 class="govuk-heading-l">Section</h2>' in html
    assert '<h3 class="govuk-heading-m">Part</h3>' in html
    assert '<h4 class="govuk-heading-s">Small</h4>' in html
    assert "<h1" not in html


def test_paragraphs_lists_and_tables_get_govuk_classes():
    html = render_markdown("Text\n\n- one\n- two\n\n1. first\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert '<p class="govuk-body">Text</p>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert '<table class="govuk-table">' in html
    assert '<th class="govuk-table__header" scope="col">a</th>' in html
    assert '<td class="govuk-table__cell">1</td>' in html


def test_quote_becomes_inset_text():
    assert '<div class="govuk-inset-text">' in render_markdown("> Remember this")


def test_links_to_other_sites_are_marked_external():
    html = render_markdown("[Frontline](https://thefrontline.org.uk/) and [roles](/explore-roles/)")
    assert '<a href="https://thefrontline.org.uk/" class="govuk-link" rel="external">' in html
    assert '<a href="/explore-roles/" class="govuk-link">roles</a>' in html


def test_raw_html_and_script_links_never_run():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n[x](javascript:alert(1))'
    )
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html


def test_empty_text_gives_empty_html():
    assert render_markdown("") == ""
