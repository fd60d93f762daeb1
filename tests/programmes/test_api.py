"""The open data endpoint for programmes: fields, formats, conditional requests and CORS."""

import csv
import io

import pytest

from core.opendata import csv_cell
from programmes.models import Programme

FIELDS = {
    "slug", "name", "url", "summary", "provider", "family", "audience", "eligibility",
    "duration", "time_commitment", "format", "location", "cost", "intakes", "career_stages",
    "roles", "application_windows", "sign_up_url", "last_modified", "lifecycle", "how_to_join",
    "starts_on", "ended_on", "replaced_by", "status_today", "can_apply_today",
    "facts_checked_on", "facts_source_url",
}  # fmt: skip


def test_lists_published_programmes_with_their_fields(client, site_content):
    response = client.get("/api/v1/programmes")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    published = Programme.objects.public()
    assert data["meta"]["count"] == published.count() == len(data["programmes"])
    assert data["meta"]["licence"] == "Open Government Licence v3.0"
    asye = next(item for item in data["programmes"] if item["slug"] == "asye")
    assert set(asye) == FIELDS
    assert asye["url"] == "http://testserver/development-programmes/asye/"
    assert asye["provider"]["name"] == "Department for Education"
    programme = published.get(slug="asye")
    assert asye["last_modified"] == programme.updated_at.isoformat()
    assert client.get("/development-programmes/asye/").status_code == 200


def test_drafts_are_left_out(client, site_content):
    Programme.objects.filter(slug="asye").update(status="draft")
    slugs = [item["slug"] for item in client.get("/api/v1/programmes").json()["programmes"]]
    assert "asye" not in slugs and slugs


def test_csv_has_the_same_programmes(client, site_content):
    response = client.get("/api/v1/programmes?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="programmes.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["slug"] for row in rows] == [
        item["slug"] for item in client.get("/api/v1/programmes").json()["programmes"]
    ]
    assert rows[0]["provider"] and rows[0]["provider_website"].startswith("https://")


def test_csv_defuses_spreadsheet_formulas(client, site_content):
    Programme.objects.filter(slug="asye").update(summary='=HYPERLINK("https://evil.example")')
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/programmes?format=csv").text)))
    asye = next(row for row in rows if row["slug"] == "asye")
    assert asye["summary"].startswith("'=")


@pytest.mark.parametrize(
    ("value", "expected"),
    # Which text is defused is core.csv_export's rule, tested there.
    [("=1+1", "'=1+1"), ("plain", "plain"), (45000, 45000), (True, "yes"), (["a", "b"], "a; b"),
     (["=a", "b"], "'=a; b"), (None, "")],
)  # fmt: skip
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def test_etag_and_last_modified_give_304(client, site_content):
    first = client.get("/api/v1/programmes")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    again = client.get("/api/v1/programmes", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/v1/programmes", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


def test_a_change_gives_a_new_etag(client, site_content):
    etag = client.get("/api/v1/programmes")["ETag"]
    programme = Programme.objects.get(slug="asye")
    programme.summary = "A changed summary."
    programme.save()
    response = client.get("/api/v1/programmes", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_csv_and_json_have_different_etags(client, site_content):
    json_etag = client.get("/api/v1/programmes")["ETag"]
    csv_response = client.get("/api/v1/programmes?format=csv", HTTP_IF_NONE_MATCH=json_etag)
    assert csv_response.status_code == 200


def test_open_cors_for_get_and_preflight(client, site_content):
    response = client.get("/api/v1/programmes", HTTP_ORIGIN="https://other.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/programmes", HTTP_ORIGIN="https://other.example")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_read_only(client, site_content):
    assert client.post("/api/v1/programmes").status_code == 405
    assert client.delete("/api/v1/programmes").status_code == 405


@pytest.mark.parametrize("value", ["xml", "", "%00", "csv%00"])
def test_unknown_format_is_a_bad_request(client, site_content, value):
    response = client.get(f"/api/v1/programmes?format={value}")
    assert response.status_code == 400
    assert "format" in response.json()["error"]
