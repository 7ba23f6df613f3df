#!/usr/bin/env bash
# Records the real Locust runs behind the BEFORE/AFTER fixtures (test/fixtures/compare/locust):
# N runs of the service as it is ("a") and N of the service with /items 30 % slower ("b"),
# interleaved a, b, a, b ... so that the machine's drift falls on both sides alike.
#   bash record.sh OUT_DIR [N]     (Locust 2.12.1, Debian python3-locust; node 20)
set -euo pipefail
out=${1:?usage: record.sh OUT_DIR [N]}
n=${2:-8}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
node "$here/../server.mjs" 18091 3600 & a=$!
ACE_SLOW=/items=30 node "$here/../server.mjs" 18092 3600 & b=$!
trap 'kill $a $b 2>/dev/null || true' EXIT
sleep 1
for i in $(seq 1 "$n"); do
  for side in a b; do
    port=$([ "$side" = a ] && echo 18091 || echo 18092)
    dir="$out/$side/run$i"
    mkdir -p "$dir"
    (cd "$dir" && timeout 40 locust -f "$here/../results/locust/locustfile.py" --headless -u 10 -r 10 -t 10s \
      --host "http://127.0.0.1:$port" --csv run --only-summary >/dev/null 2>&1 || true)
    rm -f "$dir"/run_stats_history.csv "$dir"/run_exceptions.csv
  done
done
