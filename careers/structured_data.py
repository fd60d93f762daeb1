"""schema.org data for careers pages (serialised by core.structured_data.to_json_ld)."""

from careers.models import Role
from core.structured_data import SCHEMA


def occupation(role: Role, *, base_url: str) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "Occupation",
        "name": role.title,
        "description": role.summary,
        "url": base_url + role.get_absolute_url(),
        "occupationLocation": [{"@type": "Country", "name": "England"}],
    }
    if role.has_salary:
        data["estimatedSalary"] = [
            {
                "@type": "MonetaryAmountDistribution",
                "name": "base",
                "currency": "GBP",
                "duration": "P1Y",
                "minValue": role.salary_from,
                "maxValue": role.salary_to,
            }
        ]
    optional = {
        "alternateName": role.other_names_list,
        "experienceRequirements": role.experience,
        "responsibilities": role.tasks_list,
        "skills": role.skills_list,
        "qualifications": role.how_to_get,
    }
    data.update({key: value for key, value in optional.items() if value})
    return data
