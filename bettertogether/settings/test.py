"""Test runs: fast hashing, plain static storage (the live server serves unhashed files)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
# A fixed, published field-encryption key: for tests and local demos only.
os.environ.setdefault("BT_FIELD_KEYS", "Z2_0yh5wCjzCbsZCSpI1PW0dcw1bFHNkNU1DZ0NvWmk=")

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
BT_DEMO_PASSWORDS_ALLOWED = True
BT_DEMO_SEED_LMIA = False  # 10,546 rows per load_demo would slow every test that loads the demo
REST_FRAMEWORK_THROTTLE_DISABLED = True
# A fresh memory cache per run whatever REDIS_URL says; tests of Redis itself connect to it by name.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bettertogether-tests"}}
