"""Markdown written by editors, turned into safe HTML styled with GOV.UK classes."""

from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

HEADING_CLASSES = {"h2": "govuk-heading-l", "h3": "govuk-heading-m", "h4": "govuk-heading-s"}
BLOCK_CLASSES = {
    "paragraph_open": "govuk-body",
    "bullet_list_open": "govuk-list govuk-list--bullet",
    "ordered_list_open": "govuk-list govuk-list--number",
    "table_open": "govuk-table",
    "thead_open": "govuk-table__head",
    "tbody_open": "govuk-table__body",
    "tr_open": "govuk-table__row",
    "th_open": "govuk-table__header",
    "td_open": "govuk-table__cell",
    "hr": "govuk-section-break govuk-section-break--l govuk-section-break--visible",
}
ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "code", "br", "hr", "div",
    "table", "thead", "tbody", "tr", "th", "td", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "rel"},
    "th": {"scope"},
}
ALLOWED_SCHEMES = {"https", "http", "mailto", "tel"}


def is_external(href: str) -> bool:
    """A link to another website (relative links and page anchors stay on this site)."""
    return urlsplit(href).scheme in {"http", "https"}


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    md.core.ruler.push("govuk_classes", _add_govuk_classes)
    md.add_render_rule("blockquote_open", lambda *args: '<div class="govuk-inset-text">\n')
    md.add_render_rule("blockquote_close", lambda *args: "</div>\n")
    return md


def _add_govuk_classes(state) -> None:
    for token in state.tokens:
        _style_token(token)
        for child in token.children or []:
            _style_token(child)


def _style_token(token) -> None:
    if token.type in {"heading_open", "heading_close"}:
        # The page owns the only h1, so editors' headings start at h2.
        level = min(max(int(token.tag[1]), 2), 4)
        token.tag = f"h{level}"
        if token.type == "heading_open":
            token.attrSet("class", HEADING_CLASSES[token.tag])
    elif token.type in BLOCK_CLASSES:
        token.attrSet("class", BLOCK_CLASSES[token.type])
        if token.type == "th_open":
            token.attrSet("scope", "col")
    elif token.type == "link_open":
        token.attrSet("class", "govuk-link")
        if is_external(token.attrGet("href") or ""):
            token.attrSet("rel", "external")


MARKDOWN = _markdown()


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML. Raw HTML in the source is shown as text, never run."""
    html = MARKDOWN.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
    )
