"""Optional integrations stay optional: the core never imports their platforms."""

from __future__ import annotations

import subprocess
import sys

CHECK = (
    "import eventprogram, eventprogram.exporters, eventprogram._cli, sys;"
    " loaded = sorted({m.split('.')[0] for m in sys.modules}"
    " & {'django', 'pretalx', 'weasyprint'});"
    " assert not loaded, loaded"
)


class TestIsolation:
    def test_core_imports_no_django_or_pretalx(self):
        """Importing eventprogram, its exporters and its CLI loads no Django, pretalx or PDF."""
        result = subprocess.run(
            [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr

    def test_listing_formats_imports_no_django(self):
        """Listing the formats loads no Django, pretalx or WeasyPrint (loaded to render a PDF)."""
        check = CHECK.replace("sys;", "sys; eventprogram.exporters.available();", 1)
        result = subprocess.run(
            [sys.executable, "-c", check], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
