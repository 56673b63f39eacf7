"""Settings of the portal. Environments differ only by environment variables (see .env.example)."""

import ipaddress
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(DEBUG=(bool, False))
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

DEBUG = env("DEBUG")
# The test suite runs these production settings; what it needs differently (a throwaway key,
# its hosts, ...) it sets in the environment: pyproject.toml, [tool.pytest_env].
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key")
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )
else:
    # Production refuses to start without a real key and an explicit host list.
    SECRET_KEY = env("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off (see .env.example).")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS is required when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "operations.staticfiles.PortalStaticFilesConfig",  # contrib.staticfiles minus CKEditor HTML
    "django.contrib.humanize",
    # Many portals in one installation (DESIGN.md "Sites"): the site comes from the host, never
    # from SITE_ID (multisite/).
    "multisite.apps.SitesConfig",  # django.contrib.sites, its heading in Vietnamese
    "multisite",
    "ckeditor",
    "news",
    "documents",
    "visitors",
    # Reading the portal: static pages, site maps, robots.txt (issue 8).
    "django.contrib.sitemaps",
    "pages",
    # The editorial workflow: roles, approval, revisions, login protection.
    "reversion",
    "editorial.apps.LoginAttemptsConfig",  # django-axes, named in Vietnamese
    "editorial",
    "search",
    # Photo pipeline, library and CKEditor's image upload (issue 5).
    "photos",
    # The unit's people and its schedules (issue 17).
    "people",
    "schedules",
    "procedures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # request.site from the host (lazy; static files above never ask), before everything that
    # keys by site: the visitor counter, the page cache, the admin.
    "multisite.middleware.SiteMiddleware",
    # Outside any cache middleware: a page served from a cache is still counted.
    "visitors.middleware.VisitorCounterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chauthanh.urls"
WSGI_APPLICATION = "chauthanh.wsgi.application"

# Public pages: Jinja2 (templates in jinja2/, environment in news/templating.py), rendered
# several times faster than Django's engine on a page-cache miss (docs/benchmarks.md). The
# admin and its pages keep Django's templates (templates/). New public sections are written
# in Jinja2.
PUBLIC_CONTEXT_PROCESSORS = [
    "news.context_processors.portal",
    "documents.context_processors.latest",
    "visitors.context_processors.stats",
    "pages.context_processors.pages",
    "pagecache.fragments.layout",
    "schedules.context_processors.today",  # lazy: the home's "Lịch công tác hôm nay"
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "news.templating.environment",
            "context_processors": PUBLIC_CONTEXT_PROCESSORS,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "news.context_processors.portal",  # the site's name in the admin's title
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE transactions take the write lock
    # up front, so concurrent writers wait (timeout) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["news.formats"]
# The Vietnamese of Django, django-axes and django-reversion, complete and corrected
# (locale/vi/LC_MESSAGES; `make messages` compiles it).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Django serves media itself only where no web server does (make run, tests); production
# puts nginx in front and sets SERVE_MEDIA=false.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Development and tests serve static files from their source folders as they are; production
# serves the collected copy: content-hashed names, with a .gz and a .br (Brotli) of each text
# file beside it, which WhiteNoise (or nginx) sends to browsers that accept them.
STATIC_FROM_SOURCE = env.bool("STATIC_FROM_SOURCE", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_SOURCE
            else "operations.staticfiles.StaticFilesStorage"  # WhiteNoise's, incremental
        )
    },
}
WHITENOISE_USE_FINDERS = STATIC_FROM_SOURCE

# Fixture files (placeholder photos) that `loaddata` copies into MEDIA_ROOT.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
FIXTURE_MEDIA_ROOT = BASE_DIR / "fixtures" / "media"

DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# CKEditor 4 through django-ckeditor: served from the package's own static files (no CDN).
CKEDITOR_BASEPATH = "/static/ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote", "-", "Outdent", "Indent"],
            ["Link", "Unlink", "Image", "Table", "HorizontalRule"],
            ["PasteText", "PasteFromWord", "RemoveFormat", "-", "Undo", "Redo", "Maximize"],
            ["Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        # Nothing that calls out to the internet, and no full-page HTML. "image" gives way to
        # image2 (captions); the rest are toolbar-less extras of the "full" build.
        "removePlugins": (
            "exportpdf,scayt,wsc,language,iframe,flash,forms,image,smiley,templates,newpage,"
            "preview,print,save,font,colorbutton,div,about"
        ),
        "extraPlugins": "image2,uploadimage,portalupload",
        "fullPage": False,
        "allowedContent": False,
        # Styles, classes and ids pasted from Word never reach the body (the sanitiser would
        # drop them anyway; dropping them in the editor shows the editor what will be kept).
        "disallowedContent": "*{*}; *[id,lang,dir,on*]",
        "pasteFromWordRemoveFontStyles": True,
        "pasteFromWordPromptCleanup": False,
        "language": "vi",
        # Photos in the body: image2 with a caption (<figure class="image"><figcaption>), and
        # every upload (dialog or pasted image) goes to our pipeline, never to a package view.
        "image2_captionedClass": "image",
        "image2_disableResizer": True,
        "filebrowserImageUploadUrl": reverse_lazy("photos:editor_upload"),
        "filebrowserUploadMethod": "xhr",
        "imageUploadUrl": reverse_lazy("photos:editor_upload"),
        "external_plugin_resources": [
            ("portalupload", f"/{STATIC_URL}photos/ckeditor/portalupload/", "plugin.js")
        ],
    }
}
SILENCED_SYSTEM_CHECKS = [
    # ckeditor.W001: django-ckeditor bundles CKEditor 4, whose free line is no longer updated.
    # Accepted deliberately: the editor runs only inside the staff-only admin, every body is
    # sanitised by news.fields.SanitizedHTMLField (nh3 allow-list) before it is stored, and
    # the editor is swappable behind that one field. Revisit when a maintained editor is chosen.
    "ckeditor.W001",
]

# Visitor statistics (DESIGN.md, "Visitor counters"); every VISITORS_* value from the environment.
VISITORS_VISIT_GAP = env.int("VISITORS_VISIT_GAP", default=30 * 60)
VISITORS_ONLINE_WINDOW = env.int("VISITORS_ONLINE_WINDOW", default=5 * 60)
VISITORS_CACHE_SECONDS = env.int("VISITORS_CACHE_SECONDS", default=10)
VISITORS_TRUSTED_PROXIES = env.int("VISITORS_TRUSTED_PROXIES", default=0)
# The proxies' own addresses: X-Forwarded-For and X-Request-ID are believed from these peers (and
# from gunicorn's Unix socket) only, never from a client that reaches gunicorn directly.
VISITORS_PROXY_NETWORKS = [
    str(ipaddress.ip_network(n, strict=False))  # a typo fails at start, not on a request
    for n in env.list("VISITORS_PROXY_NETWORKS", default=["127.0.0.0/8", "::1/128"])
]
VISITORS_FLUSH_SECONDS = env.float("VISITORS_FLUSH_SECONDS", default=1.0)
VISITORS_FLUSH_THREAD = env.bool("VISITORS_FLUSH_THREAD", default=True)
# false: the counting middleware takes itself out (for `make bench`: the same site uncounted).
VISITORS_ENABLED = env.bool("VISITORS_ENABLED", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Editorial workflow (editorial/) ---------------------------------------------------------
# Approvers are told of new pending articles by e-mail; the console prints them by default.
# e.g. EMAIL_URL=smtp+tls://user:password@mail.example.gov.vn:587
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# Links in those e-mails point to the host of the request that sent them (make run PORT=8080
# gives :8080). SITE_URL is only for messages sent without a request (the shell, a command).
SITE_URL = env("SITE_URL", default="").rstrip("/")

# Brute-force protection of the login (django-axes): a username is locked from one address
# after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES. Username *and* address, so a
# whole office behind one NAT address is not locked out by one person's typos, and an attacker
# elsewhere cannot lock a real editor out.
AUTHENTICATION_BACKENDS = [
    "editorial.auth.LoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address through VISITORS_TRUSTED_PROXIES (nginx), not nginx's own.
AXES_CLIENT_IP_CALLABLE = "visitors.keys.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "editorial/lockout.html"
# What the lock keeps is the least it needs, for as long as it needs it (editorial/lockout.py,
# the privacy page): the failures' user name and address until the lock ends, no browser, no
# record of successful logins; log lines without address or browser.
AXES_HANDLER = "editorial.lockout.MinimalAxesHandler"
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_STR_CALLABLE = "editorial.lockout.client_str"
# A lock is logged (WARNING); each failure and each successful login need not fill the log.
LOGGING.setdefault("loggers", {})["axes"] = {"level": "WARNING"}

# Staff sessions end after SESSION_IDLE_MINUTES without a request (the expiry slides with
# each request). Only logged-in users have a session here, so the public never writes one.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True

# --- Production: HTTPS, headers, Redis, uploads, logging, faults (the `operations` app) ---------
# Everything here is switched by environment variables alone (deploy/chauthanh.env.example).
INSTALLED_APPS += ["operations"]
# The request id comes first so that every later layer, and every log line, carries it; the
# security headers wrap everything, error pages included.
MIDDLEWARE = [
    "operations.middleware.RequestIdMiddleware",
    "operations.middleware.SecurityHeadersMiddleware",
    "operations.middleware.BadParametersMiddleware",
    *MIDDLEWARE,
]

# HTTPS=true once nginx terminates TLS in front (deploy/nginx/chauthanh.conf). Off by default:
# `make run` serves plain http://127.0.0.1:8000, where secure cookies would break the admin login.
HTTPS = env.bool("HTTPS", default=False)
if HTTPS:
    # nginx sets X-Forwarded-Proto itself (never passes the client's); gunicorn listens on
    # loopback or a socket only, so nobody else can send this header to Django.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer probes /healthz over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS += [
    # security.W021 (HSTS preload): entering the browsers' preload list binds the whole domain
    # (often a shared *.gov.vn zone) for months and is the domain owner's decision, not this
    # application's; SECURE_HSTS_PRELOAD=true opts in once they have taken it.
    "security.W021",
]
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# A refused form (expired token, blocked cookies) gets a Vietnamese page, not Django's English one.
CSRF_FAILURE_VIEW = "operations.views.csrf_failure"

# Redis when CACHE_URL names one. django-redis with IGNORE_EXCEPTIONS: when Redis is down every
# cache read is a miss and every write is dropped (and logged), so the site goes on, slower.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "IGNORE_EXCEPTIONS": True,
            # Short timeouts: a Redis that hangs must not hold a worker for long.
            "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
            "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=0.5),
            # After one timeout, the process skips Redis for a while instead of waiting on
            # every cache call of every page (operations/cache.py).
            "REDIS_CLIENT_CLASS": "operations.cache.BreakerRedis",
            "REDIS_CLIENT_KWARGS": {
                "breaker_seconds": env.float("REDIS_BREAKER_SECONDS", default=10.0)
            },
        }
    )
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "operations.cache"

# Uploads are stored under unguessable names (operations.storage); loaddata keeps the names
# its fixtures give. An upload is refused with a form error when the disk would keep less free.
STORAGES["default"] = {"BACKEND": "operations.storage.MediaStorage"}
MEDIA_MIN_FREE_BYTES = env.int("MEDIA_MIN_FREE_MB", default=100) * 1024 * 1024

# JSON lines on stdout (journald/any collector parses them), each with its request id.
# LOG_FORMAT=plain for a human at a terminal.
LOGGING["filters"] = {
    "request_id": {"()": "operations.logging.RequestIdFilter"},
    "client_fault": {"()": "operations.logging.ClientFault"},
    "redis_skipped": {"()": "operations.cache.SkippedCallsFilter"},
}
# While Redis is skipped, one line says so, not one traceback per cache call.
LOGGING["loggers"]["operations.cache"] = {"filters": ["redis_skipped"]}
# A Host header that names no site of ours (scanners send them all day): one warning line.
LOGGING["loggers"]["django.security.DisallowedHost"] = {"filters": ["client_fault"]}
LOGGING["formatters"]["json"] = {"()": "operations.logging.JsonFormatter"}
LOGGING["formatters"]["plain"]["format"] = (
    "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
)
LOGGING["handlers"]["console"].update(
    {"formatter": env("LOG_FORMAT", default="json"), "filters": ["request_id"]}
)

# --- Page cache (pagecache/, issue 10) ---------------------------------------------------------
# Anonymous public GETs served from a per-process cache keyed by URL + a shared content version
# (bumped on every save/delete of public content, read at most once per
# PAGE_CACHE_VERSION_SECONDS). No entry outlives the next scheduled publication or expiry
# (pagecache/schedule.py): time alone bumps nothing.
INSTALLED_APPS += ["pagecache"]
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
PAGE_CACHE_VERSION_SECONDS = env.float("PAGE_CACHE_VERSION_SECONDS", default=1.0)
# The layout's menu, sidebar widgets, footer and site identity, per content version
# (pagecache/fragments.py); bounded by the next scheduled change like the pages.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=PAGE_CACHE_SECONDS)
PAGE_CACHE_MAX_ENTRIES = env.int("PAGE_CACHE_MAX_ENTRIES", default=1000)
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_MB", default=64) * 1024 * 1024
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/static/", "/media/", "/visitors/", "/healthz"]
# Inside the visitor counter (a cached page is still counted), outside sessions and auth.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "pagecache.middleware.PageCacheMiddleware",
)
# `manage.py generate_demo_data`: content at scale for `make bench` and demonstrations.
INSTALLED_APPS += ["demo"]

# --- Shared calendar (workdays/, DESIGN.md "Shared calendar") --------------------------------
# Working days are Monday-Friday corrected by one table of exceptions a superuser edits. The
# legal numbers of working days are settings with the law's defaults: citizen-reception
# schedules published 05 working days ahead (Luật Tiếp công dân 2013, Điều 24), planned
# maintenance announced 07 working days ahead (Nghị định 224/2026/NĐ-CP, Điều 13), and citizens'
# questions answered within 10 working days.
INSTALLED_APPS += ["workdays"]
RECEPTION_NOTICE_WORKING_DAYS = env.int("RECEPTION_NOTICE_WORKING_DAYS", default=5)
MAINTENANCE_NOTICE_WORKING_DAYS = env.int("MAINTENANCE_NOTICE_WORKING_DAYS", default=7)
REPLY_WORKING_DAYS = env.int("REPLY_WORKING_DAYS", default=10)

# --- Citizens write to the unit (citizens/, issue 18) -----------------------------------------
# Reply deadline per kind in working days (REPLY_WORKING_DAYS above by default); spam defences
# without third parties; attachments outside the public media (served to staff by a view).
INSTALLED_APPS += ["citizens", "captcha"]  # citizens first: it words the challenge's image
CITIZENS_REPLY_WORKING_DAYS = {
    kind: env.int(f"REPLY_WORKING_DAYS_{name}", default=REPLY_WORKING_DAYS)
    for kind, name in [
        ("hoi-dap", "QUESTION"), ("gop-y", "FEEDBACK"), ("phan-anh", "REPORT"),
        ("du-thao", "DRAFT_COMMENT"),
    ]
}  # fmt: skip
CITIZENS_MIN_FILL_SECONDS = env.int("CITIZENS_MIN_FILL_SECONDS", default=5)
# Submissions per client network (IPv4 /24, IPv6 /48) and window before the challenge shows.
CITIZENS_RATE_LIMIT = env.int("CITIZENS_RATE_LIMIT", default=5)
CITIZENS_RATE_WINDOW = env.int("CITIZENS_RATE_WINDOW", default=3600)
# Ratings ("Thông tin này có hữu ích không?") per client network and hour.
CITIZENS_RATING_LIMIT = env.int("CITIZENS_RATING_LIMIT", default=120)
CITIZENS_MAX_FILES = 3
CITIZENS_MAX_FILE_BYTES = env.int("CITIZENS_MAX_FILE_MB", default=5) * 1024 * 1024
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
# The self-hosted challenge (django-simple-captcha): a sum drawn as an image, kept in the database.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_TIMEOUT = 20  # minutes
CAPTCHA_LETTER_ROTATION = (-15, 15)

# --- Công khai: typed disclosures and the list of information that must be public -------------
# (disclosures/, issue 19 part B). Their files are documents of the library (documents/).
INSTALLED_APPS += ["disclosures"]
# --- Organisation, contacts, access to information, /en/ (organisation/, issue 19 part A) -----
# The unit's organisation as a tree (django-treebeard), its official social channels and the
# "Giới thiệu" / "Tiếp cận thông tin" / English pages.
INSTALLED_APPS += ["treebeard", "organisation"]
# --- The look of an official portal (portal/, issue 20) ---------------------------------------
# The header (banner, logo, the unit's name, the date line), the site's menus and the home
# blocks its administrator arranges. (The list is the Jinja2 backend's: extended in place.)
INSTALLED_APPS += ["portal"]
PUBLIC_CONTEXT_PROCESSORS += ["portal.context_processors.look"]
# --- Notices (issue 19, part C): Thông báo – Giấy mời – Tài liệu họp, site notices -------------
# The banner a site's administrator schedules (notices/); planned maintenance is announced
# MAINTENANCE_NOTICE_WORKING_DAYS ahead ("Shared calendar" above). Each site's static page for
# nginx to serve while the application is down (deploy/nginx/chauthanh.conf, docs/deploy.md).
INSTALLED_APPS += ["notices"]
PUBLIC_CONTEXT_PROCESSORS += [  # the same list TEMPLATES holds: both lazy
    "news.notices.context",  # the home's "Thông báo" block
    "notices.context_processors.banner",
]
MAINTENANCE_PAGE_ROOT = env.path("MAINTENANCE_PAGE_ROOT", default=BASE_DIR / "var" / "maintenance")
# --- Thư viện ảnh, video (gallery/, issue 19 D) -------------------------------------------------
# Videos are uploaded to the portal itself (MP4 or WebM, checked by their bytes); nginx's
# client_max_body_size (deploy/render.py MAX_UPLOAD) must be at least this large.
INSTALLED_APPS += ["gallery"]
VIDEO_MAX_UPLOAD_MB = env.int("VIDEO_MAX_UPLOAD_MB", default=200)
