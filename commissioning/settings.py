"""Settings, read from the environment (see README and .env.example).

With nothing set the project runs on a laptop: SQLite, Celery tasks eager and
in-process, email printed to the console, DEBUG on. Production and CI set
DATABASE_URL, CELERY_BROKER_URL and EMAIL_URL.
"""

from pathlib import Path

import environ
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="") or "insecure-development-key-do-not-use-in-production"
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    missing = [name for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)) if not value]
    if missing:
        raise ImproperlyConfigured(
            "DEBUG is off, so these environment variables must be set: " + ", ".join(missing) + ". See .env.example."
        )
    # A short key or the example's placeholder signs sessions and password-reset links that can be forged.
    secret_key_min_length = 50
    secret_key_placeholder = "change-me-to-a-long-random-string"  # noqa: S105 (the value refused)
    if secret_key_placeholder == SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is still the placeholder from .env.example. Set it to a long random string: "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    if len(SECRET_KEY) < secret_key_min_length:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be at least {secret_key_min_length} characters long (it has {len(SECRET_KEY)}). "
            'Make one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )

PARTNERSHIP_NAME = env("PARTNERSHIP_NAME", default="Local Strategic Partnership")
# Where links in emails point, e.g. https://commissioning.example.org. Unset: the address the
# browser used for the request that caused the email (commissioning/common/links.py).
SITE_URL = env("SITE_URL", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_forms_gds",
    "django_htmx",
    "django_filters",
    "django_tables2",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "commissioning",
    "priorities",
    "proposals",
    "panels",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: a body larger than MAX_REQUEST_BYTES is refused unread.
    "commissioning.common.request_size.RequestSizeLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "commissioning.common.links.RequestBaseUrlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "commissioning.common.caching.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "commissioning.accounts.middleware.RequireOfficerTwoFactorMiddleware",
]

ROOT_URLCONF = "commissioning.urls"
WSGI_APPLICATION = "commissioning.wsgi.application"

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
                "commissioning.accounts.context_processors.partnership",
            ],
            "libraries": {"commissioning_tags": "commissioning.common.templatetags"},
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Opening a connection per request costs more than the work of a vote.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Statements that run on every vote are prepared once per connection (commissioning/common/db.py).
    # Turn off behind a connection pooler that cannot keep prepared statements.
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
    # PostgreSQL's JIT compiler spends about a second compiling a list's per-row sums before it runs them,
    # many times what the query itself takes: the application's queries are short, so it stays off.
    if not env.bool("DATABASE_JIT", default=False):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    if env("TEST_DATABASE_NAME", default=""):
        DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}
else:
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "commissioning.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Client addresses and limits per client --------------------------------------------------------
# The number of reverse proxies in front of the site that append the client's address to
# X-Forwarded-For. 0 (the default): the header is ignored and REMOTE_ADDR is the client
# (commissioning/common/client.py). Set it to 1 behind one proxy such as nginx.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Failures are counted per account (wrong passwords), per browser and account and per join code
# (wrong join codes), and per client address with a limit high enough for a room of 200 on one
# network: a venue's Wi-Fi.
SIGN_IN_FAILURES_PER_ACCOUNT = env.int("SIGN_IN_FAILURES_PER_ACCOUNT", default=5)
JOIN_CODE_FAILURES_PER_BROWSER = env.int("JOIN_CODE_FAILURES_PER_BROWSER", default=10)
JOIN_CODE_FAILURES_PER_CODE = env.int("JOIN_CODE_FAILURES_PER_CODE", default=10)
FAILURES_PER_CLIENT = env.int("FAILURES_PER_CLIENT", default=400)
SIGN_INS_PER_CLIENT_PER_MINUTE = env.int("SIGN_INS_PER_CLIENT_PER_MINUTE", default=600)
# --- end of client addresses ----------------------------------------------------------------------

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: email is the login; verification by email; login attempts rate-limited.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    # A room of people signing in at once shares one address: the limits per client are the room's,
    # and wrong passwords lock only the account they were tried on (see "Client addresses" below).
    "login": f"{SIGN_INS_PER_CLIENT_PER_MINUTE}/m/ip",
    "login_failed": f"{FAILURES_PER_CLIENT}/10m/ip,{SIGN_IN_FAILURES_PER_ACCOUNT}/5m/key",
}
ACCOUNT_ADAPTER = "commissioning.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    name: f"commissioning.accounts.forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
    }.items()
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PARTNERSHIP_NAME}] "  # the adapter puts the person's partnership there
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = PARTNERSHIP_NAME  # for a person of no partnership, or of several
MFA_ADAPTER = "commissioning.accounts.adapters.MFAAdapter"
# When on, an officer must set up two-factor authentication before using officer pages.
REQUIRE_OFFICER_2FA = env.bool("REQUIRE_OFFICER_2FA", default=False)

LANGUAGE_CODE = "en-gb"
# British English only, whatever a browser asks for: a phone set to US English still reads
# "11 November 2026, 10:08" (the formats in commissioning/formats/en_GB), never "Nov. 11, 2026, 10:08 a.m.".
LANGUAGES = [("en-gb", "English")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["commissioning.formats"]

STATIC_URL = "static/"
# Where collectstatic writes (bin/build-static) and whitenoise serves from.
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Documents are private: outside MEDIA_ROOT, never served by a URL of their own, only through views
# that check permission. Any Django storage without public URLs can replace this (S3 with private ACLs).
PRIVATE_STORAGE_ROOT = env("PRIVATE_STORAGE_ROOT", default=str(BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {"BACKEND": "commissioning.common.storage.PrivateFileStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from this site only; no
# inline script or event handler. Style attributes stay allowed for the bar charts' widths.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "style-src-attr": [csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "base-uri": [csp.SELF],
        "object-src": [csp.NONE],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# GOV.UK classes for the inputs crispy-forms-gds does not style by itself.
CRISPY_CLASS_CONVERTERS = {
    "numberinput": "govuk-input",
    "urlinput": "govuk-input",
    "dateinput": "govuk-input",
    "datetimeinput": "govuk-input",
    "timeinput": "govuk-input",
    "selectmultiple": "govuk-select",
}

# Uploads: CSV imports are small; anything larger is refused with a message.
CSV_IMPORT_MAX_BYTES = env.int("CSV_IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
# Mailing-list sign-ups: at most this many an hour are acted on for one email address, and accepted
# from one client address (a venue's Wi-Fi counts as one client).
MAILING_SIGNUPS_PER_ADDRESS_PER_HOUR = env.int("MAILING_SIGNUPS_PER_ADDRESS_PER_HOUR", default=5)
MAILING_SIGNUPS_PER_CLIENT_PER_HOUR = env.int("MAILING_SIGNUPS_PER_CLIENT_PER_HOUR", default=30)
# A file with more rows than this is imported by a background task while its page shows progress.
CSV_IMPORT_IN_REQUEST_MAX_ROWS = env.int("CSV_IMPORT_IN_REQUEST_MAX_ROWS", default=500)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Request size -----------------------------------------------------------------------------------
# A request whose body is larger than this is answered 413 before it is read
# (commissioning/common/request_size.py); 0 turns the check off. Form fields and files in memory
# are limited to the same size at most.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=10 * 1024 * 1024)
if MAX_REQUEST_BYTES:
    DATA_UPLOAD_MAX_MEMORY_SIZE = min(DATA_UPLOAD_MAX_MEMORY_SIZE, MAX_REQUEST_BYTES)
    FILE_UPLOAD_MAX_MEMORY_SIZE = min(FILE_UPLOAD_MAX_MEMORY_SIZE, MAX_REQUEST_BYTES)
# A proposal's attachment may hold this much; its upload page accepts a body a little larger (the
# file and the form around it), however low MAX_REQUEST_BYTES is set.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# --- end of request size --------------------------------------------------------------------------

# Email: console on a laptop, SMTP when EMAIL_URL is set.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="commissioning@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache ------------------------------------------------------------------------------------------
# Counters that must be shared by every web worker (sign-in rate limits, wrong join codes) live in
# the cache: Redis when CACHE_URL is set, as in production; memory of this one process otherwise.
# Use a Redis database of its own (redis://host:6379/1), not the broker's. While Redis cannot be
# reached the counters fall back to each process's memory and the failure is logged
# (commissioning/common/cache.py); a connection is given up after CACHE_TIMEOUT_SECONDS.
if env("CACHE_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "commissioning.common.cache.FallbackRedisCache",
            "LOCATION": env("CACHE_URL"),
            "KEY_PREFIX": "commissioning",
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_TIMEOUT_SECONDS", default=1.0),
                "socket_timeout": env.float("CACHE_TIMEOUT_SECONDS", default=1.0),
            },
        }
    }
# --- end of cache ---------------------------------------------------------------------------------

# Celery: eager in-process without a broker; Redis in production and CI.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"  # nothing is sent through it: eager tasks only ask it for a serializer
# The broker's queues and the cache's counters live in separate Redis databases: flushing the cache
# must never drop queued tasks.
if CELERY_BROKER_URL and env("CACHE_URL", default="") == CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "CACHE_URL and CELERY_BROKER_URL name the same Redis database; give each its own (e.g. /1 and /0)."
    )
CELERY_TASK_EAGER_PROPAGATES = False
# Without a broker, slow tasks (PDFs, long imports) are left to `manage.py run_background_work`
# rather than run inside the request that queued them (commissioning/common/queue.py).
RUN_SLOW_TASKS_IN_PROCESS = env.bool("RUN_SLOW_TASKS_IN_PROCESS", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queueing must not hang a request while the broker is down: the sweeps catch up later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "send-pending-email": {
        "task": "commissioning.send_pending_email",
        "schedule": env.float("EMAIL_SWEEP_SECONDS", default=60.0),
    },
    # Imports uploaded while the broker was down, or whose worker died.
    "run-waiting-imports": {
        "task": "commissioning.run_waiting_imports",
        "schedule": 60.0,
    },
    "render-pending-documents": {
        "task": "commissioning.render_pending_documents",
        "schedule": 300.0,
    },
    # Announcements recorded while the broker was down are picked up like pending email.
    "fan-out-pending-announcements": {
        "task": "priorities.fan_out_pending_announcements",
        "schedule": 60.0,
    },
    # Exports of the proposal list asked for while the broker was down, or whose worker died.
    "run-waiting-exports": {
        "task": "proposals.run_waiting_exports",
        "schedule": 60.0,
    },
    # Panel meetings starting one to two days from now are reminded once (each run finds the new ones).
    "send-meeting-reminders": {
        "task": "panels.send_meeting_reminders",
        "schedule": 3600.0,
    },
    # Award and decline letters whose task never ran (the broker was down) or stopped short.
    "make-unfinished-letters": {
        "task": "panels.make_unfinished_letters",
        "schedule": 300.0,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS])

SILENCED_SYSTEM_CHECKS = []
