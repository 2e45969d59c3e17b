"""The apps' layers (pyproject.toml, [tool.importlinter]; README "Architecture").

- the import contract is kept (`make test` also runs `lint-imports` before pytest);
- it would catch a wrong-way import: injected into a copy of the code, it breaks the contract;
- migrations depend only on migrations of their own app or of a lower layer.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
(LAYERS,) = [c for c in CONFIG["contracts"] if c["type"] == "layers"]


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    # The copy's own `apps` must win over the one the virtualenv has installed.
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def rank() -> dict[str, int]:
    """App label -> layer number, 0 at the bottom (core); siblings share a number."""
    ranks = {}
    for number, layer in enumerate(reversed(LAYERS["layers"])):
        for name in layer.split("|"):
            ranks[name.strip().strip("()")] = number
    return ranks


def test_the_layers_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_app_is_in_a_layer():
    apps = {p.name for p in (ROOT / "apps").iterdir() if (p / "__init__.py").exists()}
    assert apps <= set(rank()), f"add to [tool.importlinter] layers: {apps - set(rank())}"


@pytest.mark.parametrize(
    ("module", "wrong_import"),
    [
        ("apps/core/forms.py", "from apps.accounts.models import User"),  # ground reaches up
        ("apps/notifications/models.py", "import apps.accounts.permissions"),
        ("apps/trainings/selectors.py", "from apps.employers.models import Hire"),
        ("apps/seekers/views.py", "from apps.portal import views"),
    ],
)
def test_a_wrong_way_import_breaks_the_contract(tmp_path, module, wrong_import):
    for name in ("apps", "techhire"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    # Inside a function, as the imports that used to dodge a cycle did: still caught.
    target.write_text(
        target.read_text() + f"\n\ndef _sneaky():\n    {wrong_import}\n", encoding="utf-8"
    )
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 broken" in result.stdout
    assert module.removesuffix(".py").replace("/", ".") in result.stdout


def test_migrations_depend_only_on_their_own_or_lower_layers():
    ranks = rank()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    wrong = []
    for (label, name), migration in loader.disk_migrations.items():
        if not migration.__module__.startswith("apps.") or label not in ranks:
            continue
        for dependency in migration.dependencies:
            other = dependency[0]
            if getattr(dependency, "setting", None) == settings.AUTH_USER_MODEL:
                continue  # the user model, reached through its setting as Django intends
            if other in ranks and ranks[other] > ranks[label]:
                wrong.append(f"{label}.{name} -> {dependency}")
    assert not wrong, "migrations depending on a higher layer:\n" + "\n".join(wrong)
