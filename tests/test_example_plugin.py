"""The example plug-in package (examples/eventprogram-example-plugin) installs and works.

It is installed with pip — built from its own pyproject.toml, as a user would — into a folder
of its own and put on the path of a fresh `eventprogram` process, so the suite's environment
stays without it (its rule would change every other test's findings). Its format and rule
then appear where the how-tos say they do, word for word.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT

PLUGIN = ROOT / "examples" / "eventprogram-example-plugin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The plug-in, installed by pip into a folder of its own; the environment to run it in."""
    target = tmp_path_factory.mktemp("plugin")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            target,
            PLUGIN,
        ],
        check=True,
        capture_output=True,
    )
    return {**os.environ, "PYTHONPATH": str(target), "PYTHONUTF8": "1"}


def eventprogram(env, *args, cwd=ROOT):
    done = subprocess.run(
        [sys.executable, "-m", "eventprogram", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=cwd,
    )
    return done.stdout + done.stderr


def shown(page, command):
    """What *page* shows `$ command` printing, in its console block."""
    text = (ROOT / "docs" / "how-to" / page).read_text(encoding="utf-8")
    match = re.search(
        rf"^ *\$ {re.escape(command)}\n(.*?)^ *(?:\$|```)", text, re.MULTILINE | re.DOTALL
    )
    assert match, f"{page} shows no `$ {command}`"
    return re.sub(r"^  ", "", match.group(1), flags=re.MULTILINE)


class TestExamplePlugin:
    def test_its_format_is_listed(self, installed):
        """`formats` lists door-sign beside the built-in formats, as the how-to shows."""
        printed = eventprogram(installed, "formats")
        assert "door-sign   .txt            plain text timetable for a door sign\n" in printed
        assert printed == shown("write-an-exporter.md", "eventprogram formats")

    def test_its_rule_finds_what_the_how_to_shows(self, installed):
        """`validate` reports XY101 beside the built-in findings, as the how-to shows."""
        command = "eventprogram validate examples/nrw_sozialplanung_2025 --lang en"
        printed = eventprogram(installed, *command.split()[1:])
        assert "info XY101: 'ag3-ressource' has no description" in printed
        assert printed == shown("write-a-rule.md", command)

    def test_its_format_is_built(self, installed, tmp_path):
        """`build -f door-sign` writes the door sign: one line per slot and session."""
        printed = eventprogram(installed, "build", EXAMPLE, "-f", "door-sign", "-o", tmp_path)
        assert printed == f"wrote {tmp_path / 'nrw-sozialplanung-2025.txt'}\n"
        sign = (tmp_path / "nrw-sozialplanung-2025.txt").read_text(encoding="utf-8")
        assert sign.startswith("09:30–10:00 Ankommen\n10:00–10:05 Begrüßung und Agenda\n")
        assert "14:30–16:00     3.1 Transfer als Ressource" in sign

    def test_disabled_rules_switches_its_rule_off(self, installed, tmp_path):
        """`disabled_rules = ["XY101"]` switches the plug-in's rule off like a built-in one."""
        source = (EXAMPLE / "programme.toml").read_text(encoding="utf-8")
        (tmp_path / "programme.toml").write_text(
            'disabled_rules = ["XY101"]\n' + source, encoding="utf-8"
        )
        (tmp_path / "puzzle.svg").write_bytes((EXAMPLE / "puzzle.svg").read_bytes())
        printed = eventprogram(installed, "validate", tmp_path, "--lang", "en")
        assert "XY101" not in printed
        assert printed.endswith(": 0 errors, 2 warnings, 0 infos\n")

    def test_without_it_nothing_of_it_is_there(self):
        """The suite's own environment has no door-sign: the plug-in is what adds it."""
        assert "door-sign" not in eventprogram(os.environ, "formats")

    def test_its_own_tests_pass(self, installed):
        """The plug-in's tests, written with eventprogram.testing, pass against this checkout."""
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-c",
                PLUGIN / "pyproject.toml",
                PLUGIN / "tests",
            ],
            capture_output=True,
            text=True,
            check=False,
            env=installed,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "4 passed" in done.stdout
