"""The container image and compose file, read as the tools read them (no Docker daemon is
needed to run these)."""

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def instruction(name: str) -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def test_gunicorn_is_process_one_so_it_gets_sigterm():
    [command] = instruction("CMD")
    words = json.loads(command)
    script = words[-1]
    assert words[:2] == ["sh", "-c"]
    assert script.startswith("exec gunicorn ")


def test_node_base_image_is_a_supported_release():
    [node] = [image for image in instruction("FROM") if image.startswith("node:")]
    major = int(re.match(r"node:(\d+)", node).group(1))
    assert major >= 22  # Node 20 reached end of life in April 2026


def test_health_check_asks_the_container_itself():
    [check] = instruction("HEALTHCHECK")
    assert "http://127.0.0.1:" in check and "/healthz" in check


def test_compose_runs_the_site_with_postgresql_and_redis():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    web = services["web"]["environment"]
    assert web["DATABASE_URL"].startswith("postgres://") and "@db:" in web["DATABASE_URL"]
    assert web["REDIS_URL"].startswith("redis://redis:")
    assert "DEBUG" not in web  # production mode
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )


def test_compose_passes_on_every_notify_setting_so_alerts_can_be_sent():
    settings_file = (ROOT / "config" / "settings.py").read_text()
    notify = set(re.findall(r'os\.environ\.get\("(NOTIFY_\w+)"', settings_file))
    web = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]["web"]["environment"]
    assert notify - {"NOTIFY_BASE_URL"} <= set(web)  # the public API is the default
    assert "NOTIFY_TEMPLATE_OPENED" in notify
    # Links in emails need the site's own address.
    assert web["SITE_URL"].startswith("${SITE_URL:-http")
