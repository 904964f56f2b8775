#!/usr/bin/env bash
# Benchmark of `smtp-doctor analyze` against Debian's pflogsumm on the same generated Postfix log, in one run:
# wall time, MB/s and peak memory (/usr/bin/time -v) for both; then bounce messages per second on a folder of
# generated DSNs. Not run in CI.
#
# Usage: scripts/bench-analyze.sh [SIZE_MB] [BOUNCES]      (defaults: 200 MB, 20000 messages)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-200}
bounces=${2:-20000}
work=${BENCH_DIR:-/tmp/smtp-doctor-bench}
mkdir -p "$work"

command -v pflogsumm >/dev/null || { echo "installing pflogsumm" >&2; apt-get install -y -qq pflogsumm >/dev/null; }
[ -x /usr/bin/time ] || { echo "installing time" >&2; apt-get install -y -qq time >/dev/null; }
swift build -c release --product smtp-doctor >/dev/null
bin=.build/release/smtp-doctor

log="$work/postfix-$size.log"
[ -s "$log" ] || scripts/generate-postfix-log "$size" "$log"
dsns="$work/bounces-$bounces"
[ -d "$dsns" ] || scripts/generate-bounces "$bounces" "$dsns"
bytes=$(stat -c %s "$log")

measure() { # label, command...
  local label=$1; shift
  cat "$log" > /dev/null  # same page-cache state for both
  /usr/bin/time -v "$@" > "$work/$label.out" 2> "$work/$label.time"
  local secs rss
  secs=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/$label.time")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.1f", $2/1024}' "$work/$label.time")
  printf '%-22s %8.2f s  %8.1f MB/s  peak %7s MB\n' "$label" "$secs" "$(echo "$bytes/1000000/$secs" | bc -l)" "$rss"
  echo "$secs" > "$work/$label.secs"
}

echo "machine: $(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1)"
echo "log: $log, $(echo "$bytes/1000000" | bc) MB, $(wc -l < "$log") lines, $(grep -c 'status=bounced\|status=deferred\|reject:' "$log") failure lines"
echo
measure smtp-doctor-analyze "$bin" analyze --no-progress "$log"
measure pflogsumm pflogsumm "$log"
echo "speed-up: $(echo "$(cat "$work/pflogsumm.secs")/$(cat "$work/smtp-doctor-analyze.secs")" | bc -l | cut -c1-5)x"
grep -E "^Failures" "$work/smtp-doctor-analyze.out" || true
echo
start=$(date +%s.%N)
/usr/bin/time -v "$bin" analyze --no-progress --format json "$dsns" > "$work/bounces.json" 2> "$work/bounces.time"
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)
events=$(python3 -c "import json;d=json.load(open('$work/bounces.json'));print(d['failures'], d['input']['messages'])")
printf 'bounces: %s messages (failures, messages) in %.2f s = %.0f messages/s, peak %s MB\n' "$events" "$secs" \
  "$(echo "$bounces/$secs" | bc -l)" "$(awk -F': ' '/Maximum resident/ {printf "%.1f", $2/1024}' "$work/bounces.time")"
