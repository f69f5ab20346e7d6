"""Integrations with platforms that plan events, one optional sub-package each.

Nothing here is imported by :mod:`eventprogram` itself: each integration needs
its platform's extra (``pip install 'eventprogram[pretalx]'``) and is loaded by
that platform, never by the core.
"""
