#!/usr/bin/env bash
# The README's quickstart against a regular install: build a wheel, install it into a
# fresh virtualenv outside the checkout, and run the README's session there with a
# private embedded server (stopped on the way out), checking each command prints
# what the README shows (.ci/readme_session.py).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
export ARCHIVE_DB_HOME="$work/home"
unset ARCHIVE_DB_URL
cleanup() { "$work/venv/bin/archive-db" db stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

python3 -m pip wheel --quiet --no-deps -w "$work/dist" "$root"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$work"/dist/archive_db-*.whl
cd "$work"  # nothing of the checkout on the path
PATH="$work/venv/bin:$PATH"

# The README's session, command by command, in a folder holding a copy of seeds/.
cp -r "$root/seeds" "$work/seeds"
python "$root/.ci/readme_session.py" "$root/README.md"
echo "wheel quickstart: ok"
