#!/usr/bin/env bash
# The README's quickstart against a regular install: build a wheel, install it into a
# fresh virtualenv outside the checkout, and run the session's commands there with a
# private embedded server (stopped on the way out).
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

expect() {  # expect WHAT OUTPUT: fail unless OUTPUT contains WHAT
    grep -qF -- "$1" <<<"$2" || { echo "expected '$1' in:"; echo "$2"; exit 1; }
}
expect "1 added" "$(archive-db import "$root/seeds/" 2>&1)"
expect "1 unchanged" "$(archive-db import "$root/seeds/")"
expect "fb0b047ba36df19f" "$(archive-db search Корея --lang ru --limit 1)"
expect "kind: telegram" "$(archive-db show fb0b047ba36df19f | head -10)"
expect "Joseph Stalin" "$(archive-db sql "SELECT key, kind, date_start, author, addressees FROM document_overview")"
expect "65–67" "$(archive-db refs "AP RF" 45 1 347)"
expect "schema: current" "$(archive-db db status)"
echo "wheel quickstart: ok"
