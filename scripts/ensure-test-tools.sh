#!/usr/bin/env bash
# Installs the Debian tools Ace's tests and fixture recipes use, when missing. Idempotent:
# a machine that has them all runs no apt command. Meant for `pretest` and CI (root, Debian).
#   promtool  (prometheus)     generated alerting rules are checked with `promtool check rules`
#   prometheus (prometheus)    the server itself: metrics_query, the RED baseline and the alert rules run against it
#   locust    (python3-locust) test/fixtures/loadtests/locust recipe
#   wrk       (wrk)            test/fixtures/loadtests/wrk recipe
#   rg        (ripgrep)        the grep tool's tests
#   chromium  (chromium)       report.html and the MCP App opened in a real browser (playwright-core)
set -euo pipefail

need=()
{ command -v promtool >/dev/null 2>&1 && [ -x /usr/bin/prometheus ]; } || need+=(prometheus)
command -v locust >/dev/null 2>&1 || need+=(python3-locust)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: missing ${need[*]} and no apt-get here; install them by hand" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-test-tools: missing ${need[*]}; not root and no sudo, skipping" >&2
    exit 0
  fi
fi

echo "ensure-test-tools: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
