#!/usr/bin/env bash
# Install the map's JavaScript and CSS from the npm registry into assets/node_modules
# (never committed), at the versions pinned in assets/package.json. The default build
# inlines them into map.html (so it opens with no network); tools/build-map.sh runs this.
set -euo pipefail
cd "$(dirname "$0")/../assets"
if [ -f node_modules/leaflet/package.json ] && grep -q '"version": "1.9.3"' node_modules/leaflet/package.json; then
  echo "web assets ready: $(pwd)/node_modules"
  exit 0
fi
npm install --no-audit --no-fund --ignore-scripts --no-package-lock --loglevel=error
echo "web assets ready: $(pwd)/node_modules"
