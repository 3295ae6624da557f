#!/usr/bin/env bash
# The lowest-versions job: install the LOWEST version of every runtime dependency that
# pyproject.toml declares (each "name>=X" becomes "name==X") into a separate virtual
# environment, then run the test suite there. Proves the declared minimums are real.
# The test tools themselves ([project.optional-dependencies] test) are not pinned.
#
#   bash scripts/test-lowest.sh                 # whole suite (browser tests need chromium)
#   bash scripts/test-lowest.sh -m "not browser" -x -q
#
# VENV=path chooses the environment (default: netmap-venv-lowest in the temp folder, outside
# the checkout); PYTHON the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-${TMPDIR:-/tmp}/netmap-venv-lowest}"

# pyproject.toml's [project] dependencies, ">=" turned into "==".
constraints="$("$PYTHON" - <<'PY'
import re, tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
for dep in deps:
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*>=\s*([^,;\s]+)\s*", dep)
    if not m:
        raise SystemExit(f"pyproject.toml: '{dep}' has no plain '>=' minimum to test")
    print(f"{m[1]}=={m[3]}")
PY
)"
# A fresh environment whenever the declared minimums change: nothing left over from before.
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/lowest-constraints.txt" 2>/dev/null)" != "$constraints" ]; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
fi
printf '%s\n' "$constraints" > "$VENV/lowest-constraints.txt"
echo "lowest declared versions:" >&2
sed 's/^/  /' "$VENV/lowest-constraints.txt" >&2

"$VENV/bin/python" -m pip install -q -c "$VENV/lowest-constraints.txt" -e ".[test]"
"$VENV/bin/python" -m pip check
echo "installed:" >&2
"$VENV/bin/python" -m pip list --format=freeze 2>/dev/null \
    | grep -iE "^($(cut -d= -f1 "$VENV/lowest-constraints.txt" | paste -sd'|'))==" | sed 's/^/  /' >&2

exec "$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
