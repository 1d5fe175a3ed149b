"""Production: every secret from the environment, no defaults; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from bettertogether.support.crypto import check_field_keys

from .base import *  # noqa: F403
from .base import REDIS_CACHE, REDIS_URL
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
BT_DEMO_PASSWORDS_ALLOWED = False
# Case-desk encryption keys have no default here: without them confidential fields cannot be stored.
BT_FIELD_KEYS = check_field_keys(env_list("BT_FIELD_KEYS"))  # each one checked: a bad key stops start-up
if "Z2_0yh5wCjzCbsZCSpI1PW0dcw1bFHNkNU1DZ0NvWmk=" in BT_FIELD_KEYS:  # the key published in dev.py/test.py
    raise ImproperlyConfigured("BT_FIELD_KEYS holds the published test key: generate a key of your own.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Redis when REDIS_URL is set, else the database cache table (manage.py createcachetable), whose
# increments are atomic (core/cache.py): either way every worker shares the rate-limit counts.
CACHES = {
    "default": REDIS_CACHE
    if REDIS_URL
    else {"BACKEND": "bettertogether.core.cache.AtomicDatabaseCache", "LOCATION": "bt_cache"}
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
# A mail server that hangs must not hold a worker: after this many seconds the contact form keeps
# the message instead (site/services.py).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
