"""The README documents the whole command line: every command, and every option of every command."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from jigong.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def _options(command: click.Command) -> list[str]:
    return [name for p in command.params if isinstance(p, click.Option) for name in (*p.opts, *p.secondary_opts)]


def test_there_are_commands_to_document() -> None:
    assert {"run", "extract", "decide", "status"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_its_options_are_in_the_readme(name: str) -> None:
    assert f"jigong {name}" in README, f"README 未介绍命令 jigong {name}"
    missing = [opt for opt in _options(main.commands[name]) if opt not in README]
    assert not missing, f"README 未介绍 jigong {name} 的选项：{'、'.join(missing)}"


def test_the_tools_own_options_are_in_the_readme() -> None:
    missing = [opt for opt in _options(main) if opt not in README]
    assert not missing, f"README 未介绍选项：{'、'.join(missing)}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_takes_debug_and_help(name: str) -> None:
    assert {"--debug", "-h", "--help"} <= set(_options(main.commands[name]))
