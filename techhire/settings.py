"""
Settings for the Reboot El Paso TechHire portal.

Everything that differs between a laptop, CI and production is read from the
environment (or a `.env` file) through django-environ; `.env.example` documents
every variable. With nothing set, the portal refuses to start: production mode
is the default and needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS. `make run`
sets DJANGO_DEBUG=true for the embedded default (SQLite, eager tasks, console email).
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env fills in what the real environment leaves unset (tests switch this off).
if env.bool("DJANGO_READ_DOT_ENV", default=True):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Served over HTTPS (production): secure cookies, HSTS, redirects, https links in emails.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-key-for-local-development-only")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    # No defaults on purpose: production refuses to start without them.
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_htmx",
    "csp",
    "apps.core",
    "apps.accounts",
    "apps.notifications",
    "apps.audit",
    "apps.skills",
    "apps.seekers",
    "apps.trainings",
    "apps.employers",
    "apps.partners",
    "apps.matching",
    "apps.goals",
    "apps.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped (with Django's BREACH mitigation); static files never reach it: whitenoise,
    # above, answers them with its own Brotli/gzip copies.
    "django.middleware.gzip.GZipMiddleware",
    "apps.core.middleware.PrivateResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "apps.core.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.accounts.middleware.StaffMFAMiddleware",
    "apps.accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "apps.core.middleware.FormErrorStatusMiddleware",
    "csp.middleware.CSPMiddleware",
    "apps.core.middleware.MethodNotAllowedPageMiddleware",
    # Last, so its 413 page gets every header above; still before anything reads the body
    # (the CSRF check reads request.POST in process_view, which runs after every middleware).
    "apps.core.middleware.RequestSizeLimitMiddleware",
]

ROOT_URLCONF = "techhire.urls"
WSGI_APPLICATION = "techhire.wsgi.application"

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
                "apps.accounts.context_processors.portal",
                "apps.notifications.context_processors.inbox",
            ],
        },
    },
]

FORM_RENDERER = "apps.core.forms.USWDSFormRenderer"

# ---------------------------------------------------------------------------
# Database, cache, Celery
# ---------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default: matching's covering index (INCLUDE columns, a PostgreSQL
    # speed-up) is an ordinary index on SQLite; the same rows come back, so `make run`
    # need not greet a newcomer with the warning.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "techhire",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Reliability settings (DESIGN.md, "Celery"); tests/test_celery_config.py holds them to it.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task not acknowledged within this window is handed to another worker. Retry delays
# (countdown) must stay well under half of it, or Redis redelivers a task still waiting.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_DEFAULT_RETRY_DELAY = 30
# Exponential backoff for transient failures stops growing here (seconds).
TASK_RETRY_BACKOFF_MAX = 600
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "America/Denver"
# The beat schedule lives in code (one beat process runs it). Times are Mountain Time.
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {
        # Re-enqueue notifications whose broker message was lost or whose worker died.
        "task": "notifications.sweep",
        "schedule": 60.0,
    },
    "notifications-daily-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ("daily",),
    },
    "employers-expire-jobs": {
        # Jobs past their closing date never show as open; this also closes them for good.
        "task": "employers.expire_jobs",
        "schedule": crontab(hour=0, minute=5),
    },
    "employers-refresh-search-facets": {
        # The job search's facet counts; publications and closings also recount (debounced).
        "task": "employers.refresh_search_facets",
        "schedule": crontab(minute=35),
    },
    "trainings-refresh-catalog-facets": {
        "task": "trainings.refresh_catalog_facets",
        "schedule": crontab(minute=40),
    },
    "employers-remind-outcomes": {
        "task": "employers.remind_unreported_outcomes",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
    },
    "employers-remind-unverified-hires": {
        "task": "employers.remind_unverified_hires",
        "schedule": crontab(hour=8, minute=30),
    },
    "partners-event-reminders": {
        # The day before an event, everyone with a seat gets a reminder.
        "task": "partners.send_event_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "partners-refresh-referral-stages": {
        # Catches what no domain event announces (a profile completed).
        "task": "partners.refresh_referral_stages",
        "schedule": crontab(minute=15),
    },
    "matching-reindex-open-jobs": {
        # Matching's index of open jobs by skill, rebuilt after the night's expiries; the
        # job_published / job_closed events keep it current during the day.
        "task": "matching.reindex_open_jobs",
        "schedule": crontab(hour=0, minute=10),
    },
    "goals-nightly-snapshots": {
        # Today's snapshot of every goal; verifications also trigger one (debounced).
        "task": "goals.refresh_goal_snapshots",
        "schedule": crontab(hour=0, minute=20),
    },
    "notifications-weekly-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ("weekly",),
    },
}

# ---------------------------------------------------------------------------
# Accounts: custom user, allauth, MFA
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "apps.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Reboot El Paso] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
# A session left open on a shared computer must not hand an account over: managing its email
# addresses or setting a password where there was none (allauth's own pages), downloading
# one's data and deleting an account without a password ask the person to confirm it is
# them (password, emailed code or authenticator code) unless they did in the last few
# minutes (docs/security.md, "Sessions").
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# allauth's rate limits stay on (its defaults); they are counted in the cache above.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
}

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Reboot El Paso"
# Staff must set up an authenticator app before any staff page or the admin opens.
# Always on in production; the embedded demo may switch it off for the demo staff login.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=not DEBUG)

# Sessions (docs/security.md, "Sessions"). Everyone's session lasts Django's two weeks
# (SESSION_COOKIE_AGE) unless they sign out; a staff session ends after this many hours
# without a request (accounts.middleware.StaffSessionMiddleware).
STAFF_SESSION_IDLE_HOURS = env.int("STAFF_SESSION_IDLE_HOURS", default=9)
# Verifying a hire and approving or withdrawing an organization need an authenticator code
# from the last this many minutes (with STAFF_MFA_REQUIRED; accounts.permissions).
STAFF_FRESH_MFA_MINUTES = env.int("STAFF_FRESH_MFA_MINUTES", default=15)
# Everyone sees where they are signed in and can sign out everywhere else (allauth's user
# sessions, at accounts/sessions/). Tracking each request's time and address would write to
# the database on every request, so the list shows when and where each session began.
USERSESSIONS_TRACK_ACTIVITY = False

# The admin sits at an unguessable-ish path in production; override with DJANGO_ADMIN_URL.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/")

# Notifications outbox (apps/notifications).
NOTIFICATION_BATCH_SIZE = 100  # notifications one delivery task sends over one SMTP connection
# A row claimed for sending longer ago than this is taken as abandoned by a dead worker.
# Must exceed the task's hard time limit; tests shorten it to kill workers quickly.
NOTIFICATION_SENDING_LEASE = env.int("NOTIFICATION_SENDING_LEASE", default=300)
NOTIFICATION_MAX_ATTEMPTS = 6
# The sweep leaves pending rows younger than this to the enqueue that follows their commit.
NOTIFICATION_SWEEP_GRACE = env.int("NOTIFICATION_SWEEP_GRACE", default=60)
# A worker's SMTP connection idle for longer than this is checked (NOOP) before reuse.
NOTIFICATION_SMTP_IDLE_CHECK = 10
# The most messages per second all workers together send (0 = no cap): set it to what the
# mail relay accepts. Held in Redis across worker processes (apps/notifications/sendrate.py).
NOTIFICATION_MAX_RATE = env.float("NOTIFICATION_MAX_RATE", default=0)
# After a relay's throttling reply (SMTP 421, 450, 451, 452, 454) every worker pauses this
# many seconds; the message waits without the attempt counting against it.
NOTIFICATION_THROTTLE_PAUSE = env.int("NOTIFICATION_THROTTLE_PAUSE", default=60)
UNSUBSCRIBE_TOKEN_MAX_AGE = 60 * 60 * 24 * 180  # one-click links work for 180 days

# How long an emailed teammate invitation stays valid.
INVITATION_MAX_AGE_DAYS = 14

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
# A hung SMTP server must not hold a worker until the task's hard time limit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Reboot El Paso <no-reply@rebootelpaso.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in emails are built from this, since a task has no request to ask.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# How people reach the board: the contact page, and every page that says "contact us".
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="techhire@rebootelpaso.example.org")
CONTACT_PHONE = env.str("CONTACT_PHONE", default="(915) 555-0100")
CONTACT_ADDRESS = env.str(
    "CONTACT_ADDRESS", default="300 E. Main Dr., Suite 800, El Paso, TX 79901"
)
# Where to report a security problem (README "Security and privacy"; /.well-known/security.txt
# and the contact page). The default is a placeholder on the example domain: set the real one.
SECURITY_CONTACT_EMAIL = env.str(
    "SECURITY_CONTACT_EMAIL", default="security@rebootelpaso.example.org"
)

# ---------------------------------------------------------------------------
# Internationalisation
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numbers and money in one style in both languages ("$48,000", "$600.50"): techhire/formats.
FORMAT_MODULE_PATH = ["techhire.formats"]
TIME_ZONE = "America/Denver"  # El Paso keeps Mountain Time.
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "techhire_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# ---------------------------------------------------------------------------
# Static files: USWDS, htmx and Chart.js come from node_modules (npm ci), never from git.
# `npm run build` compiles the portal's USWDS theme (static/scss/) into static/dist/ and copies
# there the fonts, images and scripts used from those packages; static/dist/ is git-ignored.
# ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Resumes and other personal files: outside MEDIA_ROOT, served only by views that check
# permission (django-storages' S3 backend can take this alias when scaling out).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# Request bodies (docs/security.md, "Upload limits"). The largest file a form takes is a
# resume (5 MB, apps/seekers); a referrals CSV is 2 MB. A multipart body may be that plus the
# form's other fields; core.middleware.RequestSizeLimitMiddleware answers 413 from the
# Content-Length above these, before the body is read. Put the same limit (or a little more)
# on the proxy in front: client_max_body_size 8m (nginx), request_body max_size 8MB (Caddy).
UPLOAD_MAX_FILE_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)  # fields other than files (Django's default)
UPLOAD_MAX_REQUEST_SIZE = UPLOAD_MAX_FILE_SIZE + DATA_UPLOAD_MAX_MEMORY_SIZE
# An upload larger than this is streamed to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# ---------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"
# Browser features no page of the portal uses, off for every page and anything it embeds
# (core.middleware.PrivateResponseMiddleware, which also marks every response to a signed-in
# person `Cache-Control: private, no-store`). An empty list is `feature=()`: nobody.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# No inline scripts or styles anywhere: every script and stylesheet is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# ---------------------------------------------------------------------------
# Logging: plain lines to stderr; the platform collects them.
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # pypdf reports every repair it makes while reading an uploaded resume; refusing one is
    # the upload form's business (apps/seekers/pdf.py), not the log's.
    "loggers": {"pypdf": {"level": "ERROR"}},
}

# Hire verifications within this many seconds share one goal-snapshot recompute.
GOALS_REFRESH_DELAY_SECONDS = env.int("GOALS_REFRESH_DELAY_SECONDS", default=30)

# Program facts shown in the UI; the goal itself is a model of the goals app.
PORTAL_NAME = "Reboot El Paso"
