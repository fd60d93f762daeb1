"""Small formatting rules shared by every template, in GOV.UK style."""

import datetime


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """GOV.UK style dates: 5 January 2026."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def format_money(value: int | None) -> str:
    """Whole pounds with thousands separators: £45,000."""
    if value is None:
        return ""
    return f"£{value:,}"


def format_number(value: int | float | None) -> str:
    if value is None:
        return ""
    return f"{value:,}"
