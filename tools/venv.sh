# Sourced by the other tools/*.sh scripts: make and enter the project's virtual environment.
# Why a venv: Debian's own python3 refuses `pip install` outside one (PEP 668).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  fi
fi
export PATH="$ROOT/.venv/bin:$PATH"
python -m pip install -q --upgrade pip >/dev/null
