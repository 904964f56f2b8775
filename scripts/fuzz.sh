#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (address sanitizer + coverage, into .build-fuzz) and runs them.
#
#   scripts/fuzz.sh [--seconds N | --runs N] [--parallel] [--build-only] [TARGET…]
#
# TARGET is a name from `scripts/fuzz.sh --list` (error-text, reply-decoder, syslog, …); all when none is given.
# --seconds N  run each target for N seconds (default 20: the short CI mode, about 4 minutes for all)
# --runs N     run each target for N executions instead
# --parallel   run the targets at the same time (for long runs; the short mode runs them one after another)
# --build-only build, write the seed corpora, stop
# Seeds come from Tests/Fixtures, the knowledge-base cases, Rules/ and Templates/; what a target discovers is kept in
# .build-fuzz/corpus/TARGET for the next run. A crash, leak, timeout (one input over 30 s) or memory blow-up
# (over 2 GiB) fails the script; the input is kept under .build-fuzz/findings/TARGET/ and printed in hex.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
all=(error-text reply-decoder syslog exim exchange message-trace bounce gzip knowledge template)
seconds=20
runs=
build_only=
parallel=
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; runs=; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --build-only) build_only=1; shift ;;
        --parallel) parallel=1; shift ;;
        --list) printf '%s\n' "${all[@]}"; exit 0 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
        *)
            if [[ " ${all[*]} " != *" $1 "* ]]; then
                echo "fuzz.sh: no target '$1'; the targets are: ${all[*]}" >&2; exit 64
            fi
            targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

scratch="$root/.build-fuzz"
# Debug code: the targets reach the parsers' internal types through testable imports, and it builds in minutes
# (an optimised build of the same modules under the sanitizer takes several times longer than the CI budget).
build_flags=(
    --package-path "$root/Fuzz" --scratch-path "$scratch"
    -Xswiftc -sanitize=address
    -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
    -Xswiftc -use-ld=lld
)
started=$(date +%s)
echo "fuzz.sh: building ${#targets[@]} target(s) into .build-fuzz"
for target in "${targets[@]}"; do
    swift build "${build_flags[@]}" --product "fuzz-$target" 2>&1 | grep -v 'warning: Cannot export local symbol' \
        | grep -E 'error|Compiling fuzz|complete' || true
    [ -x "$scratch/debug/fuzz-$target" ] || { echo "fuzz.sh: fuzz-$target did not build" >&2; exit 1; }
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
seed_files syslog "$fixtures/postfix-mail.log" "$fixtures/sendmail-maillog" "$fixtures/exim-syslog"
seed_files exim "$fixtures/exim-mainlog"
seed_files exchange "$fixtures"/SmtpSend-*.LOG "$fixtures"/SmtpReceive-*.LOG "$fixtures"/MSGTRK*.LOG
seed_files message-trace "$fixtures"/message-trace*.csv
seed_files bounce "$fixtures"/bounces/*.eml "$fixtures"/maildir/*/* "$fixtures/bounces.mbox"
seed_files gzip "$fixtures"/*.gz
mkdir -p "$seeds/knowledge"
# The knowledge target reads its first byte as the file's place in the folder (see KnowledgeTarget.swift).
places=(facts.yaml categories.yaml questions.yaml symptoms.yaml codes/basic codes/enhanced providers rules diagnoses
    remediations vocabulary)
for index in "${!places[@]}"; do
    place=${places[$index]}
    for file in "$root/Rules/$place" "$root/Rules/$place".yaml "$root/Rules/$place"/*.yaml; do
        [ -f "$file" ] || continue
        { printf "\\x$(printf %02x "$index")"; cat "$file"; } > "$seeds/knowledge/$index-$(basename "$file")"
    done
done
for file in "$root"/Rules/facts/*.yaml; do
    { printf '\x00'; cat "$file"; } > "$seeds/knowledge/0-facts-$(basename "$file")"
done
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
[ -n "$build_only" ] && { echo "fuzz.sh: seeds in $seeds"; exit 0; }

run_target() {  # TARGET: runs it; its status is written to .build-fuzz/status/TARGET
    local target=$1
    local corpus="$scratch/corpus/$target" findings="$scratch/findings/$target" log="$scratch/logs/$target.log"
    mkdir -p "$corpus" "$findings" "$scratch/logs" "$scratch/status"
    local limit=(-max_total_time="$seconds")
    [ -n "$runs" ] && limit=(-runs="$runs")
    echo "fuzz.sh: $target (${runs:+$runs runs}${runs:-$seconds s}), log in .build-fuzz/logs/$target.log"
    if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
        LSAN_OPTIONS=suppressions="$root/Fuzz/lsan-suppressions.txt":print_suppressions=0 \
        "$scratch/debug/fuzz-$target" "${limit[@]}" -timeout=30 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" "$seeds/$target" > "$log" 2>&1; then
        echo 0 > "$scratch/status/$target"
        grep -E '^stat::number_of_executed_units|^Done' "$log" | sed "s/^/  $target: /"
    else
        echo 1 > "$scratch/status/$target"
        echo "fuzz.sh: $target FAILED; the end of its log:" >&2
        tail -40 "$log" >&2
        for artifact in "$findings"/*; do
            [ -f "$artifact" ] || continue
            echo "fuzz.sh: input kept in ${artifact#"$root"/} (first 512 bytes in hex):" >&2
            head -c 512 "$artifact" | od -A x -t x1z | head -40 >&2
        done
    fi
}

rm -rf "$scratch/status"
for target in "${targets[@]}"; do
    if [ -n "$parallel" ]; then run_target "$target" & else run_target "$target"; fi
done
wait
failed=()
for target in "${targets[@]}"; do
    [ "$(cat "$scratch/status/$target" 2>/dev/null)" = 0 ] || failed+=("$target")
done
echo "fuzz.sh: finished in $(( $(date +%s) - started )) s"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: failing targets: ${failed[*]}" >&2
    exit 1
fi
