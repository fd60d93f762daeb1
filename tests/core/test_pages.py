import pytest
from django.db import DatabaseError

SERVICE = "Develop your career in child and family social work"


@pytest.mark.django_db
def test_home_page_has_the_service_shell(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert f"<title>{SERVICE} - GOV.UK</title>" in html
    assert f'<h1 class="govuk-heading-xl">{SERVICE}</h1>' in html
    assert '<meta name="description" content="' in html
    assert 'href="#main-content"' in html  # skip link
    assert "govuk-phase-banner" in html and "Beta" in html


@pytest.mark.django_db
def test_service_navigation_marks_the_current_section(client):
    html = client.get("/").content.decode()
    for text in ["Home", "Career stages", "Development programmes", "Explore roles"]:
        assert text in html
    assert 'href="/" aria-current="page"' in html


@pytest.mark.django_db
def test_footer_links(client):
    html = client.get("/").content.decode()
    for href, text in [
        ("/accessibility", "Accessibility statement"),
        ("/cookies", "Cookies"),
        ("/privacy", "Privacy notice"),
        ("/terms-and-conditions", "Terms and conditions"),
        ("/sitemap", "Sitemap"),
    ]:
        assert f'href="{href}"' in html and text in html
    assert "mailto:support-for-social-workers-team@education.gov.uk" in html
    assert "Open Government Licence" in html
    assert "Crown copyright" in html


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accessibility", "Accessibility statement"),
        ("/privacy", "Privacy notice"),
        ("/terms-and-conditions", "Terms and conditions"),
    ],
)
def test_content_pages(client, site_content, path, heading):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<title>{heading} - {SERVICE} - GOV.UK</title>" in html
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in html
    assert "Back to top" in html


def test_accessibility_statement_names_the_standard_and_required_sections(client, site_content):
    html = client.get("/accessibility").content.decode()
    assert "WCAG 2.2 AA" in html or "version 2.2 AA" in html
    for section in [
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this website",
        "Compliance status",
        "Preparation of this accessibility statement",
    ]:
        assert section in html


@pytest.mark.django_db
def test_draft_content_page_is_not_found(client, site_content):
    from core.models import ContentPage, Status

    ContentPage.objects.filter(slug="privacy").update(status=Status.DRAFT)
    assert client.get("/privacy").status_code == 404


@pytest.mark.django_db
def test_unknown_page_keeps_its_address_and_uses_the_govuk_layout(client):
    response = client.get("/no-such-page")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert f"<title>Page not found - {SERVICE} - GOV.UK</title>" in html
    assert "govuk-header" in html and "govuk-footer" in html


@pytest.mark.django_db
def test_server_error_page_shows_no_stack_trace(client, monkeypatch):
    from core import views

    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views.selectors, "published_content_page", broken)
    client.raise_request_exception = False
    response = client.get("/privacy")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "secret internals" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_csrf_failure_has_a_govuk_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/", {"anything": "1"})
    assert response.status_code == 403
    assert "Sorry, your form could not be sent" in response.content.decode()


@pytest.mark.django_db
def test_bad_request_page(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in response.content.decode()


@pytest.mark.django_db
def test_health_check_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_health_check_fails_when_database_is_down(client, monkeypatch):
    from core import views

    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("connection refused")

        def __exit__(self, *args):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: BrokenCursor())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
