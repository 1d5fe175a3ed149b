"""Settings shared by every environment. Layers below override; secrets come from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from bettertogether.core.shared_data import shared_dir

from .env import env_bool, env_int, env_list, env_proxies, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "bettertogether"
DATA_DIR = Path(env_str("BT_DATA_DIR", BASE_DIR / "data"))
SHARED_DIR = shared_dir()  # ../shared beside the project, or $BT_SHARED_DIR

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # modeltranslation must precede the admin so translated fields show there.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "bettertogether.core",
    "bettertogether.directory",
    "bettertogether.site",
    "bettertogether.positions",
    "bettertogether.outreach",
    "bettertogether.gaps",
    "django_otp",
    # Only for the migration that moved its plaintext devices to support.SealedTOTPDevice.
    "django_otp.plugins.otp_totp",
    "axes",
    "bettertogether.support",
    "bettertogether.program",
    "bettertogether.staff",
]

MIDDLEWARE = [
    # First, so a view failing for want of a database gets the 503 page (core/errors.py).
    "bettertogether.core.errors.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Query strings with control characters (NUL, bidi overrides) are refused before any view.
    "bettertogether.core.text_input.RefuseControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bettertogether.support.middleware.IdleTimeoutMiddleware",
    "bettertogether.support.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

# Staff areas that case workers, coordinators and administrators (support.permissions.
# needs_second_factor) enter only after the second factor (the case desk checks it too).
# Any language prefix, "en" or "zh-hans": a longer code must not lead around the second factor.
_LANGUAGE_PREFIX = r"^/[a-z]{2,3}(?:-[a-z]{2,4})?/"
BT_STAFF_PATH_PATTERNS = [
    r"^/admin/",
    _LANGUAGE_PREFIX + "manage/",
    _LANGUAGE_PREFIX + "events/manage/",
    _LANGUAGE_PREFIX + "resources/manage/",
    _LANGUAGE_PREFIX + "gaps/",
    _LANGUAGE_PREFIX + "staff/",
    _LANGUAGE_PREFIX + "positions/(?:imports|review)/",
    # The program office: everything below the public program page (results, agreements, reports),
    # except the public list of calls for proposals and each call's public page.
    _LANGUAGE_PREFIX + r"program/(?!$|calls/$|calls/(?!office/|new/)[-\w]+/$)",
    # The case desk, except the pages where the code is set up and entered.
    _LANGUAGE_PREFIX + "support/(?!sign-in/code/)",
]

ROOT_URLCONF = "bettertogether.urls"
WSGI_APPLICATION = "bettertogether.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "bettertogether.core.context_processors.platform",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'bettertogether.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # A connection the server dropped (restart, failover) is noticed and replaced at the next request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: readers never wait for a writer. A writer waits for another up to 20 s (busy timeout)
    # instead of failing at once, and takes the write lock as its transaction begins (IMMEDIATE), so
    # two transactions never deadlock upgrading their read locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
# Every sign-in lands on the role-aware staff home (a safe `next` wins).
LOGIN_REDIRECT_URL = "staff:home"
# django-axes counts failed sign-ins; its backend must come first. One client is already stopped
# after core.auth_views.LOGIN_LIMIT (10) tries by the rate limiter; axes locks an account (and an
# address) after one failure more, from however many addresses the guesses come.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 11)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
# Lock an account after repeated failures from anywhere, and an address after repeated failures on any account.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
# The client's address as the trusted proxies report it (core.ratelimit.client_address), like everywhere else.
AXES_CLIENT_IP_CALLABLE = "bettertogether.core.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
PASSWORD_RESET_TIMEOUT = 3600
# Signed-in staff are signed out after this long without a request (support/middleware.py).
BT_IDLE_TIMEOUT_SECONDS = env_int("BT_IDLE_TIMEOUT_SECONDS", 3600)
# Case desk (support app): field-encryption keys, separate from SECRET_KEY (comma-separated Fernet
# keys, the first encrypts); days after closing before a case is anonymized; re-authentication window.
BT_FIELD_KEYS = env_list("BT_FIELD_KEYS", [])
BT_CASE_RETENTION_DAYS = env_int("BT_CASE_RETENTION_DAYS", 365)
BT_REAUTH_SECONDS = 300
# Staff invitations (staff app): how long an invitation link works.
BT_INVITATION_HOURS = env_int("BT_INVITATION_HOURS", 72)
OTP_TOTP_ISSUER = "Better Together"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Django ships no Tagalog locale: declare it so /tl/ URLs resolve.
LANG_INFO["tl"] = {"bidi": False, "code": "tl", "name": "Tagalog", "name_local": "Tagalog"}
LANGUAGE_CODE = "en"
# The interface languages (URL prefixes), each named in itself. Content (service names, events…)
# is stored in the first four only (MODELTRANSLATION_LANGUAGES); the others show it in English.
# Chinese (simplified), Hindi, Korean and Thai cover the public pages; staff pages show English.
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("tl", "Tagalog"),
    ("zh-hans", "简体中文"),
    ("hi", "हिन्दी"),
    ("ko", "한국어"),
    ("th", "ไทย"),
]
# Project-level catalogue (templates/, settings); each app's own locale/ is found by Django itself.
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
# Named formats of our own (event times), in each language's word order.
FORMAT_MODULE_PATH = ["bettertogether.core.formats"]
USE_TZ = True
TIME_ZONE = "America/Halifax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es", "tl")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"

# Uploads: nothing large is ever held in memory, and nothing over the limit is accepted.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
BT_MAX_UPLOAD_BYTES = env_int("BT_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)

# Reverse proxies trusted to report the client's address in X-Forwarded-For: a count of proxies in
# front, or their addresses/networks (CIDR), comma-separated; unset, the header is ignored. Used by the
# rate limits, the API throttle, django-axes and the audit log alike (core/ratelimit.py).
BT_TRUSTED_PROXIES = env_proxies("BT_TRUSTED_PROXIES")

# The shared cache holds rate-limit and throttle counts. Redis when REDIS_URL is set (every worker
# shares it, counts are atomic); otherwise a per-process memory cache here, the database cache in
# production (settings/production.py).
REDIS_URL = env_str("REDIS_URL", "")
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": "bt",
    "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
}
CACHES = {
    "default": REDIS_CACHE
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bettertogether"}
}

# Map tiles are the one third-party host public pages may call.
BT_TILE_URL = env_str("BT_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# load_demo imports the seed-period LMIA files shipped in positions/demo/ (the map out of the box). The test
# settings turn it off: the tests that need those rows import them once per module.
BT_DEMO_SEED_LMIA = env_bool("BT_DEMO_SEED_LMIA", True)
# Street tiles are asked for only when a visitor zooms in to this level or switches them on; below it,
# and on page load, the maps draw the offline basemap from this host (core/basemap.py).
BT_TILE_MIN_ZOOM = env_int("BT_TILE_MIN_ZOOM", 11)
BT_TILE_ATTRIBUTION = env_str(
    "BT_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
BT_LMIA_DIR = Path(env_str("BT_LMIA_DIR", BASE_DIR / "data" / "lmia"))
# CKAN action API of the open data portal (fetch_lmia).
BT_OPEN_DATA_URL = env_str("BT_OPEN_DATA_URL", "https://open.canada.ca/data/api/3/action/")
BT_PROGRAM_EMAIL = env_str("BT_PROGRAM_EMAIL", "program@example.org")
# Outreach: attendee data is deleted this many days after an event (purge_expired); resource uploads' limit.
BT_ATTENDEE_RETENTION_DAYS = env_int("BT_ATTENDEE_RETENTION_DAYS", 30)
BT_RESOURCE_MAX_BYTES = env_int("BT_RESOURCE_MAX_BYTES", 10 * 1024 * 1024)
# Contact form: messages per IP hash per hour.
BT_CONTACT_RATE = env_int("BT_CONTACT_RATE", 5)
# Contact messages kept (sealed) because mail failed are deleted after this many days.
BT_CONTACT_KEPT_DAYS = env_int("BT_CONTACT_KEPT_DAYS", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@example.org")


def _tile_origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}.', '*.')}"


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _tile_origin(BT_TILE_URL)],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Staff sessions on shared office computers: the cookie ends with the browser; the server forgets a
# session 8 hours after its last change, and support/middleware.py ends it 8 hours after signing in.
BT_SESSION_MAX_SECONDS = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = BT_SESSION_MAX_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # Counted per client (BT_TRUSTED_PROXIES) and atomically in the shared cache.
    "DEFAULT_THROTTLE_CLASSES": ["bettertogether.core.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("BT_API_RATE", "600/minute")},
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Better Together API",
    "DESCRIPTION": _("Service directory (HSDS 3.0) and map data for migrant workers in the Maritimes."),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# One JSON object per line on standard error, every record through one filter that removes reset
# and cancellation tokens, query strings and client addresses (core/logs.py). Django's request log
# and runserver's access log go through the same handler; gunicorn's through gunicorn.conf.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "bettertogether.core.logs.RedactFilter"}},
    "formatters": {"json": {"()": "bettertogether.core.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (console when DEBUG, runserver's) replaced by ours.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        # django-axes announces itself ("AXES: BEGIN …") at INFO on every start; its warnings still show.
        "axes.apps": {"level": "WARNING"},
    },
}
