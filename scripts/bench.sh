#!/usr/bin/env bash
# scripts/bench.sh — every performance comparison of the README, side by side in one run, written into the README.
#
# Each job of smtp-doctor (release build, Swift runtime linked statically) is measured beside the tool a user would
# run instead, on the same input in the same run:
#   cold `diagnose --error … --format json`    vs  perl -MSisimai -e 'print Sisimai->match(…)'   (hyperfine)
#   `--version`, the process floor            vs  a Swift hello world linked the same way        (hyperfine)
#   in-process diagnoses per CPU second       vs  Sisimai->match per CPU second, same error texts
#   `analyze` of the repetitive and the varied generated Postfix logs  vs  pflogsumm  (hyperfine; /usr/bin/time -v)
#   `analyze` of the bounce corpus             vs  Sisimai->make on the same folders   (hyperfine; /usr/bin/time -v)
#   `probe` STARTTLS + AUTH LOGIN on the local Postfix (127.0.0.1:2587)  vs  swaks     (hyperfine)
# The table goes between <!-- bench:begin --> and <!-- bench:end --> in README.md (unless --no-readme), with the
# machine, the date and the load average before and after, so that figures from a busy machine say so.
#
# Usage: scripts/bench.sh [--no-readme]
# Environment: RUNS (cold-process runs, default 40), ANALYZE_RUNS (default 3), SIZE_MB (generated logs, default 200),
#   IN_PROCESS_SECONDS (default 5), CORPUS (folder holding sisimai-set-of-emails/, default ../shared/corpora),
#   BENCH_DIR (generated logs and results, default /tmp/smtp-doctor-bench), SMTP_DOCTOR_MAIL_ENV (see
#   scripts/mail-servers/setup.sh). Not run in CI: it takes about 15 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
write_readme=true
[ "${1:-}" = --no-readme ] && write_readme=false
runs=${RUNS:-40}
analyze_runs=${ANALYZE_RUNS:-3}
size=${SIZE_MB:-200}
in_process_seconds=${IN_PROCESS_SECONDS:-5}
corpus=${CORPUS:-$root/../shared/corpora}
work=${BENCH_DIR:-/tmp/smtp-doctor-bench}
env_file=${SMTP_DOCTOR_MAIL_ENV:-/tmp/smtp-doctor-mail-servers/connection.env}
mkdir -p "$work"
results=$work/results.tsv
: >"$results"

need() { # command, Debian package
  command -v "$1" >/dev/null || { echo "bench: installing $2" >&2; apt-get install -y -qq "$2" >/dev/null; }
}
need hyperfine hyperfine
need pflogsumm pflogsumm
need swaks swaks
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
perl -MSisimai -e 1 2>/dev/null || apt-get install -y -qq libsisimai-perl >/dev/null
python3 -c 'import yaml' 2>/dev/null || apt-get install -y -qq python3-yaml >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== release build (Swift runtime linked statically)"
swift build -c release --static-swift-stdlib --product smtp-doctor >/dev/null
swift build -c release --static-swift-stdlib --product diagnose-benchmark >/dev/null
bin_dir=$(swift build -c release --static-swift-stdlib --show-bin-path)
bin=$bin_dir/smtp-doctor
printf 'print("hello")\n' >"$work/hello.swift"
swiftc -O -static-stdlib "$work/hello.swift" -o "$work/hello" 2>/dev/null

# hyperfine's median of each command, in seconds, one per line, in the order given.
medians() { # json file
  python3 -c 'import json,sys; [print(r["median"]) for r in json.load(open(sys.argv[1]))["results"]]' "$1"
}
# Peak memory (maximum resident set) of one run, in MB.
peak() {
  /usr/bin/time -f %M -o "$work/peak" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%.1f", $1 / 1024 }' "$work/peak"
}
row() { printf '%s\n' "$*" >>"$results"; }

echo "== cold diagnose and process floor ($runs runs each)"
error='535 5.7.8 Authentication credentials invalid'
hyperfine -N --warmup 3 --runs "$runs" --style none --export-json "$work/cold.json" \
  "$bin diagnose --error '$error' --format json" \
  "perl -MSisimai -e 'print Sisimai->match(q{$error})'" \
  "$bin --version" "$work/hello" >/dev/null
mapfile -t cold < <(medians "$work/cold.json")
row cold "${cold[0]}" "${cold[1]}"
row floor "${cold[2]}" "${cold[3]}"

echo "== in process, the error texts of the knowledge suite, ${in_process_seconds} s each"
texts=$work/error-texts.txt
python3 - "$texts" <<'PY'
import glob, sys, yaml
out = []
for path in sorted(glob.glob("Tests/KnowledgeBaseTests/Cases/*.yaml")):
    for case in yaml.safe_load(open(path)) or []:
        text = case.get("error") if isinstance(case, dict) else None
        if text:
            out.append(" ".join(str(text).split()))
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
ours=$("$bin_dir/diagnose-benchmark" "$texts" "$in_process_seconds" | sed -n 's/^diagnoses per CPU second: \([0-9]*\).*/\1/p')
theirs=$(perl -MSisimai -e '
  open(my $f, "<", $ARGV[0]) or die; my @t = grep { length } map { chomp; $_ } <$f>;
  my ($n, $start) = (0, (times)[0] + (times)[1]);
  while ((times)[0] + (times)[1] - $start < $ARGV[1]) { for (@t) { Sisimai->match($_); $n++ } }
  printf "%d\n", $n / ((times)[0] + (times)[1] - $start);
' "$texts" "$in_process_seconds")
row in-process "$ours" "$theirs" "$(wc -l <"$texts")"

analyze_pair() { # label, log
  local label=$1 log=$2
  cat "$log" >/dev/null
  hyperfine -N --warmup 1 --runs "$analyze_runs" --style none --export-json "$work/$label.json" \
    "$bin analyze --no-progress $log" "pflogsumm $log" >/dev/null
  mapfile -t times < <(medians "$work/$label.json")
  local lines failures
  lines=$(wc -l <"$log")
  failures=$("$bin" analyze --no-progress --format json "$log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["failures"])')
  row "$label" "${times[0]}" "${times[1]}" "$(stat -c %s "$log")" "$(peak "$bin" analyze --no-progress "$log")" \
    "$(peak pflogsumm "$log")" "$lines" "$failures"
}
for mode in repetitive varied; do
  log=$work/postfix-$mode-$size.log
  flag=(); [ "$mode" = varied ] && flag=(--varied)
  [ -s "$log" ] || { echo "== generating $log"; scripts/generate-postfix-log "${flag[@]}" "$size" "$log"; }
  echo "== analyze vs pflogsumm, $mode log ($analyze_runs runs each)"
  analyze_pair "analyze-$mode" "$log"
done

echo "== bounce corpus: analyze vs Sisimai->make ($analyze_runs runs each)"
emails=$corpus/sisimai-set-of-emails
if [ -d "$emails/maildir" ]; then
  inputs=$(printf '%s ' "$emails"/maildir/* "$emails"/mailbox/*)
  # analyze exits non-zero for the corpus's empty mbox files: not a failure of the run (hence -i).
  hyperfine -N -i --warmup 1 --runs "$analyze_runs" --style none --export-json "$work/corpus.json" \
    "$bin analyze --no-progress --format json $inputs" "perl scripts/eval-bounces-sisimai.pl $inputs" >/dev/null
  mapfile -t times < <(medians "$work/corpus.json")
  # shellcheck disable=SC2086
  row corpus "${times[0]}" "${times[1]}" "$(find "$emails" -type f -name '*.eml' | wc -l)" \
    "$(peak "$bin" analyze --no-progress --format json $inputs)" "$(peak perl scripts/eval-bounces-sisimai.pl $inputs)"
else
  echo "bench: no corpus at $emails; set CORPUS" >&2
fi

echo "== probe vs swaks"
if [ -s "$env_file" ]; then
  # shellcheck disable=SC1090
  source "$env_file"
  export SMTP_TEST_PASSWORD
  probe="$bin probe --host $SMTP_TEST_HOST --port $SMTP_TEST_PORT_SUBMISSION --tls starttls --auth-mech login \
--user $SMTP_TEST_USER --password-env SMTP_TEST_PASSWORD --ca-file $SMTP_TEST_CA_FILE --no-transcript"
  swaks="swaks --server $SMTP_TEST_HOST:$SMTP_TEST_PORT_SUBMISSION -tls -a LOGIN --auth-user $SMTP_TEST_USER \
--auth-password $SMTP_TEST_PASSWORD --quit-after AUTH --silent 2"
  hyperfine -N --warmup 2 --runs 15 --style none --export-json "$work/probe.json" "$probe" "$swaks" >/dev/null
  mapfile -t times < <(medians "$work/probe.json")
  row probe "${times[0]}" "${times[1]}"
else
  echo "bench: no $env_file; run scripts/mail-servers/setup.sh first" >&2
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$results" "$work/table.md" "$load_before" "$load_after" "$(nproc)" "$(uname -m)" \
  "$(swift --version 2>&1 | sed -n 's/.*Swift version \([^ ]*\).*/\1/p' | head -1)" \
  "$(dpkg-query -W -f '${Version}' libsisimai-perl)" "$(dpkg-query -W -f '${Version}' pflogsumm)" "$size" "$runs" \
  "$analyze_runs" <<'PY'
import sys, datetime
results, out, before, after, cores, arch, swift, sisimai, pflogsumm, size, runs, analyze_runs = sys.argv[1:]
rows = {}
for line in open(results):
    fields = line.split()
    rows[fields[0]] = fields[1:]
ms = lambda s: f"{float(s) * 1000:.1f} ms"
sec = lambda s: f"{float(s):.2f} s"
lines = ["| job | smtp-doctor | what a user would run instead | ratio |", "|---|---|---|---|"]
if "cold" in rows:
    ours, theirs = map(float, rows["cold"])
    lines.append(f"| cold `diagnose --error \"535 5.7.8 …\" --format json`, median of {runs} | {ms(ours)} | "
                 f"`perl -MSisimai -e 'print Sisimai->match(…)'` {ms(theirs)} | {theirs / ours:.1f}× as fast |")
if "floor" in rows:
    ours, theirs = map(float, rows["floor"])
    lines.append(f"| `smtp-doctor --version` (process floor), median of {runs} | {ms(ours)} | "
                 f"a Swift hello world, standard library linked statically: {ms(theirs)} | — |")
if "in-process" in rows:
    ours, theirs, count = map(int, rows["in-process"])
    lines.append(f"| in process, the {count} error texts of the knowledge suite | {ours:,} diagnoses per CPU second | "
                 f"`Sisimai->match` {theirs:,} per CPU second | {ours / theirs:.2f}× |")
for mode in ("repetitive", "varied"):
    row = rows.get(f"analyze-{mode}")
    if not row:
        continue
    ours, theirs, size_b, our_peak, their_peak, count, failures = row
    mb = int(size_b) / 1e6
    ours, theirs = float(ours), float(theirs)
    lines.append(f"| `analyze` of the {mode} generated Postfix log ({mb:.0f} MB, {int(count):,} lines, "
                 f"{int(failures):,} failures), median of {analyze_runs} | {sec(ours)}, {mb / ours:.0f} MB/s, "
                 f"peak {our_peak} MB | `pflogsumm` {sec(theirs)}, {mb / theirs:.1f} MB/s, peak {their_peak} MB | "
                 f"{theirs / ours:.1f}× as fast |")
if "corpus" in rows:
    ours, theirs, messages, our_peak, their_peak = rows["corpus"]
    ours, theirs = float(ours), float(theirs)
    lines.append(f"| `analyze` of the bounce corpus ({int(messages)} real messages of sisimai/set-of-emails), median "
                 f"of {analyze_runs} | {sec(ours)}, peak {our_peak} MB | `Sisimai->make` {sec(theirs)}, peak "
                 f"{their_peak} MB | {theirs / ours:.1f}× as fast |")
if "probe" in rows:
    ours, theirs = map(float, rows["probe"])
    lines.append(f"| `probe` STARTTLS + AUTH LOGIN on the local Postfix (127.0.0.1:2587), median of 15 | {ms(ours)} | "
                 f"`swaks -tls -a LOGIN --quit-after AUTH` {ms(theirs)} | {theirs / ours:.1f}× as fast |")
date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
lines.append("")
lines.append(f"Written by `scripts/bench.sh` on {date}: {cores} cores, {arch}, Swift {swift}, release build with the "
             f"Swift runtime linked statically, Sisimai {sisimai} (libsisimai-perl), pflogsumm {pflogsumm}, page "
             f"cache warm. Load average (1, 5, 15 min) {before} before and {after} after the run"
             + (": other work shared the machine, so the absolute figures are slower than on a quiet machine; the "
                "pairs ran side by side and share that load." if float(before.split()[0]) > 1.5 or
                float(after.split()[0]) > 1.5 else "."))
open(out, "w").write("\n".join(lines) + "\n")
PY
cat "$work/table.md"
if $write_readme; then
  python3 - README.md "$work/table.md" <<'PY'
import sys
readme, table = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
if begin not in text or end not in text:
    sys.exit("bench: README.md has no bench:begin / bench:end markers")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(readme, "w").write(head + begin + "\n" + table + end + tail)
PY
  echo "README.md: table written"
fi
