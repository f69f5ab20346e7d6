"""Golden files: the Bottrop example in every format and both languages, byte for byte.

When an output changes on purpose, regenerate the files and review the diff:
``EVENTPROGRAM_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``.
"""

from __future__ import annotations

import os

import pytest

import eventprogram as ep
from conftest import ROOT
from eventprogram import exporters

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("EVENTPROGRAM_UPDATE_GOLDEN") == "1"
BUILT_IN = ("c3voc-json", "frab-xml", "html", "ical", "json", "markdown")


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("name", BUILT_IN)
def test_golden(example_dir, name, language):
    """The example's output equals the checked-in file exactly."""
    fmt = exporters.get(name)
    content = fmt.render(ep.load(example_dir), exporters.RenderOptions(language=language))
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = GOLDEN / f"nrw-sozialplanung-2025.{language}{fmt.suffix}"
    if UPDATE:
        path.write_bytes(data)
    assert path.is_file(), f"{path.name} is missing: regenerate with EVENTPROGRAM_UPDATE_GOLDEN=1"
    assert data == path.read_bytes()


def test_every_built_in_format_has_golden_files():
    """No built-in format goes without golden files."""
    built_in = {
        name
        for name, fmt in exporters.available().items()
        if fmt.render.__module__.startswith("eventprogram.")
    }
    assert built_in <= set(BUILT_IN)
