"""Reading the roles visitors pick in the GET forms. A problem is raised as a ChoiceError
whose message the page shows in a GOV.UK error summary."""

from collections.abc import Sequence
from typing import Protocol, TypeVar

from careers.models import Role


class HasSlug(Protocol):
    slug: str


Choice = TypeVar("Choice", bound=HasSlug)

MIN_COMPARED = 2
MAX_COMPARED = 3


class ChoiceError(ValueError):
    pass


def roles_to_compare(*, slugs: list[str], roles: Sequence[Choice]) -> list[Choice]:
    """Two or three different known roles, in the order the visitor chose them."""
    by_slug = {role.slug: role for role in roles}
    # Blank values come from the form's empty selects: they are not a choice.
    slugs = [slug.strip() for slug in slugs if slug.strip()]
    if any(slug not in by_slug for slug in slugs):
        raise ChoiceError(
            "Select roles from the lists: the address asks for a role that is not on this site"
        )
    if len(slugs) > MAX_COMPARED:
        raise ChoiceError(f"Select no more than {MAX_COMPARED} roles to compare")
    if len(set(slugs)) < len(slugs):
        raise ChoiceError("Select different roles: you chose the same role more than once")
    if len(slugs) < MIN_COMPARED:
        raise ChoiceError(f"Select at least {MIN_COMPARED} roles to compare")
    return [by_slug[slug] for slug in slugs]


def current_role(*, slug: str, roles: list[Role]) -> Role:
    slug = slug.strip()
    if not slug:
        raise ChoiceError("Select your current role")
    for role in roles:
        if role.slug == slug:
            return role
    raise ChoiceError(
        "Select your current role from the list: the address asks for a role that is not on "
        "this site"
    )
