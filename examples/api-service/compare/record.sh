#!/usr/bin/env bash
# Records the real runs behind the BEFORE/AFTER fixtures (test/fixtures/compare/<tool>):
# N runs of the service as it is ("a") and N of the service with /items 30 % slower ("b"),
# interleaved a, b, a, b ... so that the machine's drift falls on both sides alike.
#   bash record.sh OUT_DIR [N] [locust|autocannon]
#   locust:     Locust 2.12.1 (Debian python3-locust), 10 users, 10 s, the example's locustfile
#   autocannon: autocannon 9 (npm, this repository's devDependency), 10 connections, 5 s, GET /items
set -euo pipefail
out=${1:?usage: record.sh OUT_DIR [N] [locust|autocannon]}
n=${2:-8}
tool=${3:-locust}
here=$(cd "$(dirname "$0")" && pwd)
autocannon="$here/../../../node_modules/.bin/autocannon"
mkdir -p "$out"
node "$here/../server.mjs" 18091 3600 & a=$!
ACE_SLOW=/items=30 node "$here/../server.mjs" 18092 3600 & b=$!
trap 'kill $a $b 2>/dev/null || true' EXIT
sleep 1
for i in $(seq 1 "$n"); do
  for side in a b; do
    port=$([ "$side" = a ] && echo 18091 || echo 18092)
    case "$tool" in
      locust)
        dir="$out/$side/run$i"
        mkdir -p "$dir"
        (cd "$dir" && timeout 40 locust -f "$here/../results/locust/locustfile.py" --headless -u 10 -r 10 -t 10s \
          --host "http://127.0.0.1:$port" --csv run --only-summary >/dev/null 2>&1 || true)
        rm -f "$dir"/run_stats_history.csv "$dir"/run_exceptions.csv
        ;;
      autocannon)
        mkdir -p "$out/$side"
        timeout 30 "$autocannon" -c 10 -d 5 --json "http://127.0.0.1:$port/items" >"$out/$side/run$i.json" 2>/dev/null
        ;;
      *)
        echo "record.sh: unknown tool '$tool' (locust or autocannon)" >&2
        exit 2
        ;;
    esac
  done
done
