"""Every process keeps the sign-up details of every published programme, so a sign-up link
works while the database is down, even for a programme nobody has clicked since the process
started; and it follows content changes as soon as the content version moves."""

import datetime
import json
import logging

import pytest

from programmes import selectors
from programmes.lifecycle import Lifecycle
from programmes.models import SignUpClick
from tests.conftest import ProxiedClient
from tests.programmes.factories import make_programme
from tests.security.test_faults import database_down

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


@pytest.fixture
def visitor(production):
    """A visitor behind the load balancer, with the site configured as deployed."""
    return ProxiedClient(HTTP_USER_AGENT=BROWSER)


@pytest.mark.django_db
def test_a_programme_nobody_clicked_still_reaches_its_provider_during_an_outage(visitor, caplog):
    make_programme(slug="never-clicked", sign_up_url="https://provider.example/start/")
    selectors.load_sign_up_table()  # what config/wsgi.py does as each process starts
    with database_down(), caplog.at_level(logging.ERROR, logger="programmes.clicks"):
        response = visitor.get("/development-programmes/never-clicked/sign-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://provider.example/start/?utm_source=")
    [record] = [r for r in caplog.records if r.name == "programmes.clicks"]
    assert json.loads(record.getMessage())["programme"] == "never-clicked"
    assert SignUpClick.objects.count() == 0


@pytest.mark.django_db
def test_an_ended_programme_stays_on_the_site_during_an_outage(visitor):
    make_programme(
        slug="gone",
        lifecycle=Lifecycle.ENDED,
        ended_on=datetime.date(2024, 7, 31),
        what_to_do_instead="Use the modules.",
    )
    selectors.load_sign_up_table()
    with database_down():
        response = visitor.get("/development-programmes/gone/sign-up/")
    assert response.status_code == 302
    assert response["Location"] == "/development-programmes/gone/"


@pytest.mark.django_db
def test_the_table_follows_content_changes(visitor):
    programme = make_programme(slug="moving", sign_up_url="https://provider.example/old/")
    assert "/old/" in visitor.get("/development-programmes/moving/sign-up/")["Location"]
    # Saved as the admin saves it: the content version moves, and so does every process.
    programme.sign_up_url = "https://provider.example/new/"
    programme.save()
    assert "/new/" in visitor.get("/development-programmes/moving/sign-up/")["Location"]
    programme.lifecycle = Lifecycle.ENDED
    programme.ended_on = datetime.date(2024, 7, 31)
    programme.save()
    assert visitor.get("/development-programmes/moving/sign-up/")["Location"] == (
        "/development-programmes/moving/"
    )
    programme.status = "draft"
    programme.save()
    assert visitor.get("/development-programmes/moving/sign-up/").status_code == 404


@pytest.mark.django_db
def test_without_a_table_an_outage_gives_the_503_page(visitor):
    make_programme(slug="unknown-to-this-process")
    with database_down():
        response = visitor.get("/development-programmes/unknown-to-this-process/sign-up/")
    assert response.status_code == 503
