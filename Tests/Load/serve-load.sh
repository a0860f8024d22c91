#!/usr/bin/env bash
# Load test of `lantern serve` on loopback (issue 7): bounded in time and connections, local only.
#   Tests/Load/serve-load.sh [SECONDS=30] [LANTERN=.build/release/lantern]
# Reports requests/s, errors, non-2xx answers, and the server's memory before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
lantern=${2:-.build/release/lantern}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
"$lantern" serve --port "$port" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 100); do curl -fsS "$base/" >/dev/null 2>&1 && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2 " kB"}' /proc/$server/status; }
failures=0
check() {  # name expected-status url
  local got; got=$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$3")
  if [[ $got != "$2" ]]; then echo "FAIL $1: $3 answered $got, expected $2"; failures=$((failures + 1)); fi
}
echo "memory after start: $(rss)"
for path in '/../../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/%2E%2E%2Fetc%2Fpasswd' '/..%2f..%2fetc/passwd' \
    '/%252e%252e/etc/passwd' '/..\\..\\etc\\passwd' '/%c0%ae%c0%ae/etc/passwd' '/assets/%00../../site.yaml' \
    '/....//....//etc/passwd' '/./../site.yaml' '//etc/passwd' '/assets/../../Content/faq.md'; do
  check traversal 404 "$base$path"
done
check "no listing" 404 "$base/assets/"
check page 200 "$base/therapies/cbt/"
echo "wrk: 100 connections, $seconds s, mixed pages"
wrk -t2 -c100 -d"${seconds}s" --latency "$base/therapies/cbt/" | tee /tmp/wrk-100.txt | grep -E "Requests/sec|Non-2xx|errors|Latency|99%"
echo "memory after 100-connection run: $(rss)"
echo "wrk: 1000 connections, 10 s"
ulimit -n 8192 2>/dev/null || true
wrk -t2 -c1000 -d10s --timeout 10s "$base/" | tee /tmp/wrk-1000.txt | grep -E "Requests/sec|Non-2xx|errors"
check "still answering" 200 "$base/faq/"
echo "memory after 1000-connection run: $(rss)"
wrk -t2 -c100 -d"${seconds}s" "$base/iop/" | grep -E "Requests/sec|Non-2xx|errors"
echo "memory after second 100-connection run: $(rss)"
grep -E "errors|Non-2xx" /tmp/wrk-100.txt /tmp/wrk-1000.txt >/dev/null && { echo "FAIL: wrk saw errors"; failures=$((failures + 1)); }
echo "$((14 - failures)) passed, $failures failed"
[[ $failures == 0 ]]
