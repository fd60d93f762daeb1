"""The lock files and what installs from them: every package pinned with its hashes, the locks
in step with pyproject.toml and each other, and no package registry named in the repository."""

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ["requirements.lock", "requirements-dev.lock"]
SHA256 = re.compile(r"--hash=sha256:[0-9a-f]{64}")

# Spelled in pieces so that this file does not itself name them.
REGISTRY_HOST = re.compile(
    r"[\w.-]*(" + "|".join(["py" + "pi", "python" + "hosted", "npm" + "js", "yarn" + "pkg"]) + r")"
    r"\.(org|com|io)\b",
    re.IGNORECASE,
)


def lock_entries(name: str) -> dict[str, tuple[str, list[str]]]:
    """Package name -> (pinned version, hashes), as pip reads the file."""
    text = (ROOT / name).read_text().replace("\\\n", " ")
    entries = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert not line.startswith("-"), f"{name}: an option line, not a package: {line}"
        requirement_text, _, options = line.partition(" --hash=")
        requirement = Requirement(requirement_text)
        [specifier] = requirement.specifier
        assert specifier.operator == "==", f"{name}: {requirement} is not pinned exactly"
        hashes = SHA256.findall("--hash=" + options)
        assert hashes, f"{name}: {requirement.name} has no sha256 hash"
        entries[canonicalize_name(requirement.name)] = (specifier.version, hashes)
    return entries


@pytest.mark.parametrize("name", LOCKS)
def test_every_locked_package_is_pinned_with_hashes(name):
    entries = lock_entries(name)
    assert len(entries) > 20
    # uv writes the command that made the file at the top; `make lock` is the one to repeat.
    assert (ROOT / name).read_text().splitlines()[1].strip() == "#    make lock"
    assert re.search(r"^lock:", (ROOT / "Makefile").read_text(), re.MULTILINE)


def test_production_runs_the_versions_the_tests_ran():
    production = lock_entries("requirements.lock")
    development = lock_entries("requirements-dev.lock")
    for name, pin in production.items():
        assert development.get(name) == pin, f"{name} differs between the lock files"


def test_locks_satisfy_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {
        "requirements.lock": project["dependencies"],
        "requirements-dev.lock": project["dependencies"] + project["optional-dependencies"]["dev"],
    }
    for lock, dependencies in wanted.items():
        entries = lock_entries(lock)
        for dependency in map(Requirement, dependencies):
            name = canonicalize_name(dependency.name)
            assert name in entries, f"{lock} lacks {name}: run `make lock`"
            version, _ = entries[name]
            assert dependency.specifier.contains(version), (
                f"{lock} pins {name}=={version}, outside {dependency.specifier}: run `make lock`"
            )


def test_installs_check_the_hashes():
    # With --require-hashes pip refuses a lock line without a hash instead of installing it.
    commands = [
        line
        for path in ["Makefile", "Dockerfile"]
        for line in (ROOT / path).read_text().replace("\\\n", " ").splitlines()
        if re.search(r"pip (install|wheel)\b.*\.lock", line)
    ]
    assert len(commands) == 3
    for command in commands:
        assert "--require-hashes" in command, command


def test_front_end_lock_has_integrity_hashes_and_no_registry_addresses():
    packages = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    installed = {path: package for path, package in packages.items() if path}
    assert installed
    for path, package in installed.items():
        assert package["integrity"].startswith("sha512-"), path
        assert "resolved" not in package, f"{path} names where it was downloaded from"


def test_no_package_registry_is_named_in_the_repository():
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    paths = [path for path in listed.decode().split("\0") if path]
    assert "requirements.lock" in paths
    named = []
    for path in paths:
        file = ROOT / path
        if file.is_file():  # a file deleted but not yet committed is still listed
            text = file.read_bytes().decode(errors="replace")
            named += [f"{path}: {found.group()}" for found in REGISTRY_HOST.finditer(text)]
    assert not named
