#!/usr/bin/env bash
# `npm run test:deploy` (also the last step of `npm test`; `npm test -- --skip-deploy` leaves it out).
# Builds the OpsGate image on a locally built base (no registry needed), runs it against a
# throwaway PostgreSQL and checks: /api/ready 200, the process uid is not 0, a read-only root
# filesystem works, the instance waits for the migration Job (OPSGATE_MIGRATE_ON_START=false),
# `podman healthcheck run` is healthy, SIGTERM exits 0 within 10 s, and no
# secret-looking string is in `podman history`, the image config or its layers.
# podman state is kept in OPSGATE_PODMAN_DIR (default /var/tmp/opsgate-podman) so the base image
# and the dependency layer are cached between runs; a fresh machine builds everything (~5 min).
set -euo pipefail
cd "$(dirname "$0")/.."
W=${OPSGATE_PODMAN_DIR:-/var/tmp/opsgate-podman}
image=localhost/opsgate:test
name=opsgate-deploy-test-$$
step() { printf '\n\033[1m== deploy: %s\033[0m\n' "$*"; }
fail() { echo "deploy test FAILED: $*" >&2; exit 1; }
passed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }

step "Local base image"
eval "$(scripts/container-base.sh "$W")"

tmp=$(mktemp -d /tmp/opsgate-deploy.XXXXXX); chmod 755 "$tmp"
cleanup() {
  podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$name-data" >/dev/null 2>&1 || true
  scripts/postgres.sh stop "$tmp/pg" || true
  rm -rf "$tmp"
}
trap cleanup EXIT

step "Build the image"
t0=$(date +%s)
podman build -q --format docker --network host --build-arg BASE_IMAGE=localhost/node:22-bookworm-slim -t "$image" . >/dev/null
size=$(podman image inspect --format '{{.Size}}' "$image")
echo "built $image in $(($(date +%s) - t0)) s, $((size / 1000000)) MB"
podman image prune -f >/dev/null 2>&1 || true

step "Run it against PostgreSQL, read-only root filesystem"
db_url=$(scripts/postgres.sh start "$tmp/pg")
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
secret=$(node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))')
podman volume create "$name-data" >/dev/null
# As in Kubernetes: the instance waits for the migrations (OPSGATE_MIGRATE_ON_START=false), the
# rendered migration Job's command applies them once, then the instance serves.
podman run -d --name "$name" --network host --read-only \
  -v "$name-data:/data" --tmpfs /app/.next/cache:rw,mode=1777 \
  -e DATABASE_URL="$db_url" -e NEXTAUTH_SECRET="$secret" -e OPSGATE_AUDIT_KEY="$secret" -e PORT="$port" -e NEXTAUTH_URL="http://127.0.0.1:$port" \
  -e OPSGATE_MIGRATE_ON_START=false -e LOG_LEVEL=warn "$image" >/dev/null
waiting=false
for _ in $(seq 1 60); do
  podman logs "$name" 2>&1 | grep -q "waiting for .* migration" && { waiting=true; break; }
  sleep 1
done
$waiting || { podman logs "$name" | tail -20 >&2; fail "with OPSGATE_MIGRATE_ON_START=false the instance did not wait for the migrations"; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/ready" || true)" != 200 ] || fail "ready before its migrations were applied"
mapfile -t job_cmd < <(kubectl kustomize deploy/kubernetes/overlays/single |
  node -e 'const y=require("yaml");const d=y.parseAllDocuments(require("fs").readFileSync(0,"utf8")).map(x=>x.toJS()).find(o=>o.kind==="Job");console.log(d.spec.template.spec.containers[0].command.join("\n"))')
podman run --rm --network host --read-only --tmpfs /tmp:rw,mode=1777 -e DATABASE_URL="$db_url" -e LOG_LEVEL=warn "$image" "${job_cmd[@]}" >/dev/null ||
  fail "the migration Job's command failed"
ok "the instance waits for its migrations; the migration Job's command (${job_cmd[*]: -2}) applies them"
ready=false
for _ in $(seq 1 180); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/ready" || true)
  [ "$code" = 200 ] && { ready=true; break; }
  [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ] || break
  sleep 1
done
$ready || { podman logs "$name" | tail -40 >&2; fail "/api/ready did not answer 200"; }
ok "/api/ready answers 200 with --read-only"
curl -sf "http://127.0.0.1:$port/api/health" | grep -q '"version"' || fail "/api/health does not report the version"
ok "/api/health reports the version"
curl -sf -o /dev/null "http://127.0.0.1:$port/login" || fail "/login does not render"
ok "a page renders"

uid=$(podman exec "$name" awk '/^Uid:/ {print $2}' /proc/1/status)
[ -n "$uid" ] && [ "$uid" != 0 ] || fail "process uid is '$uid'"
ok "process 1 runs as uid $uid"
if podman exec "$name" sh -c 'touch /app/probe' 2>/dev/null; then fail "the root filesystem is writable"; fi
ok "the root filesystem is read-only"

podman healthcheck run "$name" >/dev/null || fail "podman healthcheck run is not healthy"
ok "podman healthcheck run: healthy"

step "podman kube play of the rendered single overlay"
kport=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
kubectl kustomize deploy/kubernetes/overlays/single |
  node scripts/kube-play-manifest.mjs "$image" "$kport" "$db_url" "$secret" > "$tmp/kube.yaml"
kube_down() { podman kube down "$tmp/kube.yaml" >/dev/null 2>&1 || true; }
trap 'kube_down; cleanup' EXIT
podman kube play "$tmp/kube.yaml" >/dev/null
ready=false
for _ in $(seq 1 180); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$kport/api/ready" || true)" = 200 ] && { ready=true; break; }
  sleep 1
done
$ready || { podman logs opsgate-pod-0-opsgate 2>&1 | tail -40 >&2; fail "the kube-played Deployment did not answer /api/ready"; }
if podman exec opsgate-pod-0-opsgate sh -c 'touch /app/probe' 2>/dev/null; then fail "kube play: the root filesystem is writable"; fi
[ "$(podman exec opsgate-pod-0-opsgate awk '/^Uid:/ {print $2}' /proc/1/status)" != 0 ] || fail "kube play: runs as root"
ok "podman kube play of the single overlay answers /api/ready (non-root, read-only root), beside the first instance on one PostgreSQL"

step "SIGTERM stops it cleanly within 10 s"
t0=$(date +%s%N)
podman kill --signal TERM "$name" >/dev/null
# Poll the state (podman 4.3's `podman wait` itself can take 10+ s to notice an exit).
while [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ] && [ $((($(date +%s%N) - t0) / 1000000)) -lt 15000 ]; do sleep 0.2; done
ms=$((($(date +%s%N) - t0) / 1000000))
rc=$(podman inspect --format '{{.State.ExitCode}}' "$name")
[ "$(podman inspect --format '{{.State.Running}}' "$name")" = false ] || fail "still running $ms ms after SIGTERM"
[ "$rc" = 0 ] || { podman logs "$name" | tail -20 >&2; fail "exit status after SIGTERM: $rc"; }
[ "$ms" -le 10000 ] || fail "stopping took $ms ms"
ok "SIGTERM: exit 0 after $ms ms"
curl -sf -o /dev/null "http://127.0.0.1:$kport/api/ready" || fail "the second instance stopped serving when the first one stopped"
ok "the second instance keeps serving while the first one stops (the rolling-upgrade step)"
kube_down

step "No secrets in the image"
pattern='(NEXTAUTH_SECRET|OPSGATE_AUDIT_KEY|OIDC_CLIENT_SECRET|OPSGATE_WEBHOOK_SECRET|DATABASE_URL|PASSWORD|TOKEN)=|BEGIN [A-Z ]*PRIVATE KEY|postgres(ql)?://[^ ]*:[^ ]*@'
if podman history --no-trunc --format '{{.CreatedBy}}' "$image" | grep -Eiq "$pattern"; then fail "podman history holds a secret-looking string"; fi
if podman image inspect --format '{{json .Config.Env}}' "$image" | grep -Eiq "$pattern"; then fail "the image environment holds a secret-looking string"; fi
ok "history and config hold no secret-looking string"
mnt=$(podman image mount "$image")
found=$(cd "$mnt" && find . -path ./proc -prune -o \( -name '.env' -o -name '.env.*' -o -name 'deploy.env' -o -name 'secret' \) -print | grep -v '^./proc$' | grep -v '/node_modules/' || true)
# A PEM private key block (bundled PEM parsers only mention the header, without a body).
keys=$(grep -rlzP -- '-----BEGIN [A-Z ]*PRIVATE KEY-----\r?\n[A-Za-z0-9+/=]{40,}' "$mnt/app" "$mnt/etc" "$mnt/root" "$mnt/home" 2>/dev/null || true)
podman image unmount "$image" >/dev/null
[ -z "$found" ] || fail "env or secret files in the image: $found"
[ -z "$keys" ] || fail "private keys in the image: $keys"
ok "no .env, secret file or private key in the layers"

echo "$passed passed, 0 failed"
