# Sourced by the other tools/*.sh scripts: make and enter the project's virtual environment.
# Why a venv: Debian's own python3 refuses `pip install` outside one (PEP 668).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Wait up to 10 minutes for another program's apt/dpkg lock instead of failing at once.
APT_GET=(apt-get -o DPkg::Lock::Timeout=600)
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    "${APT_GET[@]}" update -qq && "${APT_GET[@]}" install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
fi
export PATH="$ROOT/.venv/bin:$PATH"

# install_once EXTRAS: `pip install -e .[EXTRAS]` unless the same install was done for the
# same pyproject.toml (a stamp of its hash and the extras in .venv). Why: pip takes seconds
# even when nothing changed, on every build; a changed pyproject.toml installs again.
install_once() {
  local spec=".${1:+[$1]}"
  local stamp=".venv/.territory-map-installed"
  local want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1) $spec $ROOT"
  # find_spec: where `mapping` would be imported from, without importing it (that takes seconds).
  if [ -f "$stamp" ] && grep -qxF "$want" "$stamp" && python -c "
import importlib.util, sys
spec = importlib.util.find_spec('mapping')
sys.exit(not (spec and spec.origin and spec.origin.startswith(sys.argv[1] + '/')))" "$ROOT" 2>/dev/null; then
    return 0
  fi
  python -m pip install -q -e "$spec"
  echo "$want" >>"$stamp"
}
