#!/usr/bin/env bash
# Lint the migrations' SQL with squawk (https://squawkhq.com), one revision at a time.
#
# `alembic upgrade A:B --sql` renders each revision offline (env.py's offline mode:
# no database needed); squawk (npm package squawk-cli, pinned below, run with npx)
# checks it. A new revision is held to every rule; an exception is granted per
# revision only, in EXCLUDE below, each with its reason.
#
#   .ci/squawk.sh                  # all revisions
#   PYTHON=/path/to/python .ci/squawk.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SQUAWK_VERSION=2.66.0
PYTHON=${PYTHON:-$(command -v python || command -v python3)}

declare -A EXCLUDE=(
    # 8efc242ad271, the first migration: creates every table in an empty database.
    # - require-lock-timeout, require-statement-timeout: there is no data and no other
    #   session to wait for; besides, env.py sets lock_timeout = 5s on every online
    #   migration connection, which offline SQL does not show.
    # - prefer-text-field: varchar(8) language codes, varchar(64) sha256 hex digests
    #   and alembic's own varchar(32) are bounded by what they hold; the rule warns
    #   about resizing them later, which a later revision would be checked for.
    # - prefer-bigint-over-smallint: smallint on purpose for a citation's or
    #   reference's position within one document and a publication year.
    [8efc242ad271]=require-lock-timeout,require-statement-timeout,prefer-text-field,prefer-bigint-over-smallint
    # 95d0c0d6ce99, the researcher views: CREATE VIEW and COMMENT ON only touch the
    # catalog (no table rewrite, no scan); the lock wait is bounded by env.py's
    # lock_timeout = 5s online, and there is nothing for a statement timeout to stop.
    [95d0c0d6ce99]=require-lock-timeout,require-statement-timeout
    # 3a160888c1da, archival_references.papka: ADD COLUMN without a default and CREATE
    # OR REPLACE VIEW change the catalog only; env.py's lock_timeout = 5s bounds the wait.
    [3a160888c1da]=require-lock-timeout,require-statement-timeout
    # 129ed969f71c, redundant document_id indexes dropped CONCURRENTLY (no ACCESS
    # EXCLUSIVE lock); a statement timeout would only abort it half done.
    [129ed969f71c]=require-lock-timeout,require-statement-timeout
    # ba935dd27547, lz4 compression of document_versions' texts: SET COMPRESSION changes
    # the catalog only (no rewrite, no scan); env.py's lock_timeout = 5s bounds the wait.
    [ba935dd27547]=require-lock-timeout,require-statement-timeout
    # 5c7e2a91d4b3, documents.halves_disagree and the view mismatched_versions: ADD COLUMN
    # without a default and CREATE VIEW change the catalog only (no rewrite, no scan);
    # env.py's lock_timeout = 5s bounds the wait.
    [5c7e2a91d4b3]=require-lock-timeout,require-statement-timeout
    # 8e74a0c6cfa7, link provenance: ADD COLUMN with a constant default changes the
    # catalog only; env.py's lock_timeout = 5s bounds the wait online, and a statement
    # timeout would only cut short the one UPDATE of the stored mentions. Its CHECKs
    # are added NOT VALID and validated outside the transaction (prefer-robust-stmts:
    # VALIDATE has no IF form; the revision is written to be run again, see its file).
    [8e74a0c6cfa7]=require-lock-timeout,require-statement-timeout,prefer-robust-stmts
    # 0c938bc5e3df, documents.derivation_version and import_runs.documents_rederived:
    # ADD COLUMN with a constant default changes the catalog only.
    [0c938bc5e3df]=require-lock-timeout,require-statement-timeout
    # 4c7ef3d8cd1e, curation_decisions: a new table; its COMMENTs lock nothing in use.
    [4c7ef3d8cd1e]=require-lock-timeout,require-statement-timeout
    # 0204a75ee6de, view comments, document_people_roles.name_kind, document_places_roles:
    # CREATE (OR REPLACE) VIEW and COMMENT ON change the catalog only; env.py's
    # lock_timeout = 5s bounds the wait.
    [0204a75ee6de]=require-lock-timeout,require-statement-timeout
    # 4b3a648dfa62, archive_search_query(): CREATE FUNCTION and COMMENT ON touch no table.
    [4b3a648dfa62]=require-lock-timeout,require-statement-timeout
    # 7d1e5b0c9a24, withdrawn_documents: a new, empty table and its index; nothing else
    # is locked but import_runs' catalog row for the foreign key (bounded by env.py's
    # lock_timeout = 5s).
    [7d1e5b0c9a24]=require-lock-timeout,require-statement-timeout
    # 61530ba26c94, the lock tables: CREATE TABLE of two new, empty tables; nothing
    # else is locked or scanned, and env.py's lock_timeout = 5s bounds the wait.
    [61530ba26c94]=require-lock-timeout,require-statement-timeout
)

if ! command -v npx >/dev/null; then
    echo "squawk: npx (Node.js) is needed to run squawk-cli@$SQUAWK_VERSION" >&2
    exit 2
fi

echo "== squawk $SQUAWK_VERSION on the migrations"
revisions=$("$PYTHON" - <<'PY'
from alembic.script import ScriptDirectory

from archive_db import migrate

script = ScriptDirectory.from_config(migrate.alembic_config())
print(" ".join(reversed([r.revision for r in script.walk_revisions()])))
PY
)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
previous=""
status=0
for revision in $revisions; do
    sql="$out/$revision.sql"
    "$PYTHON" -m alembic upgrade "${previous:+$previous:}$revision" --sql >"$sql" 2>"$out/alembic.log" \
        || { cat "$out/alembic.log" >&2; exit 1; }
    exclude=${EXCLUDE[$revision]:-}
    if npx --yes "squawk-cli@$SQUAWK_VERSION" --reporter gcc ${exclude:+--exclude="$exclude"} "$sql"; then
        echo "$revision: clean${exclude:+ (excepted: $exclude)}"
    else
        status=1
    fi
    previous=$revision
done
exit "$status"
