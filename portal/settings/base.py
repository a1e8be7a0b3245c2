"""Settings shared by every environment.

Everything that varies between machines comes from environment variables; see README.md.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch the admin forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "simple_history",
    "import_export",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "portal.apps.PortalConfig",
    "partners",
    "events",
    "applications",
    "public",
]

MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    # Reads the content version once per request, before any cache or data (see portal.cache).
    "portal.cache.ContentVersionMiddleware",
    # Whole public pages come from the cache (see portal.cache): first and last of the chain.
    "portal.middleware.PageCacheMiddleware",
    # Compresses pages (with Django's BREACH mitigation); the cache keeps each encoding apart.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ReuseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Old addresses of renamed projects, territories and pairs answer 301, with or without a query
    # string (see public.permalinks).
    "public.permalinks.PermalinkFallbackMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "portal.middleware.PageFetchMiddleware",
]

# Every key carries the content version, which database triggers raise on any change to the content
# (portal.cache): whatever the backend, no worker serves a page older than the last change once it has
# read the version (at most CONTENT_VERSION_SECONDS later). Redis when REDIS_URL is set (shared by
# every worker of every machine; when it fails, pages are served uncached, see
# portal.cache_backends), otherwise each process keeps its own copies in memory.
CONTENT_VERSION_SECONDS = float(os.environ.get("CONTENT_VERSION_SECONDS", "0.5"))
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
CACHES = {
    "default": (
        {
            "BACKEND": "portal.cache_backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_FUNCTION": "portal.cache.make_key",
            # A stopped or frozen Redis costs at most these delays, then is left alone for DOWN_SECONDS.
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
            "DOWN_SECONDS": float(os.environ.get("REDIS_DOWN_SECONDS", "2")),
        }
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "portal.cache.make_key",
            # Pages, facet counts and one card per project and language share it (Django's default
            # of 300 would let a crawler's pages push the cards out): at most ~200 MB per process.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
# How long the server keeps a whole page (browsers revalidate each time: portal.middleware).
CACHE_MIDDLEWARE_SECONDS = int(os.environ.get("CACHE_SECONDS", "600"))
CACHE_MIDDLEWARE_KEY_PREFIX = "page"
# How long a CDN or shared proxy in front may serve a page without asking (s-maxage); 0: never.
CDN_MAX_AGE = int(os.environ.get("CDN_MAX_AGE", "0"))

# Content-Security-Policy (django-csp 4): no inline script anywhere, everything from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one user from one address lock that pair out for an hour: never the account
# alone, so that nobody can lock a colleague out from elsewhere. Behind the reverse proxy the address
# is the client's, read from X-Forwarded-For as written by the proxies listed in TRUSTED_PROXIES
# (addresses or networks, comma-separated; see portal.proxy and the README). Without it, requests
# are taken at their REMOTE_ADDR.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.proxy.client_ip"
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Only staff have sessions. One left idle for STAFF_IDLE_MINUTES ends: each request pushes the
# expiry forward, so an unattended admin tab signs itself out.
SESSION_COOKIE_AGE = 60 * int(os.environ.get("STAFF_IDLE_MINUTES", "30"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Imports are all or nothing: one bad row and nothing is written.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Spreadsheet imports (events.imports): up to this many rows the import runs while staff wait,
# beyond it on the task queue.
IMPORT_INLINE_ROWS = int(os.environ.get("IMPORT_INLINE_ROWS", "30"))
# A partner, place or theme shared by more projects than this has their search text and places
# refreshed by the task queue after the save rather than inside it (events.services.source_changed).
DERIVED_INLINE_PROJECTS = int(os.environ.get("DERIVED_INLINE_PROJECTS", "500"))

SITE_ID = 1
# The public host name: written into the Site row at every `migrate` (sitemaps, feeds, redirects use it).
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "127.0.0.1:8000")

# Who publishes and hosts the portal, for the legal notice, the accessibility statement and the
# personal data page. The defaults name the Year's French coordinator; a value the operator has not
# set is shown on those pages marked "to be confirmed by the operator", with the variable to set.
LEGAL_DEFAULTS = {
    "PUBLISHER_NAME": "Ministère de l’Europe et des Affaires étrangères – Délégation pour l’action "
    "extérieure des collectivités territoriales (DAECT)",
    "PUBLISHER_ADDRESS": "57 boulevard des Invalides, 75007 Paris, France",
    "PUBLICATION_DIRECTOR": "Délégué pour l’action extérieure des collectivités territoriales",
    "HOST_NAME": "",
    "HOST_ADDRESS": "",
    "CONTACT_EMAIL": "",
    "DATA_PROTECTION_EMAIL": "",
}
LEGAL = {name: os.environ.get(name, "").strip() or default for name, default in LEGAL_DEFAULTS.items()}
# The date of the accessibility statement (RGAA): when the checks it reports were last made.
ACCESSIBILITY_STATEMENT_DATE = os.environ.get("ACCESSIBILITY_STATEMENT_DATE", "2026-11-30")
LEGAL_TO_CONFIRM = sorted(name for name in LEGAL_DEFAULTS if not os.environ.get(name, "").strip())

# Background work (e-mail, large imports, the booklet) goes through Django's tasks API. The embedded
# default queue is a table of the portal's own database, worked by `manage.py db_worker` (started by
# `make run`; one or more per machine in production, see the README): tasks enqueued inside a
# transaction are stored with it, so a rolled-back change sends nothing.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail: Django's framework. Development prints messages on the console; production sends through
# the SMTP server named by the environment (portal.settings.production).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Année franco-russe 2021 <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10

# Applications for the label (applications.abuse): the fewest seconds between showing the form and
# sending it, applications accepted per client address and hour, and the largest request body.
APPLICATION_MIN_SECONDS = float(os.environ.get("APPLICATION_MIN_SECONDS", "3"))
APPLICATIONS_PER_HOUR = int(os.environ.get("APPLICATIONS_PER_HOUR", "5"))
APPLICATION_MAX_BODY = 100_000

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "django.template.context_processors.i18n",
                "public.context_processors.site",
            ],
        },
    },
]

# The embedded default is a SQLite file beside the code; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each transaction takes SQLite's write lock when it begins, so concurrent writers wait for each
    # other (up to `timeout` seconds) instead of failing with "database is locked" when a reader
    # tries to write (e.g. two committee members labelling at the same moment).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.passwords.CharacterVarietyValidator", "OPTIONS": {"min_distinct": 6}},
]

# Internationalisation: French is the source language of the programme.
LANGUAGE_CODE = "fr"
# English dates in British order ("19 March 2021"), like the French and Russian ones.
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGES = [("fr", "Français"), ("ru", "Русский"), ("en", "English")]
# The admin has no language in its addresses: the language a staff member chooses with the admin's
# switcher is kept in this cookie, for a year (docs/staff-guide.md).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# django-modeltranslation: a missing Russian or English text falls back to French, then English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "en"), "fr": ("en",)}
# The admin's language tabs need jQuery UI: vendored (npm jquery-ui 1.13.3) instead of
# modeltranslation's default, a CDN the portal must never call.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
# The portal's address as staff reach it (scheme and host, no trailing slash): links in the
# notifications e-mailed to staff (events.notifications) are built from it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", f"http://{SITE_DOMAIN}").rstrip("/")

# The year the programme belongs to: fuzzy wordings without a year ("Semestre 2") refer to it.
PROGRAMME_YEAR = 2021
PROGRAMME_PUBLISHED_ON = "2021-03-19"
PROJECTS_PER_PAGE = 20
# The printable list (?per_page=all) shows at most this many projects.
PROJECTS_PRINT_MAX = 500

# A booklet nobody asked for yet is built in the visitor's request only up to this many projects (the
# whole real programme, 73, takes about 5 s of CPU); a larger one is built by the task queue while the
# visitor is asked to come back (503 with Retry-After): at 100 times the programme, one French region's
# booklet alone takes about 45 s of CPU, more than a worker's timeout (docs/press.md).
BOOKLET_BUILD_IN_REQUEST_MAX_PROJECTS = 100
# No booklet is made of more projects than this: at 100 times the programme the whole booklet would have
# 2,600 pages (27 MB, 10 minutes and 10 GiB to build, in each language), which nobody prints or e-mails;
# the reader is asked to choose a region, a theme or a month (docs/press.md).
BOOKLET_MAX_PROJECTS = int(os.environ.get("BOOKLET_MAX_PROJECTS", "1000"))

# The press room's media contact (public.views.press); shown only for the parts that are set.
PRESS_CONTACT = {
    "name": os.environ.get("PRESS_CONTACT_NAME", ""),
    "email": os.environ.get("PRESS_CONTACT_EMAIL", ""),
    "phone": os.environ.get("PRESS_CONTACT_PHONE", ""),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "portal.logs.JSONFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": os.environ.get("LOG_FORMAT", "json"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every step of a PDF build at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
