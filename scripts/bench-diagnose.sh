#!/usr/bin/env bash
# Benchmark of `smtp-doctor diagnose`: cold-process wall time (median over many runs, release build) and
# in-process diagnoses per second over the error texts of the knowledge suite.
#
# Usage: scripts/bench-diagnose.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}

command -v hyperfine >/dev/null || { echo "installing hyperfine" >&2; apt-get install -y -qq hyperfine >/dev/null; }
swift build -c release --product smtp-doctor >/dev/null
swift build -c release --product diagnose-benchmark >/dev/null
bin=.build/release/smtp-doctor

texts=$(mktemp)
trap 'rm -f "$texts"' EXIT
python3 - "$texts" <<'PY'
import glob, sys, yaml
out = []
for path in sorted(glob.glob("Tests/KnowledgeBaseTests/Cases/*.yaml")):
    for case in yaml.safe_load(open(path)) or []:
        text = case.get("error")
        if text:
            out.append(" ".join(str(text).split()))
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
echo "machine: $(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1)"
echo "error texts: $(wc -l < "$texts") (from Tests/KnowledgeBaseTests/Cases)"
echo
echo "== cold process: smtp-doctor diagnose --error \"535 5.7.8 Authentication credentials invalid\" (release)"
hyperfine --warmup 3 --runs "$runs" --style basic --export-json /tmp/bench-diagnose.json \
  "$bin diagnose --error '535 5.7.8 Authentication credentials invalid'" 2>&1 | grep -E "Time|Range"
python3 -c "import json;r=json.load(open('/tmp/bench-diagnose.json'))['results'][0];print('median: %.1f ms' % (r['median']*1000))"
echo
echo "== cold process, JSON output, Postfix log line"
hyperfine --warmup 3 --runs "$runs" --style basic --export-json /tmp/bench-diagnose-2.json \
  "$bin diagnose --format json --error 'host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)'" 2>&1 | grep -E "Time|Range" || true
python3 -c "import json;r=json.load(open('/tmp/bench-diagnose-2.json'))['results'][0];print('median: %.1f ms' % (r['median']*1000))"
echo
echo "== in process"
.build/release/diagnose-benchmark "$texts" 5
