"""The docs and the public surface: generated parts are current, everything is documented."""

from __future__ import annotations

import subprocess
import sys

import typer

import warta
from warta.cli.main import app
from warta.settings import SETTINGS

from conftest import ROOT


def test_generated_docs_are_current():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "sync_readme.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def _commands(group, path=("warta",)):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield " ".join((*path, name)), command


def test_every_command_has_help_and_an_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in _commands(typer.main.get_command(app)):
        assert command.help and "Example" in command.help, f"{name} has no example"
        top = name.split()[1]
        assert f"`warta {top}" in readme, f"README does not mention warta {top}"


def test_readme_shows_the_two_commands_and_ci_calls_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_public_names_are_exported():
    for name in warta.__all__:
        assert getattr(warta, name) is not None
    assert {"parse", "parse_many", "Article", "Pipeline", "Rejection"} <= set(warta.__all__)


def test_every_setting_has_help():
    for setting in SETTINGS:
        assert len(setting.help) > 20 and setting.name.islower()
