#!/usr/bin/env bash
# Install everything the tests need, then run them. This is the README's test command and
# what CI runs (.ci/run). Needs root for apt-get (Debian's chromium for the browser tests);
# apt-get waits up to 10 minutes for another program's lock (venv.sh: APT_GET).
source "$(dirname "$0")/venv.sh"
if ! command -v chromium >/dev/null 2>&1; then
  "${APT_GET[@]}" update -qq && "${APT_GET[@]}" install -y -qq chromium >/dev/null
fi
install_once "test,geodata"
bash tools/fetch-sources.sh
if [ -f tools/fetch-assets.sh ]; then bash tools/fetch-assets.sh; fi
bash tools/check.sh
python -m pytest "$@"
