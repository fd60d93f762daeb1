"""Security and fault tests run the production configuration, through the load balancer."""

import pytest

from tests.conftest import ProxiedClient


@pytest.fixture(autouse=True)
def _production(production):
    pass


@pytest.fixture
def client():
    return ProxiedClient()


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
