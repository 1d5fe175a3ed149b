"""Production: every secret from the environment, no defaults; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = False
BT_DEMO_PASSWORDS_ALLOWED = False
# Case-desk encryption keys have no default here: without them confidential fields cannot be stored.
BT_FIELD_KEYS = [key.strip() for key in env_str("BT_FIELD_KEYS").split(",") if key.strip()]
if "Z2_0yh5wCjzCbsZCSpI1PW0dcw1bFHNkNU1DZ0NvWmk=" in BT_FIELD_KEYS:  # the key published in dev.py/test.py
    raise ImproperlyConfigured("BT_FIELD_KEYS holds the published test key: generate a key of your own.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "bt_cache",
    }
}
if env_str("REDIS_URL", ""):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
# A mail server that hangs must not hold a worker: after this many seconds the contact form keeps
# the message instead (site/services.py).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
