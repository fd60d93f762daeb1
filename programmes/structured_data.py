"""schema.org data for programme pages (serialised by core.structured_data.to_json_ld)."""

import re

from core.structured_data import SCHEMA
from programmes.lifecycle import ProgrammeStatus
from programmes.models import Format, Programme

COURSE_MODES = {Format.IN_PERSON: "Onsite", Format.ONLINE: "Online", Format.BLENDED: "Blended"}
DURATION = re.compile(r"^\s*(\d{1,3})\s+(day|week|month|year)s?\b", re.IGNORECASE)
ISO_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y"}


def iso_duration(text: str) -> str | None:
    """'10 months' -> 'P10M'; None when the text does not start with a plain duration."""
    match = DURATION.match(text or "")
    if not match:
        return None
    return f"P{int(match.group(1))}{ISO_UNITS[match.group(2).lower()]}"


def course(programme: Programme, *, base_url: str, status: ProgrammeStatus) -> dict:
    provider = programme.provider
    instance = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODES.get(programme.format, "Blended"),
        "courseWorkload": programme.time_commitment or programme.duration,
    }
    if programme.location:
        instance["location"] = programme.location
    data = {
        "@context": SCHEMA,
        "@type": "Course",
        "name": programme.name,
        "description": programme.summary,
        "url": base_url + programme.get_absolute_url(),
        "inLanguage": "en-GB",
        "provider": {"@type": "Organization", "name": provider.name, "sameAs": provider.website},
        "audience": {"@type": "EducationalAudience", "audienceType": programme.audience},
        "offers": [
            {
                "@type": "Offer",
                "category": "Free" if _is_free(programme.cost) else "Paid",
                "description": programme.cost,
                "url": base_url + programme.get_absolute_url(),
            }
        ],
        "hasCourseInstance": [instance],
    }
    if status.has_ended:
        # Nothing to offer: search results must not show an ended programme as a course
        # people can take.
        del data["offers"], data["hasCourseInstance"]
    duration = iso_duration(programme.duration)
    if duration:
        data["timeRequired"] = duration
    if _is_free(programme.cost):
        data["isAccessibleForFree"] = True
    return data


def _is_free(cost: str) -> bool:
    return bool(re.match(r"\s*(free|funded)\b", cost or "", re.IGNORECASE))
