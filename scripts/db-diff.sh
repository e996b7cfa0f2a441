#!/usr/bin/env bash
# Prints the SQL that brings prisma/migrations up to prisma/schema.prisma.
#   npm run db:diff            → SQL for a new migration (empty when in sync)
#   npm run db:diff -- --check → exit 1 when the schema has changes no migration holds,
#                                 or a new migration is destructive and unmarked (lib/db/migration-rules.ts)
# Needs a PostgreSQL server to build a shadow database on: DIFF_DATABASE_URL,
# else a throwaway server from scripts/postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
started=""
if [ -z "${DIFF_DATABASE_URL:-}" ]; then
  tmp=$(mktemp -d /tmp/opsgate-diff.XXXXXX)
  chmod 755 "$tmp" # the server runs as postgres and must reach its data dir
  DIFF_DATABASE_URL=$(scripts/postgres.sh start "$tmp/pg")
  started="$tmp/pg"
fi
trap '[ -n "$started" ] && scripts/postgres.sh stop "$started"; true' EXIT
out=$(mktemp)
DATABASE_URL="$DIFF_DATABASE_URL" npx prisma migrate diff --from-migrations prisma/migrations \
  --to-schema-datamodel prisma/schema.prisma --script >"$out" 2>"$out.err" || { cat "$out.err" >&2; exit 1; }
sql=$(grep -v '^-- This is an empty migration.' "$out" || true)
rm -f "$out" "$out.err"
if [ "${1:-}" = "--check" ]; then
  if [ -n "$(printf '%s' "$sql" | tr -d '[:space:]')" ]; then
    echo "prisma/schema.prisma has changes that no migration holds (npm run db:diff prints them):" >&2
    echo "$sql" >&2
    exit 1
  fi
  echo "Migrations match prisma/schema.prisma."
  node --import tsx scripts/check-migrations.ts # additive-first rule (README "Upgrades")
else
  printf '%s\n' "$sql"
fi
