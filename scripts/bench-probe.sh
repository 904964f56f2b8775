#!/usr/bin/env bash
# Benchmarks smtp-doctor probe against swaks on the local Postfix from scripts/mail-servers/setup.sh.
#   1. A full STARTTLS + AUTH LOGIN probe of the submission port vs `swaks -tls -a LOGIN --quit-after AUTH`,
#      RUNS times each, interleaved (one run of each side by side), median and min/max in milliseconds.
#   2. `--port auto` (587, 465 and 25 of 127.0.0.1 probed concurrently) vs the slowest and the sum of the three
#      single probes of the same ports.
# Usage: bash scripts/bench-probe.sh [RUNS]   (default 15). Builds the release binary first.
set -euo pipefail
RUNS=${1:-15}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${SMTP_DOCTOR_MAIL_ENV:-/tmp/smtp-doctor-mail-servers/connection.env}
if [ -z "${SMTP_DOCTOR_BIN:-}" ]; then
  (cd "$ROOT" && swift build -c release --product smtp-doctor >/dev/null)
fi
BIN=${SMTP_DOCTOR_BIN:-$ROOT/.build/release/smtp-doctor}
[ -s "$ENV_FILE" ] || { echo "bench-probe: run bash scripts/mail-servers/setup.sh first" >&2; exit 1; }
# shellcheck disable=SC1090
source "$ENV_FILE"
export SMTP_TEST_PASSWORD

now_ms() { date +%s%N | awk '{ printf "%d", $1 / 1000000 }'; }
time_ms() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N); echo $(( (end - start) / 1000 )); }
stats() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "median %.1f ms  (min %.1f, max %.1f, n=%d)", m / 1000, a[1] / 1000, a[NR] / 1000, NR }'; }

probe=("$BIN" probe --host "$SMTP_TEST_HOST" --port "$SMTP_TEST_PORT_SUBMISSION" --tls starttls --auth-mech login
  --user "$SMTP_TEST_USER" --password-env SMTP_TEST_PASSWORD --ca-file "$SMTP_TEST_CA_FILE" --no-transcript)
swaks_cmd=(swaks --server "$SMTP_TEST_HOST:$SMTP_TEST_PORT_SUBMISSION" -tls -a LOGIN --auth-user "$SMTP_TEST_USER"
  --auth-password "$SMTP_TEST_PASSWORD" --quit-after AUTH --silent 2)

"${probe[@]}" >/dev/null || { echo "bench-probe: the probe did not succeed; check the mail servers" >&2; exit 1; }
"${probe[@]}" >/dev/null; "${swaks_cmd[@]}" >/dev/null   # warm-up

: > /tmp/bench-probe.$$; : > /tmp/bench-swaks.$$
for _ in $(seq "$RUNS"); do
  time_ms "${probe[@]}" >> /tmp/bench-probe.$$
  time_ms "${swaks_cmd[@]}" >> /tmp/bench-swaks.$$
done
echo "STARTTLS + AUTH LOGIN on $SMTP_TEST_HOST:$SMTP_TEST_PORT_SUBMISSION, $RUNS interleaved runs each (wall time per process):"
echo "  smtp-doctor probe   $(stats < /tmp/bench-probe.$$)"
echo "  swaks               $(stats < /tmp/bench-swaks.$$)"

single() { "$BIN" probe --host "$SMTP_TEST_HOST" --port "$1" --tls "$2" --user "$SMTP_TEST_USER" --password-env SMTP_TEST_PASSWORD \
  --ca-file "$SMTP_TEST_CA_FILE" --no-transcript --timeout 3; }
: > /tmp/bench-slowest.$$; : > /tmp/bench-auto.$$; : > /tmp/bench-sum.$$
for _ in $(seq "$RUNS"); do
  a=$(time_ms single 587 starttls); b=$(time_ms single 465 implicit); c=$(time_ms single 25 auto)
  printf '%s\n' "$a" "$b" "$c" | sort -n | tail -1 >> /tmp/bench-slowest.$$
  echo $(( a + b + c )) >> /tmp/bench-sum.$$
  time_ms "$BIN" probe --host "${SWEEP_HOST:-$SMTP_TEST_HOST}" --port auto --user "$SMTP_TEST_USER" --password-env SMTP_TEST_PASSWORD \
    --ca-file "$SMTP_TEST_CA_FILE" --no-transcript --timeout 3 >> /tmp/bench-auto.$$
done
echo "Several ports ($RUNS runs):"
echo "  slowest of the three single probes (587, 465, 25)      $(stats < /tmp/bench-slowest.$$)"
echo "  sum of the three single probes                         $(stats < /tmp/bench-sum.$$)"
echo "  --port auto on ${SWEEP_HOST:-$SMTP_TEST_HOST} (587, 465, 25 concurrently)      $(stats < /tmp/bench-auto.$$)"
rm -f /tmp/bench-*.$$
