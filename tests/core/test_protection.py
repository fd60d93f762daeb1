import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_every_page_has_a_permissions_policy(client):
    for path in ["/", "/no-such-page", "/healthz"]:
        assert "camera=()" in client.get(path)["Permissions-Policy"]


@pytest.mark.django_db
def test_database_outage_gives_the_service_problem_page_and_recovers(client, monkeypatch):
    from core import views

    def database_down(**kwargs):
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr(views.selectors, "published_content_page", database_down)
        response = client.get("/privacy")
    assert response.status_code == 503
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert "could not connect" not in response.content.decode()
    # Once the database answers again, the same page works without a restart.
    assert client.get("/privacy").status_code in {200, 404}


@pytest.mark.django_db
def test_oversized_request_body_is_refused_with_a_govuk_page(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    response = client.post("/", {"text": "x" * 5000})
    assert response.status_code == 413
    assert "The information you sent is too large" in response.content.decode()


@pytest.mark.django_db
def test_malformed_content_length_is_a_bad_request(client):
    response = client.get("/", CONTENT_LENGTH="lots")
    assert response.status_code == 400
