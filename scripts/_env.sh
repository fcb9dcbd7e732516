# Shared by scripts/serve and scripts/test: a project virtualenv and the pinned npm packages.
# Everything comes from PyPI, npm and Debian's packages; nothing else is downloaded.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1  # Material 9.8 prints an end-of-life notice on every build
VENV="${CANDOR_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"

stamp_of() { echo "$VENV/.installed-$(basename "$1" .txt)"; }
sum_of() { cat "$1" requirements/site.txt pyproject.toml | sha256sum | cut -c1-16; }

need_python() {  # need_python requirements/<file>.txt
  local req="$1" stamp; stamp="$(stamp_of "$1")"
  if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV"
  fi
  # Reinstall only when the requirements or pyproject changed since the last install. The test lock holds the
  # site's pins and more (requirements/test.in), so ./scripts/serve after ./scripts/test installs nothing.
  local sum; sum="$(sum_of "$req")"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ] &&
     { [ "$req" != requirements/site.txt ] || [ "$(cat "$(stamp_of requirements/test.txt)" 2>/dev/null)" != "$(sum_of requirements/test.txt)" ]; }; then
    echo "==> installing Python packages ($req)"
    # Every file is checked against the hashes in the lock (scripts/lock-requirements makes it). The project
    # itself is installed editable in a second step, without dependencies: a local checkout has no hash.
    # (this machine's pip config names local indexes that may not exist: drop those warnings)
    { "$PY" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$req" &&
      "$PY" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . ; } 2>&1 |
      { grep -v "^WARNING: Location" || true; }
    echo "$sum" > "$stamp"
  fi
}

need_npm() {
  local stamp="node_modules/.candor-installed" sum
  sum="$(sha256sum package-lock.json | cut -c1-16)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    echo "==> installing npm packages (pinned in package-lock.json)"
    npm ci --no-audit --no-fund --silent
    echo "$sum" > "$stamp"
  fi
}
