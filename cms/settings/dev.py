from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-sohoa"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
SITE_BASE_URL = SITE_BASE_URL or "http://127.0.0.1:8000"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
