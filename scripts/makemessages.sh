#!/bin/sh
# Refresh the .po catalogues from the sources (needs GNU gettext): one catalogue per app in
# bettertogether/<app>/locale/, and bettertogether/locale/ for templates/ and settings/ only.
# Existing translations are kept; new strings come in untranslated (core/tests/test_translations.py
# then fails until they are translated). Run from the repository root. The catalogues of the
# public-only languages (zh_Hans, hi, ko, th) hold the public pages' strings only: they are not
# refreshed here; the same test names the public strings they lack, to append by hand.
set -eu
django_admin="$(pwd)/.venv/bin/django-admin"
langs="-l fr -l es -l tl"
cd bettertogether
apps=""
for dir in */; do
  app="${dir%/}"
  [ -f "$app/apps.py" ] || continue
  apps="$apps $app"
  mkdir -p "$app/locale"
  (cd "$app" && "$django_admin" makemessages $langs --add-location=file --no-obsolete -v 0)
done
ignores="--ignore=static --ignore=__pycache__"
for app in $apps; do ignores="$ignores --ignore=$app"; done
"$django_admin" makemessages $langs --add-location=file --no-obsolete -v 0 $ignores
