#!/usr/bin/env bash
# Installs everything the tests need, then runs the linter and every test, the browser tests included.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -k nip`).
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    -r requirements-test.txt

# Browser tests use Debian's Chromium (never a browser downloaded by playwright).
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's chromium for the browser tests..."
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is missing and cannot be installed without root: browser tests will skip."
    fi
fi

python -m ruff check .
python -m ruff format --check .
python -m pytest "$@"
