"""Django settings, read once from the environment at start-up.

Development (the default) uses SQLite in a data folder and a fixed development key. Production
(`EAISM_ENV=production`) refuses to start without a real secret key and turns on secure
cookies and HSTS. PostgreSQL is used when `DATABASE_URL` is set.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from eaism.limits import limits_from
from eaism.web.config import database_settings, positive_number, secret_key
from eaism.web.sso.provider import environment_provider

BASE_DIR = Path(__file__).resolve().parent
ENVIRONMENT = os.environ.get("EAISM_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DATA_DIR = Path(os.environ.get("EAISM_DATA_DIR", Path.cwd() / "eaism-data"))

SECRET_KEY = secret_key(os.environ.get("EAISM_SECRET_KEY", ""), PRODUCTION)
DEBUG = os.environ.get("EAISM_DEBUG", "") == "1" and not PRODUCTION
ALLOWED_HOSTS = os.environ.get("EAISM_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(
    ","
)
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("EAISM_TRUSTED_ORIGINS", "").split(",") if origin
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "axes",
    "eaism.web.accounts",
    "eaism.web.organisations",
    "eaism.web.assessments",
    "eaism.web.audit",
    "eaism.web.outbox",
    "eaism.web.sso",
    "eaism.web.provisioning",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "eaism.web.security.ContentSecurityPolicyMiddleware",  # before WhiteNoise, so static files get it too
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eaism.web.urls"
WSGI_APPLICATION = "eaism.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": database_settings(
        os.environ.get("DATABASE_URL", ""), DATA_DIR, dj_database_url.parse
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "eaism.web.accounts.backends.EmailBackend",
    "eaism.web.sso.backend.SignInBackend",  # finds the account of a single sign-on session
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Failures are counted per normalised address: "Owner@X" and "owner@x" share their five tries.
AXES_USERNAME_CALLABLE = "eaism.web.accounts.backends.throttled_username"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "eaism.web.error_pages.csrf_failure"  # a 403 in the site's layout
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
# The __Host- prefix makes browsers refuse these cookies unless they are secure, for this host
# only and for the whole site, so a subdomain cannot plant or read them (HTTPS only: production).
SESSION_COOKIE_NAME = "__Host-sessionid" if PRODUCTION else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if PRODUCTION else "csrftoken"
SECURE_SSL_REDIRECT = PRODUCTION and os.environ.get("EAISM_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
X_FRAME_OPTIONS = "DENY"

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_BYTES = int(os.environ.get("EAISM_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
# What one uploaded sheet may hold once read: rows, cells, unpacked XLSX size (docs/web.md).
READER_LIMITS = limits_from(os.environ)

EMAIL_BACKEND = os.environ.get(
    "EAISM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EAISM_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EAISM_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EAISM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EAISM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EAISM_EMAIL_TLS", "") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EAISM_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("EAISM_EMAIL_FROM", "eaism@localhost")

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = not PRODUCTION

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

# Background work (e-mail, reminders, closing rounds) runs in `eaism worker`, or in the worker
# that `eaism serve` starts beside the web workers; the queue is a table in the same database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EAISM_INVITATION_DAYS = int(os.environ.get("EAISM_INVITATION_DAYS", "30"))
# An API token's lifetime; a token is refused (401) once it has expired.
EAISM_TOKEN_DAYS = positive_number("EAISM_TOKEN_DAYS", os.environ.get("EAISM_TOKEN_DAYS", "90"))
# A message left in `sending` this long is taken to be abandoned by a stopped worker and sent
# again; longer than EMAIL_TIMEOUT, so a slow server is never mistaken for a stopped worker.
EAISM_OUTBOX_LEASE_SECONDS = int(os.environ.get("EAISM_OUTBOX_LEASE_SECONDS", "120"))
# Single sign-on for one organisation from EAISM_OIDC_* variables (docs/single-sign-on.md).
EAISM_OIDC = environment_provider(os.environ)
EAISM_BASE_URL = os.environ.get("EAISM_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

EAISM_MIN_GROUP_SIZE = int(os.environ.get("EAISM_MIN_GROUP_SIZE", "5"))
EAISM_EDITION = os.environ.get("EAISM_EDITION", "2026.1")
EAISM_CACHE_DIR = os.environ.get("EAISM_CACHE_DIR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
