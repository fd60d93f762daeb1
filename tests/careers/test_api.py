"""The open data endpoint for roles."""

import csv
import io

from careers.models import Role

FIELDS = {
    "slug", "title", "url", "career_stage", "other_names", "summary", "salary_from",
    "salary_to", "experience", "tasks", "skills", "how_to_get", "working_with", "next_roles",
    "requirements", "last_modified",
}  # fmt: skip


def test_lists_published_roles_with_pay_and_progression(client, site_content):
    response = client.get("/api/v1/roles")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["count"] == Role.objects.public().count() == len(data["roles"])
    item = next(role for role in data["roles"] if role["slug"] == "practice-supervisor")
    role = Role.objects.get(slug="practice-supervisor")
    assert set(item) == FIELDS
    assert item["url"] == "http://testserver/explore-roles/practice-supervisor/"
    assert (item["salary_from"], item["salary_to"]) == (role.salary_from, role.salary_to)
    assert item["last_modified"] == role.updated_at.isoformat()
    assert item["skills"] == role.skills_list
    assert (
        data["meta"]["last_modified"]
        == max(r.updated_at for r in Role.objects.public()).isoformat()
    )


def test_drafts_and_draft_next_roles_are_left_out(client, site_content):
    Role.objects.filter(slug="team-manager").update(status="draft")
    roles = client.get("/api/v1/roles").json()["roles"]
    assert "team-manager" not in [role["slug"] for role in roles]
    assert all("team-manager" not in role["next_roles"] for role in roles)


def test_csv(client, site_content):
    response = client.get("/api/v1/roles?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == Role.objects.public().count()
    supervisor = next(row for row in rows if row["slug"] == "practice-supervisor")
    assert supervisor["salary_from"].isdigit()
    assert "; " in supervisor["skills"]


def test_conditional_get_and_cors(client, site_content):
    first = client.get("/api/v1/roles")
    assert first["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/roles", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert (
        client.get("/api/v1/roles", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code
        == 304
    )


def test_empty_catalogue(client, db):
    response = client.get("/api/v1/roles")
    assert response.json() == {
        "meta": {
            "count": 0,
            "last_modified": None,
            "licence": "Open Government Licence v3.0",
            "licence_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        },
        "roles": [],
    }
    assert client.get("/api/v1/roles?format=csv").content == b""
