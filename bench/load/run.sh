#!/usr/bin/env bash
# Load test of the Affinity HTTP service on loopback (issue 5, "Performance").
#
#   bench/load/run.sh            # from anywhere; ~3-6 minutes on 2 cores
#
# What it does, in order:
#   1. installs wrk if it is missing (apt-get; as root, or through sudo);
#   2. builds the CLI and the benchmark project in Release;
#   3. starts `affinity serve` on a fresh SQLite store (synchronous FULL, the default: every
#      acknowledged batch is fsynced) in a temporary folder, on a free loopback port, with a pool
#      of admin API keys (the service limits each key to 2,000 requests/s; the wrk script spreads
#      its requests over the pool so the limiter does not cap the measurement);
#   4. seeds it with synthetic implicit feedback (`load-seed` in bench/Affinity.Benchmarks:
#      long-tailed items, log-normal users) through POST /v1/events in batches, and prints the
#      ingestion rate in events/s;
#   5. trains `als` through POST /v1/models/train {"activate":true} and waits for the job;
#   6. runs wrk --latency against GET /v1/users/{id}/recommendations?count=10 (a random known user
#      per request, bench/load/recommend.lua) at each connection count, and prints requests/s,
#      p50, p99 and the count of non-2xx answers;
#   7. stops the server and removes the temporary store (trap on exit, also on Ctrl-C or error).
#
# Idempotent: every run starts from an empty store and leaves nothing behind but the build outputs.
# Settings (environment variables, defaults in brackets):
#   USERS [20000] ITEMS [100000] EVENTS [1500000]  the synthetic catalogue and interactions
#   BATCH [5000] SENDERS [2]                       events per POST and concurrent posting clients
#   FACTORS [64] ITERATIONS [3]                    als options
#   CONNECTIONS ["16 64 256"] THREADS [2] DURATION [20s]  wrk settings, one wrk run per count
#   KEYS [16]                                      API keys in the pool
#   KEEP_LOG [unset]                               copy the server log to this path before cleanup
set -euo pipefail

USERS=${USERS:-20000}
ITEMS=${ITEMS:-100000}
EVENTS=${EVENTS:-1500000}
BATCH=${BATCH:-5000}
SENDERS=${SENDERS:-2}
FACTORS=${FACTORS:-64}
ITERATIONS=${ITERATIONS:-3}
CONNECTIONS=${CONNECTIONS:-16 64 256}
THREADS=${THREADS:-2}
DURATION=${DURATION:-20s}
KEYS=${KEYS:-16}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
say() { printf '\n== %s\n' "$*"; }
# CPU seconds (user + system) the server process has used so far, from /proc (clock ticks).
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$SERVER_PID/stat"; }

if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi

say "building (Release)"
dotnet build -c Release src/Affinity.Cli 2>&1 | grep -E " error |Build succeeded" | sort -u
dotnet build -c Release bench/Affinity.Benchmarks 2>&1 | grep -E " error |Build succeeded" | sort -u
AFFINITY="dotnet $ROOT/src/Affinity.Cli/bin/Release/net10.0/affinity.dll"
SEED="dotnet $ROOT/bench/Affinity.Benchmarks/bin/Release/net10.0/Affinity.Benchmarks.dll load-seed"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/affinity-load.XXXXXX")
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -n "${KEEP_LOG:-}" ] && [ -f "$WORK/server.log" ] && cp "$WORK/server.log" "$KEEP_LOG"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
KEY_ARGS=()
KEY_LIST=
for k in $(seq 1 "$KEYS"); do
  key=$(printf 'loadtest-key-%04d' "$k")
  KEY_ARGS+=(--api-key "$key:admin")
  KEY_LIST="${KEY_LIST:+$KEY_LIST,}$key"
done
ADMIN=loadtest-key-0001

say "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "starting affinity serve on $URL, store $WORK/affinity.db"
$AFFINITY serve --store "sqlite:$WORK/affinity.db" --urls "$URL" "${KEY_ARGS[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fs "$URL/health/live" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.5
done
curl -fs "$URL/health/live" >/dev/null

say "ingesting $EVENTS events ($USERS users x $ITEMS items) in batches of $BATCH, $SENDERS senders"
$SEED --url "$URL" --users "$USERS" --items "$ITEMS" --events "$EVENTS" --batch "$BATCH" \
  --senders "$SENDERS" --api-key "$ADMIN" --users-out "$WORK/users.txt"
echo "store on disk: $(du -sh "$WORK" | cut -f1)"

say "training als ($FACTORS factors, $ITERATIONS iterations) and activating it"
start=$(date +%s.%N)
job=$(curl -fsS -X POST "$URL/v1/models/train" -H "X-Api-Key: $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"model\":\"als\",\"options\":{\"factors\":$FACTORS,\"iterations\":$ITERATIONS},\"activate\":true}")
id=$(printf '%s' "$job" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
while :; do
  view=$(curl -fsS "$URL/v1/models/jobs/$id" -H "X-Api-Key: $ADMIN")
  status=$(printf '%s' "$view" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  case "$status" in
    succeeded) break ;;
    failed) echo "training failed: $view"; exit 1 ;;
  esac
  sleep 1
done
printf 'trained and activated in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
curl -fsS "$URL/v1/health" -H "X-Api-Key: $ADMIN"; echo
user=$(head -n1 "$WORK/users.txt")
curl -fsS "$URL/v1/users/$user/recommendations?count=3" -H "X-Api-Key: $ADMIN" | head -c 300; echo

export USERS_FILE="$WORK/users.txt" API_KEYS="$KEY_LIST"
LUA="$ROOT/bench/load/recommend.lua"
say "warm-up (5 s)"
wrk -t"$THREADS" -c16 -d5s -s "$LUA" "$URL" | grep -E "Requests/sec"
for c in $CONNECTIONS; do
  say "wrk -t$THREADS -c$c -d$DURATION --latency (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  cpu0=$(cpu_seconds)
  out=$(wrk -t"$THREADS" -c"$c" -d"$DURATION" --latency -s "$LUA" "$URL")
  cpu1=$(cpu_seconds)
  printf '%s\n' "$out" | grep -E "Requests/sec|^ +50%|^ +90%|^ +99%|requests in|Non-2xx|Socket errors" || true
  # Server CPU per request: what one request costs, whatever else shares the cores.
  requests=$(printf '%s\n' "$out" | awk '/requests in/ { print $1 }')
  echo "server CPU: $(echo "$cpu1 - $cpu0" | bc) s for $requests requests, $(echo "scale=3; 1000 * ($cpu1 - $cpu0) / $requests" | bc) ms per request"
done
say "done (load average $(cut -d' ' -f1-3 /proc/loadavg))"
