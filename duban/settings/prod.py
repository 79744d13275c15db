"""Production: a secret key, an audit key and allowed hosts must be given; cookies are secure.

When the deployment declares HTTPS (``DUBAN_HTTPS=true``, or a ``DUBAN_SITE_URL``
starting with ``https://``) plain-HTTP requests are redirected and browsers are told
to keep to HTTPS (HSTS); ``duban check --deploy`` is then clean.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *

if SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("Set DUBAN_SECRET_KEY to a long random value for production.")
# The audit chain's key must live outside the database and apart from SECRET_KEY (README, "Audit trail").
if AUDIT_KEY_DERIVED or len(AUDIT_KEY) < 32 or AUDIT_KEY == SECRET_KEY:
    raise ImproperlyConfigured(
        "Set DUBAN_AUDIT_KEY to a long random value (at least 32 characters, not DUBAN_SECRET_KEY) "
        "for production, and keep it outside the database and its backups."
    )
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True

HTTPS = env_bool("HTTPS", default=SITE_URL.startswith("https://"))
if HTTPS:
    # nginx terminates TLS and says so in X-Forwarded-Proto (README, "Deploy"); it must set
    # the header itself on every request, never pass on a client's.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # The health check is asked over plain HTTP on the host itself (README, "Deploy").
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", str(365 * 24 * 3600)))
    # HSTS from duban's own host name covers only names below it, never the parent domain.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", default=True)
