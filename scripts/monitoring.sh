#!/usr/bin/env bash
# Starts or stops a throwaway Prometheus + Alertmanager (Debian packages) for the tests.
#   scripts/monitoring.sh start DIR   → prints PROMETHEUS_URL=… and ALERTMANAGER_URL=… (also in DIR/env)
#   scripts/monitoring.sh stop DIR
# Each gets its own config and data dir under DIR and a free loopback port.
# Tests rewrite DIR/prometheus-rules.yml and DIR/alertmanager.yml and POST /-/reload.
# Prometheus resends firing alerts every second (valid for 4 s), so an alert
# whose rule is removed resolves in Alertmanager within a few seconds.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?state directory}

if [ "$cmd" = stop ]; then
  pids=()
  for f in "$dir"/prometheus.pid "$dir"/alertmanager.pid; do
    [ -f "$f" ] && pids+=("$(cat "$f")")
  done
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  # Wait until both have exited: they write their data dirs on the way out, and removing
  # a directory a process is still writing fails ("Directory not empty").
  for _ in $(seq 1 100); do
    alive=false
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=true; done
    $alive || break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$dir"
  exit 0
fi

for bin in prometheus prometheus-alertmanager; do
  if ! command -v "$bin" >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing prometheus and prometheus-alertmanager (Debian)…" >&2
      (apt-get install -y -q prometheus prometheus-alertmanager >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q prometheus prometheus-alertmanager >/dev/null; }) >&2
    else
      echo "Missing $bin. Install: sudo apt-get install -y prometheus prometheus-alertmanager" >&2
      exit 1
    fi
  fi
done

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
mkdir -p "$dir/prom-data" "$dir/am-data"
prom_port=$(free_port)
am_port=$(free_port)

cat >"$dir/alertmanager.yml" <<YAML
route:
  receiver: blackhole
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: blackhole
YAML
cat >"$dir/prometheus-rules.yml" <<YAML
groups: []
YAML
cat >"$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $dir/prometheus-rules.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ["127.0.0.1:$am_port"]
YAML

prometheus-alertmanager --config.file="$dir/alertmanager.yml" --storage.path="$dir/am-data" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= --log.level=warn \
  >"$dir/alertmanager.log" 2>&1 &
echo $! >"$dir/alertmanager.pid"
prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/prom-data" \
  --web.listen-address="127.0.0.1:$prom_port" --web.enable-lifecycle --rules.alert.resend-delay=1s \
  --log.level=warn >"$dir/prometheus.log" 2>&1 &
echo $! >"$dir/prometheus.pid"

# Ready within 30 s, or the logs explain why not.
for url in "http://127.0.0.1:$am_port/-/ready" "http://127.0.0.1:$prom_port/-/ready"; do
  ok=false
  for _ in $(seq 1 150); do
    if node -e "fetch('$url').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then ok=true; break; fi
    sleep 0.2
  done
  $ok || { echo "not ready: $url" >&2; cat "$dir"/*.log >&2; exit 1; }
done
{
  echo "PROMETHEUS_URL=http://127.0.0.1:$prom_port"
  echo "ALERTMANAGER_URL=http://127.0.0.1:$am_port"
} | tee "$dir/env"
