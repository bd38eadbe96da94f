from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-sohoa"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SITE_BASE_URL = "https://sohoa.test"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/sohoa-test-media"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
QR_SHEET_DIR = Path(os.environ.get("TEST_QR_SHEET_DIR", "/tmp/sohoa-test-qr-sheets"))  # noqa: F405
SOHOA_JOB_DIR = Path(os.environ.get("TEST_JOB_DIR", "/tmp/sohoa-test-jobs"))  # noqa: F405
# The suite runs on the database backend whatever ELASTICSEARCH_URL says; the live
# Elasticsearch tests build their own backend from that URL.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database"}}
# Failed sign-ins counted in memory: a test process leaves no files behind, and one test's
# failures never lock another's account (tests that need it clear or replace this cache).
CACHES = {
    **CACHES,  # noqa: F405
    "login_attempts": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "login",
    },
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Django's in-memory test database is one shared cache for every thread (the live server's,
    # background jobs'), where a reader of a table another connection is writing fails at once
    # with "database table is locked" — the admin walk's import progress page did. Readers may
    # read uncommitted rows instead, much as the site's file database in WAL mode lets readers
    # through. (A file test database made jobs started by one test wait, at times past the
    # busy timeout, on a lock whose holder was not found.)
    DATABASES["default"]["OPTIONS"]["init_command"] += "; PRAGMA read_uncommitted=1"  # noqa: F405
