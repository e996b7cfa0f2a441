#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine. Installs what is missing (as root,
# through apt: Debian's chromium, postgresql, prometheus and prometheus-alertmanager), starts a throwaway PostgreSQL
# as a non-root user, runs type-check, lint, unit tests, the migration drift
# check, integration tests against PostgreSQL and against the embedded
# database, the production build and the Playwright end-to-end tests, then
# stops what it started.
#   npm test -- --skip-e2e      everything but the browser tests
#   npm test -- --only-e2e      only build + browser tests
#   npm test -- --skip-deploy   leave out the container test (scripts/test-deploy.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export LOG_LEVEL=${LOG_LEVEL:-warn} # keep CI output to failures
skip_e2e=false; only_e2e=false; skip_deploy=false
for a in "$@"; do
  case "$a" in
    --skip-e2e) skip_e2e=true ;;
    --only-e2e) only_e2e=true ;;
    --skip-deploy) skip_deploy=true ;;
  esac
done

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
apt_updated=false
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "Missing system package(s): $*. Install them with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  $apt_updated || { apt-get update -q >/dev/null; apt_updated=true; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

step "System dependencies"
have_pg=false; for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && have_pg=true; done
$have_pg || { echo "installing postgresql"; apt_install postgresql; }
command -v promtool >/dev/null || { echo "installing prometheus"; apt_install prometheus; } # /metrics tests (promtool, a real scrape)
if ! $skip_e2e; then
  export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
  [ -x "$CHROMIUM_PATH" ] || { echo "installing chromium"; apt_install chromium; }
fi
command -v psql >/dev/null || apt_install postgresql-client
# Real Prometheus + Alertmanager for the alert tests (scripts/monitoring.sh starts them per test file)
if ! $only_e2e; then
  { command -v prometheus >/dev/null && command -v prometheus-alertmanager >/dev/null; } || { echo "installing prometheus prometheus-alertmanager"; apt_install prometheus prometheus-alertmanager; }
fi
echo "postgresql: $(ls -d /usr/lib/postgresql/*/bin | head -1); chromium: ${CHROMIUM_PATH:-skipped}; prometheus: $(command -v prometheus || echo skipped)"

tmp=$(mktemp -d /tmp/opsgate-test.XXXXXX)
chmod 755 "$tmp"
cleanup() {
  scripts/postgres.sh stop "$tmp/pg" || true
  rm -rf "$tmp"
}
trap cleanup EXIT

[ -d lib/generated/prisma ] || npm run postinstall --silent

if ! $only_e2e; then
  step "Type-check"
  npx tsc --noEmit
  step "Lint"
  npx eslint --max-warnings=0 .
  step "Unit tests"
  npx vitest run --project unit

  step "PostgreSQL"
  TEST_DATABASE_URL=$(scripts/postgres.sh start "$tmp/pg")
  export TEST_DATABASE_URL
  echo "started $TEST_DATABASE_URL"
  step "Migrations match the schema"
  DIFF_DATABASE_URL=$TEST_DATABASE_URL scripts/db-diff.sh --check
  step "Integration tests (PostgreSQL)"
  OPSGATE_TEST_DB=postgres npx vitest run --project integration
  step "Integration tests (embedded PGlite)"
  OPSGATE_TEST_DB=embedded npx vitest run --project integration
fi

if ! $skip_e2e; then
  step "Production build"
  npm run build --silent
  step "End-to-end tests (Chromium)"
  rm -rf .test-tmp/e2e-data playwright/.auth
  mkdir -p playwright/.auth .test-tmp
  npx playwright test
fi
if ! $skip_deploy && ! $only_e2e; then
  step "Container image (podman)"
  bash scripts/test-deploy.sh
fi
step "All tests passed"
