"""Tests of the HTML page in a real browser (Chromium, axe-core, the Nu HTML Checker)."""
