#!/usr/bin/env bash
# Install the map's JavaScript and CSS from the npm registry into assets/node_modules
# (never committed), at the versions pinned in assets/package.json. Needed only for
# `territory-map build --self-contained`, `--png` and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/../assets"
npm install --no-audit --no-fund --ignore-scripts --no-package-lock --loglevel=error
echo "web assets ready: $(pwd)/node_modules"
