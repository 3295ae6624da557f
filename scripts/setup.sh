#!/usr/bin/env bash
# Install netmap from this checkout (editable), then optionally run a command with it.
#
#   bash scripts/setup.sh                    install netmap
#   bash scripts/setup.sh --test             install netmap with the test extras
#   bash scripts/setup.sh [--test] CMD ARG.. install, then run CMD with the environment activated
#                                            (scripts/netmap.sh and scripts/test.sh do this)
#
# Where it installs:
#   - into the virtual environment you are in, when `python3` is one (an activated venv);
#   - otherwise into the project's own virtual environment .venv (created here). This is what makes
#     it work with a system Python that refuses `pip install` (PEP 668 "externally-managed-
#     environment", e.g. Debian 12). Debian's python3 cannot create a venv without the python3-venv
#     package; it is installed with apt (through sudo when not root) when missing.
# Set NETMAP_PYTHON=/path/to/python3 to use another interpreter (3.11 or later).
# pip runs again only when pyproject.toml or the extras change (a stamp in the environment).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd -P)"

EXTRAS=""
# --test: the test extras, and pyspark for the Spark batch test (netmap[spark])
if [ "${1:-}" = "--test" ]; then EXTRAS="test,spark"; shift; fi

say() { echo "setup: $*" >&2; }
die() { echo "setup: error: $*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = "0" ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "run as root or install sudo, to run: $*"
    fi
}

apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    say "installing Debian packages: $* (apt-get, needs root)"
    as_root apt-get update -qq \
        && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Spark (netmap batch --engine spark, and its test) runs on Java 17: Debian's OpenJDK when missing.
if [ -n "$EXTRAS" ] && ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    apt_install openjdk-17-jre-headless || say "warning: no java; the Spark test will fail under CI=true"
fi

PY="${NETMAP_PYTHON:-python3}"
if ! command -v "$PY" >/dev/null 2>&1; then
    if [ -z "${NETMAP_PYTHON:-}" ] && apt_install python3 python3-venv; then :
    else die "$PY not found: install Python 3.11 or later"
    fi
fi
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "netmap needs Python 3.11 or later; $PY is $("$PY" -V 2>&1). Set NETMAP_PYTHON=/path/to/python3.11"

if [ "$("$PY" -c 'import sys; print(sys.prefix != sys.base_prefix)')" = "True" ]; then
    # Already in a virtual environment: install there.
    VENV="$("$PY" -c 'import sys; print(sys.prefix)')"
    say "using the virtual environment you are in: $VENV"
else
    VENV="$ROOT/.venv"
    if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        # Debian ships venv's pip bootstrap (ensurepip) separately, in python3-venv.
        if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
            if [ "$("$PY" -c 'import sys; print(sys.base_prefix)')" = "/usr" ] && apt_install python3-venv; then :
            else die "$PY cannot create a virtual environment (no venv/ensurepip); on Debian or Ubuntu: sudo apt-get install python3-venv"
            fi
        fi
        say "creating the virtual environment .venv"
        # --clear: a .venv left half-made (e.g. by `python3 -m venv` without python3-venv) is redone.
        "$PY" -m venv --clear "$VENV"
    fi
fi
BIN="$VENV/bin"
[ -x "$BIN/python" ] || die "no python in $BIN"

SPEC="."
if [ -n "$EXTRAS" ]; then SPEC=".[$EXTRAS]"; fi
STAMP="$VENV/.netmap-setup-${EXTRAS:-base}"
KEY="$ROOT $("$BIN/python" -c 'import hashlib, sys; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')"
# Installed from this checkout, with this pyproject.toml: nothing to do (the install is editable).
if [ "$(cat "$STAMP" 2>/dev/null)" = "$KEY" ] \
    && "$BIN/python" -c 'import os, sys, netmap; sys.exit(not os.path.realpath(netmap.__file__).startswith(sys.argv[1]))' "$ROOT/src/" >/dev/null 2>&1; then
    say "netmap${EXTRAS:+ [$EXTRAS]} is already installed in $VENV"
else
    say "installing netmap${EXTRAS:+ with the $EXTRAS extras} and its dependencies into $VENV (the first time takes a minute or two)"
    "$BIN/python" -m pip install -q --disable-pip-version-check -e "$SPEC" >&2
    echo "$KEY" > "$STAMP"
    if [ -n "$EXTRAS" ]; then echo "$KEY" > "$VENV/.netmap-setup-base"; fi
fi

if [ "$#" -eq 0 ]; then
    if [ "$VENV" = "$ROOT/.venv" ]; then
        say "done. Run netmap as .venv/bin/netmap, or 'source .venv/bin/activate' once per shell, then: netmap --help"
    else
        say "done. Run: netmap --help"
    fi
    exit 0
fi

# Run the command as if the environment were activated.
export VIRTUAL_ENV="$VENV"
export PATH="$BIN:$PATH"
unset PYTHONHOME
exec "$@"
