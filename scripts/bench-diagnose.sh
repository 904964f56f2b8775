#!/usr/bin/env bash
# Benchmark of `smtp-doctor diagnose`: cold-process wall time (median over many runs, release build) and
# in-process diagnoses per second over the error texts of the knowledge suite — side by side with Sisimai's
# `Sisimai->match` (Debian's libsisimai-perl), which names a bounce reason for an error text.
#
# Usage: scripts/bench-diagnose.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}

command -v hyperfine >/dev/null || { echo "installing hyperfine" >&2; apt-get install -y -qq hyperfine >/dev/null; }
perl -MSisimai -e 1 2>/dev/null || { echo "installing libsisimai-perl" >&2; apt-get install -y -qq libsisimai-perl >/dev/null; }
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
echo "== cold process, one error text (release build; Sisimai 4.25 for comparison)"
hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json /tmp/bench-diagnose.json \
  "$bin diagnose --error '535 5.7.8 Authentication credentials invalid'" \
  "$bin diagnose --format json --error 'host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)'" \
  "perl -MSisimai -e 'print Sisimai->match(q{535 5.7.8 Authentication credentials invalid})'" 2>&1 | grep -E "Benchmark|Time|Range"
python3 - <<'PY'
import json
for r in json.load(open('/tmp/bench-diagnose.json'))['results']:
    print('median %6.1f ms  %s' % (r['median'] * 1000, r['command'][:90]))
PY
echo
echo "== in process, every error text of the knowledge suite, 5 s"
.build/release/diagnose-benchmark "$texts" 5
perl -MSisimai -MTime::HiRes=time -e '
  open(my $f, "<", $ARGV[0]) or die; my @t = grep { length } map { chomp; $_ } <$f>;
  my ($n, $named, $start) = (0, 0, time);
  while (time - $start < 5) { for (@t) { $named++ if Sisimai->match($_); $n++ } }
  printf "Sisimai->match: %d texts in %.1f s (%d named), %d per second\n", $n, time - $start, $named, $n / (time - $start);
' "$texts"
