"""Local development: debug on, a throwaway secret, SQLite under data/ unless DATABASE_URL says otherwise."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
os.environ.setdefault("DEBUG", "true")
# A fixed, published field-encryption key: for tests and local demos only.
os.environ.setdefault("BT_FIELD_KEYS", "Z2_0yh5wCjzCbsZCSpI1PW0dcw1bFHNkNU1DZ0NvWmk=")

from .base import *  # noqa: F403
from .env import env_str

BT_DEMO_PASSWORDS_ALLOWED = True
# Local mail (invitations, password resets) is printed by the dev server unless told otherwise.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
