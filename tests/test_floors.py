"""The apps are floors of one house: each may use the floors below it and never one above, by
import, by a URL name or address, or by naming an app's module in a string (reflection).
`config` stands above them all and wires them together. docs/architecture.md draws the house."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Lowest first.
FLOORS = ["core", "edge", "editorial", "careers", "programmes", "search", "insight", "alerts"]


def python_files(app: str) -> list[Path]:
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def template_files(app: str) -> list[Path]:
    return [p for p in (ROOT / app).rglob("*.html")]


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def names_used(path: Path) -> set[str]:
    """Modules imported, and strings in the code (not docstrings) that could name a module
    ("insight.page_views.X") or a URL ("programmes:detail")."""
    tree = ast.parse(path.read_text())
    docstrings = _docstrings(tree)
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            used.update(f"{alias.name}." for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            used.add(f"{node.module}.")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            used.add(node.value)
    return used


def _higher_app(name: str, higher: list[str]) -> str | None:
    for app in higher:
        if name.startswith((f"{app}.", f"{app}:")):
            return app
    return None


@pytest.mark.parametrize("app", FLOORS[:-1])
def test_no_floor_reaches_up(app):
    higher = FLOORS[FLOORS.index(app) + 1 :]
    reaching_up = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in python_files(app)
        for name in names_used(path)
        if _higher_app(name, higher)
    )
    reaching_up += sorted(
        f"{path.relative_to(ROOT)}: {app_name}"
        for path in template_files(app)
        for app_name in higher
        if f"'{app_name}:" in path.read_text() or f'"{app_name}:' in path.read_text()
    )
    assert reaching_up == []


def test_every_app_is_on_a_floor():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} | {"edge"}
    assert apps == set(FLOORS)


def test_the_check_sees_a_floor_reaching_up(tmp_path):
    """The check above would fail for a module that imports or names a higher floor."""
    module = tmp_path / "m.py"
    module.write_text(
        '"""Mentions insight.page_views in a docstring, which is fine."""\n'
        "from programmes.models import Programme\n"
        "URL = 'programmes:detail'\n"
    )
    assert {"programmes.models.", "programmes:detail"} <= names_used(module)
    assert "Mentions insight.page_views in a docstring, which is fine." not in names_used(module)


HARD_CODED_LINK = re.compile(r"""(href|action)=["']/""")


def test_templates_link_by_url_name():
    """`url('app:name')` in templates, never an address: a renamed address would leave links
    to a page that is no longer there."""
    folders = [ROOT / app for app in FLOORS] + [ROOT / "templates"]
    linking = sorted(
        f"{path.relative_to(ROOT)}:{number}"
        for folder in folders
        for path in folder.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if HARD_CODED_LINK.search(line)
    )
    assert linking == []
