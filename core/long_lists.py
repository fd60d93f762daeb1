"""GOV.UK Frontend's checkboxes and select, for lists of hundreds of options.

They give the same markup as the govukCheckboxes and govukSelect macros for the parameters
below, written out in Python: the macros build every option through several nested macros,
and even a plain Jinja loop spent 5 ms of a 15 ms page on 200 roles (measured with
`make bench`). They take the same dict as the GOV.UK macros; only these keys are read:

- checkboxes: name, idPrefix, classes, fieldset.legend.{text,classes},
  items[].{value,text,checked,hint.text}
- select: id, name, classes, label.text, items[].{value,text,selected}
"""

from markupsafe import Markup, escape


def long_checkboxes(params: dict) -> Markup:
    name, prefix = escape(params["name"]), escape(params["idPrefix"])
    legend = params["fieldset"]["legend"]
    items = []
    for number, item in enumerate(params["items"], start=1):
        id_ = prefix if number == 1 else f"{prefix}-{number}"
        hint = item.get("hint")
        checked = " checked" if item.get("checked") else ""
        described = f' aria-describedby="{id_}-item-hint"' if hint else ""
        hint_html = (
            f'\n<div id="{id_}-item-hint" class="govuk-hint govuk-checkboxes__hint">'
            f"{escape(hint['text'])}</div>"
            if hint
            else ""
        )
        items.append(
            '<div class="govuk-checkboxes__item">\n'
            f'<input class="govuk-checkboxes__input" id="{id_}" name="{name}" type="checkbox"'
            f' value="{escape(item["value"])}"{checked}{described}>\n'
            f'<label class="govuk-label govuk-checkboxes__label" for="{id_}">'
            f"{escape(item['text'])}</label>{hint_html}\n</div>"
        )
    return Markup(  # noqa: S704 - every value in it went through escape()
        '<div class="govuk-form-group">\n<fieldset class="govuk-fieldset">\n'
        f'<legend class="govuk-fieldset__legend {escape(legend.get("classes", ""))}">'
        f"{escape(legend['text'])}</legend>\n"
        f'<div class="govuk-checkboxes {escape(params.get("classes", ""))}"'
        ' data-module="govuk-checkboxes">\n' + "\n".join(items) + "\n</div>\n</fieldset>\n</div>"
    )


def long_select(params: dict) -> Markup:
    id_ = escape(params["id"])
    options = "\n".join(
        f'<option value="{escape(item["value"])}"'
        f"{' selected' if item.get('selected') else ''}>{escape(item['text'])}</option>"
        for item in params["items"]
    )
    return Markup(  # noqa: S704 - every value in it went through escape()
        '<div class="govuk-form-group">\n'
        f'<label class="govuk-label" for="{id_}">{escape(params["label"]["text"])}</label>\n'
        f'<select class="govuk-select {escape(params.get("classes", ""))}" id="{id_}"'
        f' name="{escape(params["name"])}">\n{options}\n</select>\n</div>'
    )


def with_checked(html: str, name: str, values: list[str]) -> Markup:
    """Checkboxes drawn by `long_checkboxes` with nothing ticked, now with these values
    ticked: the same markup as drawing them ticked. The unticked list can then be drawn once
    and kept (see config.jinja2.shared_markup)."""
    html = str(html)  # Markup.replace would escape the quotes being searched for
    for value in values:
        box = f' name="{escape(name)}" type="checkbox" value="{escape(value)}"'
        html = html.replace(box, f"{box} checked", 1)
    return Markup(html)  # noqa: S704 - only our own escaped attribute was added


def with_selected(html: str, value: str) -> Markup:
    """A select drawn by `long_select` with nothing selected, now with this value selected."""
    html = str(html)
    if value:
        option = f'<option value="{escape(value)}"'
        html = html.replace(f"{option}>", f"{option} selected>", 1)
    return Markup(html)  # noqa: S704 - only our own escaped attribute was added
