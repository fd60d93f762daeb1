"""The Jinja2 environment for every public page."""

import sys
from pathlib import Path

from django.templatetags.static import static
from django.urls import reverse
from jinja2 import (
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    Undefined,
)

from core.long_lists import long_checkboxes, long_select
from core.seo import breadcrumb_data, page_url
from core.structured_data import to_json_ld
from core.templating import format_date, format_money, format_number


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


class OwnTemplatesStrictUndefined(StrictUndefined):
    """Strict about names the site's own templates use, for the tests (see `environment`).

    The GOV.UK macros are ported from Nunjucks and find out whether an optional parameter
    was given by reading it (`{% if params.classes %}`), and the package's page template
    does the same with its blocks' variables; an undefined made inside one of their
    templates stays the lenient kind."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        # Whether a macro was called with a caller is asked by reading `caller`.
        if kwargs.get("name") == "caller":
            return Undefined(*args, **kwargs)
        frame = sys._getframe(1)
        # Compiled templates run with the template's file as their module's __file__.
        while frame is not None and "environment" not in frame.f_globals:
            frame = frame.f_back
        template_file = frame.f_globals.get("__file__", "") if frame is not None else ""
        if "govuk_frontend_jinja" in Path(template_file).parts:
            return Undefined(*args, **kwargs)
        return super().__new__(cls)


def environment(**options) -> Environment:
    # The GOV.UK macros import each other as "govuk_frontend_jinja/...": keep the loader
    # Django builds from DIRS and APP_DIRS, and add the package under that prefix.
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    # Django swaps in DebugUndefined when DEBUG is on; pin one behaviour everywhere so a page
    # renders the same in development and production. The tests set `strict_undefined` in
    # OPTIONS, so a template that uses a name nobody passed fails instead of drawing nothing.
    strict = options.pop("strict_undefined", False)
    options["undefined"] = OwnTemplatesStrictUndefined if strict else Undefined
    options.setdefault("extensions", [])
    env = Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    env.globals.update({"static": static, "url": url})
    # Canonical links, Open Graph and schema.org data in the page head.
    env.globals.update(
        {"page_url": page_url, "breadcrumb_data": breadcrumb_data, "json_ld": to_json_ld}
    )
    # Checkboxes and selects with hundreds of options (see core/long_lists.py).
    env.globals.update({"longCheckboxes": long_checkboxes, "longSelect": long_select})
    env.filters.update({"date": format_date, "money": format_money, "number": format_number})
    return env
