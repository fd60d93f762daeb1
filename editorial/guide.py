"""The editors' guide (docs/editing.md), shown to staff inside the admin, drawn with the
site's own Markdown renderer."""

import functools
import re

from django.conf import settings
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from core.markdown import render_markdown

GUIDE = settings.BASE_DIR / "docs" / "editing.md"
HEADING = re.compile(r"<(h[234]) ([^>]*)>(.*?)</\1>")


@functools.cache
def guide_html() -> str:
    """The guide, with an id on each heading so its links to sections work, as in the
    repository's own view of it ("Writing text" is #writing-text)."""
    html = render_markdown(GUIDE.read_text(encoding="utf-8"))
    return HEADING.sub(
        lambda m: f'<{m[1]} id="{slugify(strip_tags(m[3]))}" {m[2]}>{m[3]}</{m[1]}>', html
    )


def guide_view(request: HttpRequest, *, admin_site) -> TemplateResponse:
    context = {
        **admin_site.each_context(request),
        "title": "Editors' guide",
        "guide": mark_safe(guide_html()),  # noqa: S308 - rendered and sanitised by render_markdown
    }
    return TemplateResponse(request, "admin/editorial/guide.html", context)
