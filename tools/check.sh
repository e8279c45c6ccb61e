#!/usr/bin/env bash
# Lint, format and type checks (run by tools/test.sh before the tests, so CI runs them).
# Settings are in pyproject.toml ([tool.ruff], [tool.mypy]).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m ruff check mapping tests tools
python -m ruff format --check mapping tests tools
python -m mypy
echo "checks passed: ruff check, ruff format --check, mypy"
