"""Production: a secret key and allowed hosts must be given; cookies are secure."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

if SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("Set DUBAN_SECRET_KEY to a long random value for production.")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
