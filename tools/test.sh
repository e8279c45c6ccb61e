#!/usr/bin/env bash
# Install everything the tests need, then run them. This is the README's test command and
# what CI runs (.ci/run). Needs root for apt-get (Debian's chromium for the browser tests).
source "$(dirname "$0")/venv.sh"
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
python -m pip install -q -e ".[test,geodata]"
bash tools/fetch-sources.sh
if [ -f tools/fetch-assets.sh ]; then bash tools/fetch-assets.sh; fi
bash tools/check.sh
python -m pytest "$@"
