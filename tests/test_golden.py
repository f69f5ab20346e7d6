"""Golden files: the Bottrop example in every format and both languages, byte for byte.

The test programmes of other shapes (``tests/programmes``: a two-day academy
conference, a one-day congress with eight workshops) have golden files too, in
every format, in German.

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
BUILT_IN = ("c3voc-json", "frab-xml", "html", "ical", "json", "markdown", "toml")
WITHOUT_GOLDEN = ("pdf", "pdf-flyer")
"""A PDF's bytes depend on WeasyPrint's version and the font installed, not only on
eventprogram: ``tests/test_pdf.py`` reads the PDFs back (structure, text, fonts) instead."""
PROGRAMMES = ROOT / "tests" / "programmes"
SHAPES = ("akademie-dorfkirche-2025", "jugendkongress-2025")


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


@pytest.mark.parametrize("name", BUILT_IN)
@pytest.mark.parametrize("shape", SHAPES)
def test_golden_programmes_of_other_shapes(shape, name):
    """Each test programme's German output equals its checked-in file exactly."""
    fmt = exporters.get(name)
    content = fmt.render(ep.load(PROGRAMMES / shape), exporters.RenderOptions(language="de"))
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = GOLDEN / f"{shape}.de{fmt.suffix}"
    if UPDATE:
        path.write_bytes(data)
    assert path.is_file(), f"{path.name} is missing: regenerate with EVENTPROGRAM_UPDATE_GOLDEN=1"
    assert data == path.read_bytes()


def test_every_test_programme_has_golden_files():
    """Every folder in tests/programmes is built into golden files: none is forgotten."""
    assert sorted(p.name for p in PROGRAMMES.iterdir() if p.is_dir()) == sorted(SHAPES)


def test_every_built_in_format_has_golden_files():
    """No built-in format goes without golden files."""
    built_in = {
        name
        for name, fmt in exporters.available().items()
        if fmt.render.__module__.startswith("eventprogram.")
    }
    assert built_in <= {*BUILT_IN, *WITHOUT_GOLDEN}
