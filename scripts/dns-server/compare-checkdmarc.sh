#!/usr/bin/env bash
# Runs smtp-doctor check-domain and checkdmarc (PyPI) over every scenario of the test zone and writes where they
# agree and differ, with the wall time of both, into the README between the checkdmarc-comparison markers.
# Needs the test DNS server (scripts/dns-server/start.sh) and a built smtp-doctor; installs checkdmarc into a
# virtual environment when it is missing.
# Usage: scripts/dns-server/compare-checkdmarc.sh [--no-readme]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/scripts/dns-server"
port=${DNS_TEST_PORT:-5353}
doctor=${SMTP_DOCTOR:-$root/.build/debug/smtp-doctor}
venv=${CHECKDMARC_VENV:-/tmp/smtp-doctor-checkdmarc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$doctor" ] || { echo "no smtp-doctor at $doctor: build it or set SMTP_DOCTOR" >&2; exit 1; }
dig +short +time=2 +tries=1 -p "$port" @127.0.0.1 SOA dnscheck.test | grep -q hostmaster \
    || { echo "the test DNS server does not answer on 127.0.0.1:$port: run scripts/dns-server/start.sh" >&2; exit 1; }
if [ ! -x "$venv/bin/checkdmarc" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet checkdmarc
fi
version=$("$venv/bin/pip" show checkdmarc | awk '/^Version:/ {print $2}')

mapfile -t domains < <(sed -n 's/^; --- \([a-z0-9]*\)$/\1.dnscheck.test/p' "$here/zones/dnscheck.test.zone")
mkdir -p "$work/doctor" "$work/checkdmarc"

start=$(date +%s.%N)
for domain in "${domains[@]}"; do
    "$doctor" check-domain "$domain" --dns-server "127.0.0.1:$port" --selector s1 --format json \
        >"$work/doctor/$domain.json" 2>"$work/doctor/$domain.err" || true
done
doctor_seconds=$(python3 -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$(date +%s.%N)" "$start")

start=$(date +%s.%N)
for domain in "${domains[@]}"; do
    "$venv/bin/python" "$here/checkdmarc-port.py" "$port" --nameserver 127.0.0.1 --timeout 2 "$domain" \
        >"$work/checkdmarc/$domain.json" 2>"$work/checkdmarc/$domain.err" || true
done
checkdmarc_seconds=$(python3 -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$(date +%s.%N)" "$start")

python3 - "$work" "$doctor_seconds" "$checkdmarc_seconds" "$version" "${domains[@]}" >"$work/table.md" <<'PY'
import json, sys

work, doctor_seconds, checkdmarc_seconds, version, *domains = sys.argv[1:]
areas = [("mx", "mx"), ("spf", "spf"), ("dmarc", "dmarc"), ("mta-sts", "mta_sts"), ("tls-rpt", "smtp_tls_reporting")]
rank = {"ok": 0, "info": 0, "warning": 1, "problem": 2, "error": 2}


def doctor_verdict(report, check):
    findings = [f for f in report.get("findings", []) if f["check"] == check]
    if not findings:
        return "—"
    if check in ("mta-sts", "tls-rpt") and all(f["status"] == "info" for f in findings):
        return "none"
    worst = max(rank[f["status"]] for f in findings)
    return ["ok", "warn", "fail"][worst]


def checkdmarc_verdict(result, key):
    part = result.get(key)
    if part is None:
        return "—"
    error = part.get("error") or ""
    if key in ("mta_sts", "smtp_tls_reporting") and "does not exist" in error:
        return "none"
    if error or part.get("valid") is False:
        return "fail"
    return "warn" if part.get("warnings") else "ok"


def load(path):
    try:
        with open(path) as handle:
            data = json.load(handle)
        return data[0] if isinstance(data, list) else data
    except (OSError, ValueError, IndexError):
        return {}


def failing(verdict):
    return verdict == "fail"


rows, agree, total = [], 0, 0
for domain in domains:
    doctor = load(f"{work}/doctor/{domain}.json")
    other = load(f"{work}/checkdmarc/{domain}.json")
    cells = []
    for check, key in areas:
        mine, theirs = doctor_verdict(doctor, check), checkdmarc_verdict(other, key)
        total += 1
        if failing(mine) == failing(theirs):
            agree += 1
            cells.append(f"{mine} / {theirs}")
        else:
            cells.append(f"**{mine} / {theirs}**")
    first = (doctor.get("diagnoses") or [{}])[0].get("id", "—")
    rows.append(f"| {domain.split('.')[0]} | " + " | ".join(cells) + f" | `{first}` |")

print(f"{len(domains)} scenario domains, five checks each; a cell is smtp-doctor / checkdmarc {version}, "
      f"bold where one says fail and the other does not. They agree on {agree} of {total} checks.")
print()
print(f"Wall time over all {len(domains)} domains, one process per domain: smtp-doctor "
      f"{float(doctor_seconds):.1f} s, checkdmarc {float(checkdmarc_seconds):.1f} s.")
print()
print("| scenario | mx | spf | dmarc | mta-sts | tls-rpt | smtp-doctor's first diagnosis |")
print("| --- | --- | --- | --- | --- | --- | --- |")
print("\n".join(rows))
PY

cat "$work/table.md"
if [ "${1:-}" != "--no-readme" ]; then
    python3 - "$root/README.md" "$work/table.md" <<'PY'
import sys
readme, table = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
start, end = "<!-- checkdmarc-comparison:start -->", "<!-- checkdmarc-comparison:end -->"
if start not in text or end not in text:
    sys.exit(f"{readme} has no {start} … {end} markers")
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(readme, "w").write(head + start + "\n" + table + end + tail)
PY
    echo "README.md updated"
fi
