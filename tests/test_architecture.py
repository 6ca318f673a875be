"""The shape of the code: dependencies point portal -> surveys -> analysis."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {"analysis": {"portal", "surveys", "flask", "flask_sqlalchemy", "sqlalchemy"},
             "surveys": {"portal"}}


def imported_packages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependencies_point_one_way(package):
    offenders = {f"{path.relative_to(ROOT)} imports {name}"
                 for path in (ROOT / package).rglob("*.py")
                 for name in imported_packages(path) if name in FORBIDDEN[package]}
    assert not offenders


def test_officer_area_is_separate_from_resident_pages(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(("survey.", "site.")):
            assert not rule.rule.startswith("/officer")


def test_no_template_marks_resident_text_safe():
    for template in (ROOT / "templates").rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        for line in source.splitlines():
            if "|safe" in line.replace(" ", ""):
                assert '"<br>"|safe' in line.replace(" ", ""), f"{template.name}: {line.strip()}"
