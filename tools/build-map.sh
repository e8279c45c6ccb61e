#!/usr/bin/env bash
# Install territory-map into .venv and build the map from seeds/ into output/.
# Extra arguments go to `territory-map build` (e.g. --tiles none).
source "$(dirname "$0")/venv.sh"
python -m pip install -q -e .
territory-map build --seeds seeds --out output "$@"
