"""Tests: SQLite by default; DUBAN_DATABASE_URL selects the PostgreSQL lane."""

import tempfile
from pathlib import Path

from .base import *

DATA_DIR = Path(tempfile.mkdtemp(prefix="duban-test-"))
MEDIA_ROOT = DATA_DIR / "uploads"
BACKUP_DIR = DATA_DIR / "backups"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = str(DATA_DIR / "test.sqlite3")
# Like the product: tests read the pages and messages a user reads, in Simplified Chinese.
LANGUAGE_CODE = "zh-hans"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
HUEY = {"huey_class": "huey.MemoryHuey", "name": "duban-test", "immediate": True}
AXES_ENABLED = True
ALLOWED_HOSTS = ["*"]
