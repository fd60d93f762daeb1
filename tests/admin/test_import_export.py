"""Programmes and roles go out to CSV and Excel and come back in, checked in full first."""

import io
import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from careers.models import Role
from core.cache import content_version
from programmes.models import Programme
from programmes.resources import ProgrammeResource
from tests.admin.conftest import make_user

PROGRAMMES = "/admin/programmes/programme"
ROLES = "/admin/careers/role"
CSV, XLSX = "0", "1"  # positions in the admin's list of formats


def export(client, base: str, fmt: str, resource_name: str):
    fields = ProgrammeResource().get_export_order() if "programme" in base else None
    data = {"format": fmt, "resource": "0"}
    for field in fields or [
        "slug", "title", "status", "stage", "salary_from", "salary_to", "next_roles",
    ]:  # fmt: skip
        data[f"{resource_name}_{field}"] = "on"
    response = client.post(f"{base}/export/", data)
    assert response.status_code == 200, response.content[:500]
    return response


def text_of(response) -> str:
    """The page's words, without the markup the import preview puts inside changed text."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def programme_rows() -> tablib.Dataset:
    return ProgrammeResource().export(queryset=Programme.objects.order_by("order"))


def upload(client, base: str, content: bytes, name: str, fmt: str = CSV):
    file = SimpleUploadedFile(name, content)
    return client.post(f"{base}/import/", {"import_file": file, "format": fmt, "resource": "0"})


def confirm(client, base: str, response):
    form = response.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(f"{base}/process_import/", data)


def test_programmes_export_to_csv_and_xlsx(publisher_client, programme):
    csv = export(publisher_client, PROGRAMMES, CSV, "programmeresource")
    text = csv.content.decode()
    assert text.splitlines()[0].startswith("slug,name,status,family,provider")
    assert "asye" in text and "department-for-education" in text
    xlsx = export(publisher_client, PROGRAMMES, XLSX, "programmeresource")
    book = tablib.Dataset().load(io.BytesIO(xlsx.content).read(), format="xlsx")
    assert "asye" in book["slug"]


def test_roles_export_to_csv_and_xlsx(publisher_client, site_content):
    csv = export(publisher_client, ROLES, CSV, "roleresource")
    assert csv.content.decode().splitlines()[0].startswith("slug,title,status,stage")
    xlsx = export(publisher_client, ROLES, XLSX, "roleresource")
    assert xlsx.content[:2] == b"PK"  # an Excel workbook is a zip file


def test_dry_run_lists_changes_and_saves_nothing_until_confirmed(publisher_client, draft_programme):
    programme = draft_programme
    rows = programme_rows()
    eligibility = rows.headers.index("eligibility")
    row = list(rows[0])
    row[eligibility] = "Imported eligibility text."
    rows[0] = tuple(row)
    before = content_version()
    response = upload(publisher_client, PROGRAMMES, rows.csv.encode(), "programmes.csv")
    assert response.status_code == 200
    assert "Imported eligibility text." in text_of(response)  # the preview lists the change
    assert "confirm_form" in response.context
    programme.refresh_from_db()
    assert programme.eligibility != "Imported eligibility text."

    assert confirm(publisher_client, PROGRAMMES, response).status_code == 302
    programme.refresh_from_db()
    assert programme.eligibility == "Imported eligibility text."
    assert programme.history.first().history_user.username == "publisher"
    assert content_version() > before


def test_xlsx_import(publisher_client, programme):
    rows = programme_rows()
    name = rows.headers.index("name")
    row = list(rows[0])
    row[name] = "Renamed in Excel"
    rows[0] = tuple(row)
    response = upload(publisher_client, PROGRAMMES, rows.export("xlsx"), "p.xlsx", XLSX)
    confirm(publisher_client, PROGRAMMES, response)
    programme.refresh_from_db()
    assert programme.name == "Renamed in Excel"


def unchanged(test):
    """Runs an import that must fail, and checks no programme changed."""

    def wrapper(publisher_client, programme, **kwargs):
        before = list(Programme.objects.order_by("pk").values())
        response = test(publisher_client, programme, **kwargs)
        assert "confirm_form" not in (response.context or {})
        assert list(Programme.objects.order_by("pk").values()) == before

    wrapper.__name__ = test.__name__
    return wrapper


@unchanged
def test_a_malformed_file_changes_nothing(publisher_client, programme):
    response = upload(
        publisher_client, PROGRAMMES, b"\x00\xff\xfe not a spreadsheet", "p.xlsx", XLSX
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "error" in response.content.decode()
    return response


@unchanged
def test_a_wrong_column_changes_nothing(publisher_client, programme):
    rows = programme_rows()
    rows.headers = ["eligibilty" if h == "eligibility" else h for h in rows.headers]
    response = upload(publisher_client, PROGRAMMES, rows.csv.encode(), "p.csv")
    assert "columns this import does not know: eligibilty" in response.content.decode()
    return response


@unchanged
def test_a_missing_slug_column_changes_nothing(publisher_client, programme):
    response = upload(publisher_client, PROGRAMMES, b"name,eligibility\nX,Y\n", "p.csv")
    assert "slug" in response.content.decode()
    return response


@unchanged
def test_a_duplicate_slug_changes_nothing(publisher_client, programme):
    rows = programme_rows()
    rows.append(rows[0])
    response = upload(publisher_client, PROGRAMMES, rows.csv.encode(), "p.csv")
    assert "is in the file more than once" in response.content.decode()
    return response


@unchanged
def test_row_errors_are_all_listed(publisher_client, programme):
    rows = programme_rows()
    headers = rows.headers
    first, second = list(rows[0]), list(rows[1])
    first[headers.index("sign_up_url")] = "http://insecure.example/apply"
    second[headers.index("slug")] = "Upper-Case"
    second[headers.index("provider")] = "no-such-provider"
    rows[0], rows[1] = tuple(first), tuple(second)
    html = upload(publisher_client, PROGRAMMES, rows.csv.encode(), "p.csv").content.decode()
    assert "must start with https://" in html
    assert "must be in lower case" in html
    assert "There is no provider with the page address" in html
    return upload(publisher_client, PROGRAMMES, rows.csv.encode(), "p.csv")


@pytest.mark.parametrize("base", [PROGRAMMES, ROLES])
def test_only_publishers_can_import(editor_client, publisher_client, programme, base):
    # An editor could otherwise change a draft's sign-up address for a publisher to publish.
    assert editor_client.get(f"{base}/import/").status_code == 403
    rows = programme_rows()
    response = upload(editor_client, PROGRAMMES, rows.csv.encode(), "p.csv")
    assert response.status_code == 403
    assert editor_client.post(f"{PROGRAMMES}/process_import/", {}).status_code == 403
    assert "/import/" not in editor_client.get(f"{base}/").content.decode()
    assert publisher_client.get(f"{base}/import/").status_code == 200
    assert "/import/" in publisher_client.get(f"{base}/").content.decode()


def test_only_staff_who_can_see_content_can_export_it(editor_client, programme):
    from django.contrib.auth.models import Permission
    from django.test import Client

    insight_only = make_user("analyst")
    insight_only.user_permissions.add(Permission.objects.get(codename="view_signup_insight"))
    analyst = Client()
    analyst.force_login(insight_only)
    for base in (PROGRAMMES, ROLES):
        assert analyst.get(f"{base}/export/").status_code == 403
        assert analyst.post(f"{base}/export/", {"format": CSV, "resource": "0"}).status_code == 403
        assert analyst.get(f"{base}/import/").status_code == 403
    # Editors see the content, so they may take it out (but not bring it back in).
    assert editor_client.get(f"{PROGRAMMES}/export/").status_code == 200


def test_analysts_download_programmes_and_roles_but_cannot_import(analyst_client, programme):
    text = export(analyst_client, PROGRAMMES, CSV, "programmeresource").content.decode()
    assert "asye" in text
    assert "slug,title" in export(analyst_client, ROLES, CSV, "roleresource").content.decode()
    file = SimpleUploadedFile("programmes.csv", text.encode(), content_type="text/csv")
    response = analyst_client.post(
        f"{PROGRAMMES}/import/", {"import_file": file, "format": CSV, "resource": "0"}
    )
    assert response.status_code == 403


def test_the_confirm_page_lists_only_changed_rows(publisher_client, programme):
    rows = programme_rows()
    name = rows.headers.index("name")
    row = list(rows[0])
    row[name] = "Renamed by import"
    rows[0] = tuple(row)
    response = upload(publisher_client, PROGRAMMES, rows.csv.encode(), "p.csv")
    result = response.context["result"]
    assert len(rows) > 1
    assert [r.object_id for r in result.valid_rows()] == [Programme.objects.get(slug=rows[0][0]).pk]
    assert "Renamed by import" in text_of(response)
    assert rows[1][rows.headers.index("name")] not in text_of(response)


def test_the_file_waits_for_the_confirm_step_in_the_shared_cache(publisher_client, programme):
    from django.core.cache import cache
    from import_export.tmp_storages import CacheStorage

    rows = programme_rows()
    response = upload(publisher_client, PROGRAMMES, rows.csv.encode(), "p.csv")
    stored = response.context["confirm_form"]["import_file_name"].value()
    assert cache.get(CacheStorage.CACHE_PREFIX + stored) is not None


@pytest.mark.django_db
def test_role_import_checks_salaries(publisher_client, site_content):
    role = Role.objects.first()
    csv = f"slug,salary_from,salary_to\n{role.slug},50000,40000\n"
    html = upload(publisher_client, ROLES, csv.encode(), "roles.csv").content.decode()
    assert "must be the same as or more than" in html
    role.refresh_from_db()
    assert role.salary_from != 50000
