"""Settings shared by every environment.

Configuration comes from the environment, read here in one place:
DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, SITE_BASE_URL, MEDIA_ROOT, ELASTICSEARCH_URL,
MAP_TILE_URL, MAP_TILE_ATTRIBUTION.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "home",
    "library",
    "heritage",
    "search",
    "cms",
    "wagtailgeowidget",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Account safety (cms/accounts.py): after sessions, users and messages, which they use.
    "cms.accounts.SessionTimeoutMiddleware",
    "cms.accounts.LoginLockoutMiddleware",
    "home.units.OneTimePasswordMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_context",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        # An empty DATABASE_URL means the default too (`make test-sqlite` clears it).
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Memory-mapped reads and a 64 MB page cache (the default is 2 MB): search joins the
    # full-text index with the pages, which at 100,000 books re-read the file from disk.
    # WAL: readers are not locked out while an import writes thousands of pages.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "cms.accounts.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "cms.accounts.LettersAndDigitsValidator",
        "OPTIONS": {"passphrase_length": 16},
    },
]

# Sign-in limits (cms/accounts.py): SOHOA_LOGIN_ACCOUNT_FAILURES failures for one account, or
# SOHOA_LOGIN_ADDRESS_FAILURES from one address, within the window lock that account (from any
# address) or that address (for any account) for the lockout period.
AUTHENTICATION_BACKENDS = ["cms.accounts.RateLimitedModelBackend"]
SOHOA_LOGIN_ACCOUNT_FAILURES = int(os.environ.get("SOHOA_LOGIN_ACCOUNT_FAILURES", "5"))
SOHOA_LOGIN_ADDRESS_FAILURES = int(os.environ.get("SOHOA_LOGIN_ADDRESS_FAILURES", "20"))
SOHOA_LOGIN_WINDOW_SECONDS = 60 * int(os.environ.get("SOHOA_LOGIN_WINDOW_MINUTES", "15"))
SOHOA_LOGIN_LOCKOUT_SECONDS = 60 * int(os.environ.get("SOHOA_LOGIN_LOCKOUT_MINUTES", "15"))
# How many reverse proxies in front of the site append to X-Forwarded-For. 0: the header is
# ignored (anyone can write it); behind one nginx, 1 — or everyone seems to share its address.
SOHOA_TRUSTED_PROXIES = int(os.environ.get("SOHOA_TRUSTED_PROXIES", "0"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Failed sign-ins must be counted across all worker processes, which a per-process memory
    # cache would not do. Enough entries that a spray of made-up usernames cannot evict locks.
    "login_attempts": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get(
            "SOHOA_LOGIN_ATTEMPTS_DIR", str(BASE_DIR / "var" / "login-attempts")
        ),
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
}

# Admin sessions end SESSION_COOKIE_AGE after sign-in and after SOHOA_SESSION_IDLE_SECONDS
# without a request (cms.accounts.SessionTimeoutMiddleware), and when the browser closes:
# editors share office PCs.
SESSION_COOKIE_AGE = 60 * 60 * int(os.environ.get("SOHOA_SESSION_HOURS", "8"))
SOHOA_SESSION_IDLE_SECONDS = 60 * int(os.environ.get("SOHOA_SESSION_IDLE_MINUTES", "120"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Vietnamese first: the public site and the admin speak Vietnamese.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Vietnamese dates: 25/11/2026 and 14:30 in the admin's listings and date pickers, which parse
# what they show, so d/m/Y comes first among the input formats (Django's default would read
# 05/11/2026 as May 11). Numbers: Django's Vietnamese formats give "1.234,5" where a number is
# formatted for people (`intcomma`, as Wagtail's listings do). USE_THOUSAND_SEPARATOR stays
# off: it would also group every bare {{ number }} in templates — years ("2.026"), page ids in
# data attributes, <progress max> — which must stay plain.
# (Wagtail reads these three as strftime formats: "%d/%m/%Y" is Django's "d/m/Y".)
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
USE_THOUSAND_SEPARATOR = False
# Display formats for "vi" (dd/mm/yyyy, grouping by three): cms/formats/vi/formats.py.
FORMAT_MODULE_PATH = ["cms.formats"]
# Our own catalogue first, then Vietnamese for the Wagtail admin strings Wagtail lacks.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "cms" / "admin_locale"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries are npm dependencies served by the site itself, never from a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/be-vietnam-pro", NODE_MODULES / "@fontsource" / "be-vietnam-pro" / "files"),
    # The e-book reader (library/static/library/reader.js) loads these only when a reader opens.
    # PDF.js's legacy build is transpiled for the older Chrome of cheap Android phones; its
    # CMaps, standard fonts, ICC profiles and wasm decoders are fetched only by PDFs that need them.
    ("vendor/pdfjs", NODE_MODULES / "pdfjs-dist" / "legacy" / "build"),
    ("vendor/pdfjs/cmaps", NODE_MODULES / "pdfjs-dist" / "cmaps"),
    ("vendor/pdfjs/standard_fonts", NODE_MODULES / "pdfjs-dist" / "standard_fonts"),
    ("vendor/pdfjs/iccs", NODE_MODULES / "pdfjs-dist" / "iccs"),
    ("vendor/pdfjs/wasm", NODE_MODULES / "pdfjs-dist" / "wasm"),
    ("vendor/epubjs", NODE_MODULES / "epubjs" / "dist"),
    ("vendor/jszip", NODE_MODULES / "jszip" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Printed QR sheets waiting for download (private: not served as media).
QR_SHEET_DIR = Path(os.environ.get("QR_SHEET_DIR", BASE_DIR / "var" / "qr-sheets"))
# Uploads waiting for an import and the progress of background admin work (cms/jobs.py).
SOHOA_JOB_DIR = Path(os.environ.get("SOHOA_JOB_DIR", BASE_DIR / "var" / "jobs"))

# Wagtail
WAGTAIL_SITE_NAME = "Sohoa"
# The admin must work where only the site is reachable: no call home for new releases.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Nothing from other sites in the admin either: no avatars from gravatar.com (Wagtail's own
# default picture instead), no "what's new" banner linking to Wagtail's English guide.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The public origin printed into QR codes; never taken from the request's host.
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "").rstrip("/")
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "bmp": "jpeg", "webp": "webp"}
# Largest e-book (PDF or EPUB) a book page accepts, in megabytes; decimals allowed.
SOHOA_EBOOK_MAX_MB = float(os.environ.get("SOHOA_EBOOK_MAX_MB", "50"))
# Imports download the e-books and covers a sheet links to (cms/importing/linked_files.py):
# seconds to wait for a server, and whether links to the server's own network (a school's
# intranet file server, 192.168.x.x) may be fetched — off, so a sheet cannot probe the network.
SOHOA_FETCH_TIMEOUT = float(os.environ.get("SOHOA_FETCH_TIMEOUT", "30"))
SOHOA_FETCH_PRIVATE_ADDRESSES = os.environ.get("SOHOA_FETCH_PRIVATE_ADDRESSES", "") == "1"
# Page views and e-book opens (cms/counting.py): counted in memory, written to the daily
# table every SOHOA_COUNT_FLUSH_SECONDS or once SOHOA_COUNT_FLUSH_HITS hits wait, and at exit.
SOHOA_COUNTING = os.environ.get("SOHOA_COUNTING", "true").lower() == "true"
SOHOA_COUNT_FLUSH_SECONDS = float(os.environ.get("SOHOA_COUNT_FLUSH_SECONDS", "10"))
SOHOA_COUNT_FLUSH_HITS = int(os.environ.get("SOHOA_COUNT_FLUSH_HITS", "500"))
WAGTAILDOCS_EXTENSIONS = ["pdf", "epub", "doc", "docx", "xls", "xlsx", "csv", "odt", "txt"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's Elasticsearch 8 backend with a Vietnamese-folding analyzer on every text
            # field, autocomplete included (see search/elasticsearch.py).
            "BACKEND": "search.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            # modelsearch ignores an "INDEX" key: indexes are named INDEX_PREFIX + model, e.g.
            # sohoa_wagtailcore_page, so one server can hold several sites (and the tests').
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX", "sohoa") + "_",
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database"}}

# Maps: OpenStreetMap by default; a province may point to its own tile server.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# Hồ Chí Minh City: the default centre of a new location on the map.
MAP_DEFAULT_CENTRE = {"lat": 10.7769, "lng": 106.7009}
GEO_WIDGET_DEFAULT_LOCATION = MAP_DEFAULT_CENTRE
GEO_WIDGET_ZOOM = 14
# An untouched location stays empty instead of silently taking the default centre.
GEO_WIDGET_EMPTY_LOCATION = True
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS = {"attribution": MAP_TILE_ATTRIBUTION, "maxZoom": 19}

SOHOA_UNIT_NAME = os.environ.get("SOHOA_UNIT_NAME", _("Ho Chi Minh Communist Youth Union"))
WAGTAILADMIN_USER_LOGIN_FORM = "cms.forms.SohoaLoginForm"
