#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (address sanitizer + coverage) and runs them.
#
#   scripts/fuzz.sh [--optimized] [--seconds N | --runs N] [--parallel | --fork N] [--build-only] [TARGET…]
#
# TARGET is a name from `scripts/fuzz.sh --list` (error-text, reply-decoder, syslog, …); all when none is given.
# --optimized  optimised code (-c release, into .build-fuzz-release), same sanitizer and coverage: for long runs
# --seconds N  run each target for N seconds (default 20: the short CI mode, about 4 minutes for all)
# --runs N     run each target for N executions instead
# --parallel   run the targets at the same time (for long runs; the short mode runs them one after another)
# --fork N     run each target in N processes at once (libFuzzer's -fork), sharing its corpus: one target on N cores;
#              the executions of all N are counted, and --runs may be passed by the last batch's executions
# --build-only build, write the seed corpora, stop
# Seeds come from Tests/Fixtures, the knowledge-base cases, Rules/ and Templates/; what a target discovers is kept in
# SCRATCH/corpus/TARGET for the next run (SCRATCH: .build-fuzz, or .build-fuzz-release with --optimized). A crash,
# leak, timeout (one input over 30 s) or memory blow-up (over 2 GiB) fails the script; the input is kept under
# SCRATCH/findings/TARGET/ and printed in hex. The script ends with a table of executions, time and findings.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
all=(error-text reply-decoder syslog exim exchange message-trace bounce gzip knowledge template)
seconds=20
runs=
build_only=
parallel=
fork=
optimized=
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; runs=; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --build-only) build_only=1; shift ;;
        --parallel) parallel=1; shift ;;
        --fork) fork=$2; shift 2 ;;
        --optimized) optimized=1; shift ;;
        --list) printf '%s\n' "${all[@]}"; exit 0 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
        *)
            if [[ " ${all[*]} " != *" $1 "* ]]; then
                echo "fuzz.sh: no target '$1'; the targets are: ${all[*]}" >&2; exit 64
            fi
            targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# The longest input libFuzzer makes for a target, in bytes: room for every limit the parser enforces on one input,
# without spending executions on sizes that only repeat what a shorter input reaches.
max_len() {
    case "$1" in
        # a pasted error or a server's reply lines: the decoder's limits (512-byte lines, 20 lines) fit in 4 KiB
        error-text | reply-decoder) echo 4096 ;;
        # log lines: a few dozen of them, with the header lines they need
        syslog | exim | exchange | message-trace) echo 8192 ;;
        # a bounce: headers, nested MIME parts and a report, and a body past the 8 KiB the reader keeps of it
        bounce) echo 16384 ;;
        # a compressed file: header fields, blocks and a second member
        gzip) echo 8192 ;;
        # one rule file of a few entries (the seeds are pieces of the built-in files of about 800 bytes)
        knowledge) echo 4096 ;;
        # a folder of templates: the largest built-in template is 5 KiB
        template) echo 8192 ;;
    esac
}

if [ -n "$optimized" ]; then
    configuration=release
    scratch="$root/.build-fuzz-release"
else
    configuration=debug
    scratch="$root/.build-fuzz"
fi
# Debug code builds in minutes (the CI mode); optimised code runs many times faster and takes longer to build. The
# targets reach the parsers' internal types through testable imports, which optimised code allows when the modules
# are compiled for testing.
build_flags=(
    --package-path "$root/Fuzz" --scratch-path "$scratch" -c "$configuration"
    -Xswiftc -sanitize=address
    -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
    -Xswiftc -use-ld=lld
)
[ -n "$optimized" ] && build_flags+=(-Xswiftc -enable-testing)
started=$(date +%s)
echo "fuzz.sh: building ${#targets[@]} target(s) ($configuration) into ${scratch#"$root"/}"
mkdir -p "$scratch/logs"
for target in "${targets[@]}"; do
    # A failed build must stop the script: the binary of an earlier build would otherwise be fuzzed in its place.
    build_log="$scratch/logs/build-$target.log"
    status=0
    swift build "${build_flags[@]}" --product "fuzz-$target" > "$build_log" 2>&1 || status=$?
    grep -v 'warning: Cannot export local symbol' "$build_log" | grep -E 'error|Compiling fuzz|complete' || true
    if [ "$status" -ne 0 ] || [ ! -x "$scratch/$configuration/fuzz-$target" ]; then
        echo "fuzz.sh: fuzz-$target did not build (exit $status; $build_log)" >&2
        exit 1
    fi
done
echo "fuzz.sh: built in $(( $(date +%s) - started )) s"

# Seed corpora, rewritten on every run from the repository's own texts.
seeds="$scratch/seeds"
rm -rf "$seeds"
seed_files() {  # TARGET FILE…: copies files into the target's seeds
    local target=$1; shift
    mkdir -p "$seeds/$target"
    for file in "$@"; do [ -f "$file" ] && cp "$file" "$seeds/$target/$(basename "$file")"; done
    return 0
}
seed_lines() {  # TARGET: one seed per line of standard input
    local target=$1 number=0
    mkdir -p "$seeds/$target"
    while IFS= read -r line; do
        number=$((number + 1))
        printf '%s' "$line" > "$seeds/$target/line-$number"
    done
}
fixtures="$root/Tests/Fixtures/analyze"
sed -n 's/^- error: "\(.*\)"$/\1/p' "$root"/Tests/KnowledgeBaseTests/Cases/*.yaml | seed_lines error-text
grep -ho '[2-5][0-9][0-9][ -][^"]*' "$root"/Tests/KnowledgeBaseTests/Cases/*.yaml | sed -n '1,200p' | seed_lines reply-decoder
printf '220 mx.example.com ESMTP\r\n' > "$seeds/reply-decoder/greeting"
printf '250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n' \
    > "$seeds/reply-decoder/ehlo"
printf '334 VXNlcm5hbWU6\r\n535 5.7.8 Authentication credentials invalid\r\n' > "$seeds/reply-decoder/auth"
# A log seed is a few lines of a fixture after its header lines (`#Fields:` and the like, or a CSV's first row):
# every line still reaches the parser with the header it needs, and a short input runs many times faster.
seed_pieces() {  # TARGET FILE…: each file in pieces of 4 lines, each after the header lines before them
    local target=$1 file; shift
    mkdir -p "$seeds/$target"
    for file in "$@"; do
        [ -f "$file" ] || continue
        awk -v out="$seeds/$target/$(basename "$file")" -v csv="$([[ $file == *.csv ]] && echo 1 || echo 0)" '
            function flush() {
                if (count > 0) { piece++; printf "%s%s", header, body > (out "-" piece); close(out "-" piece) }
                body = ""; count = 0
            }
            (csv && NR == 1) || /^#/ {
                if (afterData) { flush(); header = ""; afterData = 0 }
                header = header $0 "\n"; next
            }
            { body = body $0 "\n"; count++; afterData = 1; if (count == 4) flush() }
            END { flush() }' "$file"
    done
}
seed_pieces syslog "$fixtures/postfix-mail.log" "$fixtures/postfix-sides.log" "$fixtures/sendmail-maillog" \
    "$fixtures/exim-syslog"
seed_pieces exim "$fixtures/exim-mainlog"
seed_pieces exchange "$fixtures"/SmtpSend-*.LOG "$fixtures"/SmtpReceive-*.LOG "$fixtures"/MSGTRK*.LOG
seed_pieces message-trace "$fixtures"/message-trace*.csv
seed_files bounce "$fixtures"/bounces/*.eml "$fixtures"/maildir/*/* "$fixtures/bounces.mbox"
seed_files gzip "$fixtures"/*.gz

# The knowledge target reads its first byte as the file's place in the folder (the order of `rulePaths` in
# KnowledgeTarget.swift). Each built-in file becomes pieces of whole entries of about 800 bytes (most pieces are one
# entry), so that a seed fits the target's maximum length; a piece cut inside a block under a top-level key (such as
# `codes:`) starts with that key again.
mkdir -p "$seeds/knowledge"
places=(facts.yaml categories.yaml questions.yaml symptoms.yaml codes/basic codes/enhanced providers rules diagnoses
    remediations vocabulary situations stage-phrases.yaml priors.yaml)
knowledge_seeds() {  # INDEX FILE…: each file's pieces, each after the byte INDEX, named INDEX-PATH-N
    local index=$1; shift
    [ $# -gt 0 ] || return 0
    awk -v limit=800 -v place="$index" -v rules="$root/Rules/" -v folder="$seeds/knowledge" '
        function flush(  out) {
            if (size > 0) {
                count++; out = folder "/" place "-" name "-" count
                printf "%c%s", place + 0, text > out; close(out)
            }
            text = ""; size = 0
        }
        FNR == 1 {
            flush(); count = 0; header = ""; name = FILENAME
            if (index(name, rules) == 1) name = substr(name, length(rules) + 1)
            sub(/\.yaml$/, "", name); gsub("/", "-", name)
        }
        {
            starts = $0 ~ /^[^ #]/ || (header != "" && $0 ~ /^  - /)
            if (starts && size >= limit) { flush(); if ($0 ~ /^  - /) { text = header "\n"; size = 1 } }
            if ($0 ~ /^[^ #-][^:]*:[ \t]*$/) header = $0
            text = text $0 "\n"; size += length($0) + 1
        }
        END { flush() }' "$@"
}
for index in "${!places[@]}"; do
    place=${places[$index]}
    files=()
    for file in "$root/Rules/$place" "$root/Rules/$place".yaml "$root/Rules/$place"/*.yaml; do
        [ -f "$file" ] && files+=("$file")
    done
    knowledge_seeds "$index" "${files[@]}"
done
knowledge_seeds 0 "$root"/Rules/facts/*.yaml

mkdir -p "$seeds/template"
for file in "$root"/Templates/*.mustache; do
    name=$(basename "$file" .mustache)
    { printf '%s\n' "$name"; cat "$file"; } > "$seeds/template/$name"
done
{
    first=1
    for file in "$root"/Templates/*.mustache; do
        [ $first = 1 ] || printf '\0'
        first=0
        printf '%s\n' "$(basename "$file" .mustache)"; cat "$file"
    done
} > "$seeds/template/all"
[ -n "$build_only" ] && { echo "fuzz.sh: seeds in ${seeds#"$root"/}"; exit 0; }

# Optimised long runs do not look for leaks after each input (`-detect_leaks=0`): the knowledge loader ends inputs
# with more blocks than it started (the runtime's caches fill as new code is reached), and libFuzzer runs each such
# input again and scans the whole heap, which halved the executions until it gave up after a thousand of them. A leak
# is still found: the run ends by its count or its time, and the leak checker scans the heap at exit, where any block
# an input lost is unreachable; only the input is not named. (The allocation stacks stay on: without them the checker
# reports nothing, and the suppressions cannot match.)
leak_flags=()
[ -n "$optimized" ] && leak_flags=(-detect_leaks=0)
fork_flags=()
[ -n "$fork" ] && fork_flags=(-fork="$fork")
results="$scratch/results"
run_target() {  # TARGET: runs it; its status, time and findings are written to SCRATCH/results/TARGET.*
    local target=$1
    local corpus="$scratch/corpus/$target" findings="$scratch/findings/$target" log="$scratch/logs/$target.log"
    local shown=${scratch#"$root"/}
    mkdir -p "$corpus" "$findings" "$scratch/logs"
    touch "$results/$target.start"
    local limit=(-max_total_time="$seconds") length="$seconds s"
    [ -n "$runs" ] && limit=(-runs="$runs") length="$runs runs"
    echo "fuzz.sh: $target ($length), log in $shown/logs/$target.log"
    local begun status=0
    begun=$(date +%s)
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
        LSAN_OPTIONS=suppressions="$root/Fuzz/lsan-suppressions.txt":print_suppressions=0 \
        "$scratch/$configuration/fuzz-$target" "${limit[@]}" -max_len="$(max_len "$target")" -timeout=30 \
        -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" "${leak_flags[@]}" "${fork_flags[@]}" \
        "$corpus" "$seeds/$target" > "$log" 2>&1 || status=$?
    echo $(( $(date +%s) - begun )) > "$results/$target.seconds"
    find "$findings" -type f -newer "$results/$target.start" | wc -l > "$results/$target.findings"
    echo "$status" > "$results/$target.status"
    if [ "$status" = 0 ]; then
        grep -E '^stat::number_of_executed_units|^Done' "$log" | sed "s/^/  $target: /" || true
    else
        echo "fuzz.sh: $target FAILED; the end of its log:" >&2
        tail -40 "$log" >&2
        for artifact in $(find "$findings" -type f -newer "$results/$target.start"); do
            echo "fuzz.sh: input kept in ${artifact#"$root"/} (first 512 bytes in hex):" >&2
            head -c 512 "$artifact" | od -A x -t x1z | head -40 >&2
        done
    fi
}

grouped() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }  # 1234567 → 1,234,567

rm -rf "$results"
mkdir -p "$results"
for target in "${targets[@]}"; do
    if [ -n "$parallel" ]; then run_target "$target" & else run_target "$target"; fi
done
wait
failed=()
echo "fuzz.sh: finished in $(( $(date +%s) - started )) s ($configuration)"
echo "| target | executions | seconds | executions/s | findings |"
echo "|---|---|---|---|---|"
for target in "${targets[@]}"; do
    [ "$(cat "$results/$target.status" 2>/dev/null)" = 0 ] || failed+=("$target")
    log="$scratch/logs/$target.log"
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if [ -z "$executions" ]; then  # --fork: the parent prints the sum of its processes' executions, no stat lines
        executions=$(sed -n 's/^INFO: fuzzed for \([0-9]*\) iterations.*/\1/p' "$log" | tail -1)
        # stopped before its end: the count of the last job that finished
        [ -n "$executions" ] || executions=$(sed -n 's/^#\([0-9]*\): .*/\1/p' "$log" | tail -1)
        taken=$(cat "$results/$target.seconds" 2>/dev/null || echo 0)
        [ -n "$executions" ] && [ "$taken" -gt 0 ] && rate=$(( executions / taken ))
    fi
    printf '| `%s` | %s | %s | %s | %s |\n' "$target" "$(echo "${executions:-?}" | grouped)" \
        "$(cat "$results/$target.seconds" 2>/dev/null || echo ?)" "$(echo "${rate:-?}" | grouped)" \
        "$(cat "$results/$target.findings" 2>/dev/null || echo ?)"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: failing targets: ${failed[*]}" >&2
    exit 1
fi
