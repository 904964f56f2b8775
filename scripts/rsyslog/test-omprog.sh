#!/usr/bin/env bash
# scripts/rsyslog/test-omprog.sh [SMTP_DOCTOR] — runs packaging/rsyslog/smtp-doctor.conf under a private rsyslogd.
#
# Starts rsyslogd in the foreground with its own configuration, listening only on a socket in a temporary folder
# (never the system's /dev/log), includes the documented omprog configuration with the program and the output file
# pointed into that folder, writes Postfix lines through `logger`, and checks the diagnosed JSON records that come
# back. SMTP_DOCTOR is the program to run (default: the debug build). Without rsyslogd it says so and exits 0, or 1
# when CI=true.
set -euo pipefail
cd "$(dirname "$0")/../.."
program=$(readlink -f "${1:-.build/debug/smtp-doctor}")
rsyslogd=$(command -v rsyslogd || ls /usr/sbin/rsyslogd 2>/dev/null || true)
if [ -z "$rsyslogd" ] || ! command -v logger >/dev/null; then
  echo "SKIPPED: rsyslog stage test: rsyslogd or logger is not installed (apt-get install rsyslog bsdutils)" >&2
  [ "${CI:-}" != true ] || exit 1
  exit 0
fi
[ -x "$program" ] || { echo "test-omprog.sh: no program at $program; build it first" >&2; exit 1; }

dir=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
records=$dir/failures.jsonl
socket=$dir/log.sock

# The documented file, with the installed paths replaced by this run's.
sed -e "s|/usr/bin/smtp-doctor|$program|" -e "s|/var/log/smtp-doctor/failures.jsonl|$records|" \
  packaging/rsyslog/smtp-doctor.conf >"$dir/smtp-doctor.conf"
grep -q "binary=\"$program analyze --jsonl" "$dir/smtp-doctor.conf" \
  || { echo "test-omprog.sh: the documented binary path is no longer /usr/bin/smtp-doctor" >&2; exit 1; }
cat >"$dir/rsyslog.conf" <<CONF
global(workDirectory="$dir")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="$socket" CreatePath="on")
include(file="$dir/smtp-doctor.conf")
CONF
"$rsyslogd" -N1 -f "$dir/rsyslog.conf" >"$dir/check.txt" 2>&1 || { cat "$dir/check.txt" >&2; exit 1; }
"$rsyslogd" -n -f "$dir/rsyslog.conf" -i "$dir/rsyslogd.pid" >"$dir/rsyslogd.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { cat "$dir/rsyslogd.log" >&2; echo "test-omprog.sh: rsyslogd did not open $socket" >&2; exit 1; }

log() { logger --socket-errors=on -u "$socket" "$@"; }
log -p mail.info -t postfix/smtp --id=811 \
  "4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))"
log -p mail.info -t postfix/smtp --id=812 \
  "5A1B2C3D4E: to=<carol@example.org>, relay=mx.example.org[198.51.100.9]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9F8E7D)"
log -p user.info -t postfix/smtp --id=813 \
  "6B2C3D4E5F: to=<dave@example.net>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=5.1.1, status=bounced (not the mail facility: must not arrive)"
log -p mail.info -t postfix/smtpd --id=912 \
  "NOQUEUE: reject: RCPT from unknown[198.51.100.23]: 554 5.7.1 <x@example.net>: Relay access denied; from=<a@example.org> to=<x@example.net> proto=ESMTP helo=<pc>"

# Two records are expected; wait for them generously (the machine may be loaded), then a moment for a stray third.
for _ in $(seq 1 600); do [ -f "$records" ] && [ "$(wc -l <"$records")" -ge 2 ] && break; sleep 0.1; done
sleep 1
echo "records written by rsyslog's omprog stage:"
cat "$records" 2>/dev/null || { cat "$dir/rsyslogd.log" >&2; echo "test-omprog.sh: no records file" >&2; exit 1; }
python3 - "$records" <<'PY'
import json, sys
lines = [line for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
records = [json.loads(line) for line in lines]
assert len(records) == 2, f"expected 2 failure records, got {len(records)}"
first, second = records
assert first["recipient"] == "bob@example.com" and first["status"] == "bounced", first
assert first["diagnosis"]["id"] == "recipient.unknown-user", first["diagnosis"]
assert first["replyCode"] == 550 and first["enhancedCode"] == "5.1.1", first
assert second["recipient"] == "x@example.net" and second["replyCode"] == 554, second
assert second["diagnosis"]["category"] == "relay", second["diagnosis"]
print("rsyslog stage: 2 failures diagnosed (" + ", ".join(r["diagnosis"]["id"] for r in records) + ")")
PY
