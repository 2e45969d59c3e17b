"""The notifications app sits low: it imports core and nothing else of the portal, and its
own modules import each other one way (no circle)."""

import ast
from pathlib import Path

from django.conf import settings

APP = Path(settings.BASE_DIR) / "apps" / "notifications"


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: a module of this app
                base = node.module or ""
                found |= {
                    f"apps.notifications.{base or alias.name}".rstrip(".") for alias in node.names
                }
            else:
                found.add(node.module)
    return found


def modules() -> dict[str, set[str]]:
    return {
        path.relative_to(APP).with_suffix("").as_posix().replace("/", "."): imports(path)
        for path in APP.rglob("*.py")
        if "migrations" not in path.parts
    }


def test_notifications_imports_no_other_app_but_core():
    wrong = {
        (name, imported)
        for name, found in modules().items()
        for imported in found
        if imported.startswith("apps.")
        and not imported.startswith(("apps.core", "apps.notifications"))
    }
    assert wrong == set()


def test_the_apps_modules_import_each_other_without_a_circle():
    graph = {
        name: {
            imported.removeprefix("apps.notifications.")
            for imported in found
            if imported.startswith("apps.notifications.")
        }
        for name, found in modules().items()
    }
    done, path = set(), []

    def visit(name):
        assert name not in path, f"import circle: {' → '.join([*path, name])}"
        if name in done or name not in graph:
            return
        path.append(name)
        for child in sorted(graph[name]):
            visit(child)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
