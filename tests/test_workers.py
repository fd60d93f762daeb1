"""Test processes running at once (pytest-xdist workers) never share a Redis database."""

from tests.conftest import _redis_url_for_this_process


def test_each_worker_empties_only_its_own_redis_database(monkeypatch):
    monkeypatch.setenv("TEST_REDIS_URL", "redis://cache.internal:6380/4")
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    assert _redis_url_for_this_process() == "redis://cache.internal:6380/4"
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    assert _redis_url_for_this_process() == "redis://cache.internal:6380/4"
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw3")
    assert _redis_url_for_this_process() == "redis://cache.internal:6380/7"


def test_without_a_setting_the_tests_use_database_8_up(monkeypatch):
    monkeypatch.delenv("TEST_REDIS_URL", raising=False)
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert _redis_url_for_this_process() == "redis://127.0.0.1:6379/9"
