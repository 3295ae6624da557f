#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then check style and types
# (ruff, mypy) and run the whole suite.
# Used by the README and by CI (.ci/run). Browser tests drive Debian's chromium.
# Python packages go into the virtual environment you are in, or else into the project's .venv
# (scripts/setup.sh), so this works with a system Python that refuses `pip install` (PEP 668).
# Arguments go to pytest: bash scripts/test.sh -q -m "not browser"
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..." >&2
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Style and types first (ruff check, ruff format --check, mypy on src/netmap): a failure stops here.
exec bash scripts/setup.sh --test bash -c '
    set -e
    python -m ruff check src tests bench scripts
    python -m ruff format --check --quiet src tests bench scripts
    python -m mypy
    exec python -m pytest "$@"' netmap-tests "$@"
