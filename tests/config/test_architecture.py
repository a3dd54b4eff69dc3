"""The layers of docs/architecture.md hold, and the linter that guards them has teeth."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    [contract] = [c for c in config["contracts"] if c["type"] == "layers"]
    return contract["layers"]


def _copy_tree(dest: Path) -> None:
    """The project's packages and pyproject.toml, without venv, tests or data."""
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for package in _layers():
        shutil.copytree(
            ROOT / package, dest / package, ignore=shutil.ignore_patterns("__pycache__", "*.csv")
        )


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
    )


def test_every_app_is_a_layer():
    packages = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert packages == set(_layers())


def test_the_layers_hold(tmp_path):
    _copy_tree(tmp_path)
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_backwards_import_breaks_the_contract(tmp_path):
    """emulation is the bottom floor: importing the dossiers from it must fail the build."""
    _copy_tree(tmp_path)
    text = tmp_path / "emulation" / "text.py"
    text.write_text(text.read_text() + "\nfrom dossiers.models import Dossier  # noqa\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "emulation is not allowed to import dossiers" in result.stdout
    assert "emulation.text -> dossiers.models" in result.stdout


def test_a_function_local_backwards_import_is_caught_too(tmp_path):
    """Hiding the import inside a function (as the old registries did) does not help."""
    _copy_tree(tmp_path)
    qualify = tmp_path / "criteria" / "selectors.py"
    qualify.write_text(
        qualify.read_text() + "\n\ndef _sneaky():\n    from progress import figures  # noqa\n"
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "criteria is not allowed to import progress" in result.stdout
