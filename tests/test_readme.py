"""The README's commands are the ones CI runs, and its sample output is what the tool prints."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_commands():
    """Both set-up commands of the README stand verbatim in .ci/run."""
    commands = re.findall(r"^(?:npm ci .*&& )?python3 -m venv .*$", README, flags=re.MULTILINE)
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert command in ci


def _sessions() -> list[tuple[str, str]]:
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        for part in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = part.partition("\n")
            found.append((command, output))
    return found


@pytest.mark.parametrize(("command", "output"), _sessions())
def test_sample_output(command, output):
    """Each `$ command` in the README prints what the README shows."""
    args = shlex.split(command)
    assert args[0] == ".venv/bin/eventprogram"
    result = subprocess.run(
        [sys.executable, "-m", "eventprogram", *args[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == output
