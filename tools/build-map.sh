#!/usr/bin/env bash
# Install territory-map into .venv (only when pyproject.toml changed since the last install),
# install the map's web assets (npm, pinned in assets/package.json) and build the map from
# seeds/ into output/. map.html inlines the assets, so it opens with no network. Extra
# arguments go to `territory-map build` (e.g. --tiles none, --png, or --cdn for a smaller
# page that loads Leaflet online).
source "$(dirname "$0")/venv.sh"
install_once ""
bash tools/fetch-assets.sh
territory-map build --seeds seeds --out output "$@"
