"""Settings shared by every environment.

Everything a deployment changes comes from environment variables prefixed
``DUBAN_`` (see README, "Configuration").
"""

import hashlib
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    """Read a ``DUBAN_*`` setting from the environment."""
    return os.environ.get(f"DUBAN_{name}", default)


def env_bool(name: str, *, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


# Runtime data (SQLite database, uploads, task queue, backups) lives outside the
# code and outside the web root.
DATA_DIR = Path(env("DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    # django-ninja serves its interactive API docs assets itself (no CDN).
    "ninja",
    "huey.contrib.djhuey",
    "duban.core",
    "duban.audit",
    "duban.org",
    "duban.accounts",
    "duban.indicators",
    "duban.evaluation",
    "duban.api",
    "duban.supervision",
    "duban.ingest",
    "duban.reports",
    "duban.accountability",
    "duban.meetings",
    "duban.projects",
    "duban.web",
    "duban.demo",
    "duban.ops",
    "duban.generate",
    "duban.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "duban.web.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "duban.web.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads the form: uploaded file names keep their slashes (as ／).
    "duban.web.uploadnames.UploadNamesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it answers locked-out login attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "duban.urls"
WSGI_APPLICATION = "duban.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "duban" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "duban.web.context.frame",
                "duban.supervision.context.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'duban.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so the audit chain's read-then-append cannot interleave.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # duban's subclass: Django's Chinese catalogue lacks this refusal (duban/accounts/passwords.py)
    {"NAME": "duban.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Session expiry: a working day of inactivity, and gone when the browser closes.
SESSION_COOKIE_AGE = int(env("SESSION_SECONDS", str(8 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True
# Sliding expiry without a write per page view: saved when changed, else at most once a minute.
SESSION_ENGINE = "duban.accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# duban's own page for a refused form post: in the frame, in the user's language, no DEBUG advice.
CSRF_FAILURE_VIEW = "duban.web.errors.csrf_failure"

# Throttling of failed logins (django-axes): 5 failures lock username+IP for 15 minutes.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lock page says how long to wait; failures during a lock do not start it again.
AXES_LOCKOUT_CALLABLE = "duban.accounts.lockout.locked_out"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "duban" / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "duban" / "static",
    # Front-end packages installed by npm (package.json), served by the app itself.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chart.js", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files: outside the web root, never served by URL; only through scope checks.
MEDIA_ROOT = DATA_DIR / "uploads"
UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
BACKUP_DIR = Path(env("BACKUP_DIR", str(DATA_DIR / "backups")))

# The address users reach duban at; reminders link to items with it.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Email (SMTP) for reminders.
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", "duban@localhost")

# Task queue (huey): SQLite-backed by default, no extra server; Redis-backed
# workers scale out when DUBAN_REDIS_URL is set.
_redis_url = env("REDIS_URL")
HUEY = (
    {"huey_class": "huey.RedisHuey", "name": "duban", "url": _redis_url, "immediate": False}
    if _redis_url
    else {
        "huey_class": "huey.SqliteHuey",
        "name": "duban",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        "immediate": False,
    }
)

# The demo runs "as of" a fixed date inside the seed documents' story (SPEC I);
# empty means the real date. See duban.core.clock.
AS_OF = env("AS_OF")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# Optional language-model assist for document ingestion (SPEC F): an OpenAI-compatible API served
# inside the network, e.g. http://10.0.0.5:8000/v1. Empty URL = off (the rule-based path stands alone).
LLM_URL = env("LLM_URL").strip()
LLM_MODEL = env("LLM_MODEL")
LLM_API_KEY = env("LLM_API_KEY")
LLM_TIMEOUT = float(env("LLM_TIMEOUT", "30"))

# The audit chain's HMAC key (README, "Audit trail"): kept outside the database, so whoever
# can write the database but not read the deployment's environment cannot recompute a valid
# chain. Development and tests derive one from SECRET_KEY (AUDIT_KEY_DERIVED, which
# `duban audit_verify` reports); production refuses to start without DUBAN_AUDIT_KEY.
AUDIT_KEY = env("AUDIT_KEY")
AUDIT_KEY_DERIVED = not AUDIT_KEY
if AUDIT_KEY_DERIVED:
    AUDIT_KEY = hashlib.sha256(b"duban-audit-chain:" + SECRET_KEY.encode("utf-8")).hexdigest()

# Content-Security-Policy of every response (duban.web.security): every asset is served by
# duban itself, no inline script, style or event handler; Bootstrap's CSS draws its form
# controls' icons as data: images.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
