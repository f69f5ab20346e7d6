"""Django settings for the plugin's tests: pretalx's own, in a temporary data folder.

Not called ``tests.settings``: django-formtools and django-scopes install a
top-level ``tests`` package. pretalx's own test settings need files its wheel
lacks, so these start from ``pretalx.settings``.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# Before pretalx's settings are read: they create the data folders on import,
# by default inside site-packages.
_DATA = Path(tempfile.mkdtemp(prefix="eventprogram-pretalx-"))
atexit.register(shutil.rmtree, _DATA, ignore_errors=True)
os.environ["PRETALX_DATA_DIR"] = str(_DATA)
os.environ["PRETALX_FILESYSTEM_LOGS"] = str(_DATA / "logs")
os.environ["PRETALX_FILESYSTEM_MEDIA"] = str(_DATA / "media")
os.environ["PRETALX_FILESYSTEM_STATIC"] = str(_DATA / "static")
# Django's test client asks for the host "testserver"; pretalx serves events only
# on its own domain and answers 404 elsewhere.
os.environ["PRETALX_SITE_URL"] = "http://testserver"
# pretalx 2026 caches in Redis by default, sessions included; the tests have none.
os.environ["PRETALX_REDIS_SESSIONS"] = "False"

from pretalx.settings import *  # noqa: E402, F403 -- the settings under test are pretalx's

DATA_DIR = _DATA
LOG_DIR = _DATA / "logs"
MEDIA_ROOT = _DATA / "media"
STATIC_ROOT = _DATA / "static"
HTMLEXPORT_ROOT = _DATA / "htmlexport"
for _folder in (LOG_DIR, MEDIA_ROOT, STATIC_ROOT, HTMLEXPORT_ROOT):
    _folder.mkdir(parents=True, exist_ok=True)

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(_DATA / "db.sqlite3")}}
# No cache: every request sees the database as the test left it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}


class _NoMigrations:
    """Build the test database from the models directly: about ten times faster."""

    def __contains__(self, item: str) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


MIGRATION_MODULES = _NoMigrations()
