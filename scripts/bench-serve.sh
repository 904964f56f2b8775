#!/usr/bin/env bash
# Load test of `smtp-doctor serve`: 50 concurrent clients for 30 s against POST /api/diagnose on loopback, with wrk
# (Debian). Prints throughput, p50/p99 latency, the error count, and the server's resident memory before and after
# the run and at its peak (VmHWM), so that bounded memory is visible. Exits non-zero when a request failed.
#
# Usage: scripts/bench-serve.sh [--debug] [--readme] [SECONDS] [CLIENTS]
#   Release build by default; --debug measures the debug build instead (faster to build, slower to run).
#   --readme also writes the figures into README.md, between the bench-serve:begin and bench-serve:end markers.
#   SMTP_DOCTOR=PATH measures that binary instead of building one (for example the packaged release build).
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=release
readme=false
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) configuration=debug; shift ;;
    --readme) readme=true; shift ;;
    --*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
seconds=${1:-30}
clients=${2:-50}

command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -qq wrk >/dev/null; }
if [ -n "${SMTP_DOCTOR:-}" ]; then
  bin=$SMTP_DOCTOR
  configuration="the binary in SMTP_DOCTOR (smtp-doctor $("$bin" --version))"
else
  swift build -c "$configuration" --product smtp-doctor >/dev/null
  bin=$(swift build -c "$configuration" --show-bin-path)/smtp-doctor
  configuration="$configuration build"
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --listen "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do grep -q "serving on" "$work/serve.log" && break; sleep 0.1; done

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"errors": ["550 5.7.1 Unable to relay for bob@example.org"], "provider": "exchange-server"}'
done = function(summary, latency, requests)
  io.write(string.format("requests %d  errors %d (status %d, timeout %d)\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
    summary.errors.timeout, summary.errors.status, summary.errors.timeout))
  io.write(string.format("throughput %.0f requests/s\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.1f ms  p99 %.1f ms  max %.1f ms\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

rss() { awk '/^VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$server/status"; }
# One request first, so that the knowledge base and the engine are warm before measuring.
curl -fsS -o /dev/null -H 'content-type: application/json' -d '{"errors": ["550 5.1.1"]}' "http://127.0.0.1:$port/api/diagnose"
# Everything measured goes to standard output and, with --readme, into the README's code block.
measure() {
  echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1 /proc/loadavg); $configuration; $clients clients for $seconds s, POST /api/diagnose"
  echo "server memory before: $(rss)"
  wrk -t 2 -c "$clients" -d "${seconds}s" --timeout 30s -s "$work/post.lua" "http://127.0.0.1:$port/api/diagnose" \
    | sed -n '/^requests /,$p'
  echo "server memory after: $(rss); peak: $(awk '/^VmHWM/ {print $2 / 1024 " MiB"}' "/proc/$server/status")"
}
figures="$work/figures"
measure | tee "$figures"
if $readme; then
  python3 - README.md "$figures" <<'PY'
import sys
readme, figures = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(readme).read()
begin, end = "<!-- bench-serve:begin -->", "<!-- bench-serve:end -->"
if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
    sys.exit("README.md needs one " + begin + " line before one " + end + " line")
head, rest = text.split(begin)
_, tail = rest.split(end)
open(readme, "w").write(head + begin + "\n```\n" + figures + "\n```\n" + end + tail)
PY
  echo "README.md: figures written between the bench-serve markers" >&2
fi
failed=$(sed -n 's/^requests [0-9]*  errors \([0-9]*\).*/\1/p' "$figures")
if [ -z "$failed" ]; then
  echo "bench-serve: wrk printed no summary" >&2
  exit 1
elif [ "$failed" != 0 ]; then
  echo "bench-serve: $failed requests failed" >&2
  exit 1
fi
