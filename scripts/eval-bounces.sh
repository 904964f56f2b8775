#!/usr/bin/env bash
# eval-bounces.sh CORPUS — scores `smtp-doctor analyze` on Sisimai's public set of bounce messages and runs Debian's
# Sisimai 4.25 (libsisimai-perl) on the same files in the same run, scoring both on the same mapping table
# (scripts/eval-bounces-mapping.tsv). CORPUS is the folder holding sisimai-set-of-emails/ and sisimai-expected.jsonl.
#
# Prints per folder the share of messages that yield failed recipients, the status (enhanced code) agreement and
# the category agreement with the expected records, and wall time and peak memory of each tool (/usr/bin/time -v).
# Exits 1 when a figure is below its minimum:
#   MIN_DECODED (percent of bounce messages in bsd, dos, mac, err yielding recipients), MIN_STATUS (percent of
#   records with an RFC 3463 status), MIN_CATEGORY (percent of records with a comparable category); MAX_NOT (messages of
#   `not` yielding a failure, default 0). SMTP_DOCTOR names the binary (default .build/debug/smtp-doctor).
# MISSES=1 also lists the bounce messages that yield nothing (and messages of `not` that yield a failure), and every
# record whose category disagrees, grouped by (expected, reported), with its text.
set -euo pipefail
corpus=${1:?usage: eval-bounces.sh CORPUS}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
binary=${SMTP_DOCTOR:-$root/.build/debug/smtp-doctor}
set_of_emails="$corpus/sisimai-set-of-emails"
[ -x "$binary" ] || { echo "eval-bounces: no binary at $binary (build it, or set SMTP_DOCTOR)" >&2; exit 2; }
[ -d "$set_of_emails/maildir" ] || { echo "eval-bounces: no $set_of_emails/maildir" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "eval-bounces: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
perl -MSisimai -e1 2>/dev/null || { echo "eval-bounces: Sisimai is missing (apt-get install libsisimai-perl)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=("$set_of_emails"/maildir/* "$set_of_emails"/mailbox/*)

# One process each over the whole corpus; analyze exits non-zero for the empty mbox files, which is not a failure
# of the run.
/usr/bin/time -v -o "$work/ours.time" "$binary" analyze --jsonl --no-progress "${inputs[@]}" \
    >"$work/ours.jsonl" 2>"$work/ours.stderr" || true
/usr/bin/time -v -o "$work/sisimai.time" perl "$here/eval-bounces-sisimai.pl" "${inputs[@]}" \
    >"$work/sisimai.jsonl" 2>"$work/sisimai.stderr"

echo "eval-bounces: $(date -u +%Y-%m-%dT%H:%M:%SZ), $("$binary" --version 2>/dev/null || echo smtp-doctor), Sisimai $(perl -MSisimai -e 'print Sisimai->version')"
exec perl "$here/eval-bounces-score.pl" "$set_of_emails" "$corpus/sisimai-expected.jsonl" "$here/eval-bounces-mapping.tsv" \
    "$work/ours.jsonl" "$work/ours.time" "$work/sisimai.jsonl" "$work/sisimai.time"
