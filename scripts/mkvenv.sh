#!/bin/sh
# Create the project's virtualenv. Debian splits ensurepip into python3-venv; where it is
# missing, fall back to a pip-less venv bootstrapped by the system pip, or say what to install.
set -eu
py="$1"
venv="$2"
if "$py" -m venv "$venv" >/dev/null 2>&1 && [ -x "$venv/bin/pip" ]; then
  exit 0
fi
rm -rf "$venv"
"$py" -m venv --without-pip "$venv"
if "$py" -m pip --version >/dev/null 2>&1; then
  "$py" -m pip --python "$venv/bin/python" install --disable-pip-version-check -q pip
  exit 0
fi
rm -rf "$venv"
echo "Cannot create a virtualenv with pip: install python3-venv (or python3-pip) and run make again." >&2
exit 1
