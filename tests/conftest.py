"""Shared fixtures and hypothesis profiles.

Profiles: ``ci`` is thorough and chosen when ``CI`` is set; ``dev`` is quick
for local runs. Choose another with ``HYPOTHESIS_PROFILE``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nrw_sozialplanung_2025"
SHARED = ROOT.parent / "shared"
SLOW_FORMATS = frozenset({"pdf", "pdf-flyer"})
"""Formats that property tests of every format leave out: a PDF takes about half a second,
too long for a hundred examples. ``tests/test_pdf.py`` renders them, hostile text included."""

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# dev: 30 examples keep the default run under three minutes on two cores; CI tries 200.
settings.register_profile("dev", max_examples=30, deadline=None)
# The mutation run (mutation/run.sh): few examples, the same ones every time. mutmut runs
# pytest again and again in one process, so a test's class is made anew for each run.
settings.register_profile(
    "mutation",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.differing_executors, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder beside the checkout; skipped where it is absent.

    Under ``CI=true`` its absence fails instead: CI always has it.
    """
    if SHARED.is_dir():
        return SHARED
    reason = f"the shared folder is absent ({SHARED}); it holds the seed, schemas and schedules"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def example_dir() -> Path:
    """The worked example's folder."""
    return EXAMPLE
