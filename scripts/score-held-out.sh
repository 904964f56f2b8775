#!/usr/bin/env bash
# Scores smtp-doctor's first diagnosis against real error texts it was not written from.
#
#   scripts/score-held-out.sh [FILE...]
#
# FILE is a text file in the format of Tests/KnowledgeBaseTests/HeldOut/held-out.yaml (text, category, optional
# diagnosis, source); without FILE the held-out file is scored. Every text goes through
# `smtp-doctor diagnose --error TEXT --format json` on its own. Prints the date and command, first-category accuracy,
# the share with the right category among the first three diagnoses, the share "not recognised" (no diagnosis), a
# breakdown per source and every miss.
#
# The binary: $SMTP_DOCTOR if set, else .build/debug/smtp-doctor (built with `swift build --product smtp-doctor` when
# it is missing). $SCORE_RULES=DIR layers a rules folder over the built-in knowledge (--rules DIR), to score edited
# rules without a rebuild. $SCORE_JOBS texts are diagnosed in parallel (default 4). Needs python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."

binary="${SMTP_DOCTOR:-.build/debug/smtp-doctor}"
if [[ ! -x "$binary" ]]; then
    echo "building smtp-doctor (debug) ..." >&2
    swift build --product smtp-doctor >&2
fi
if [[ $# -eq 0 ]]; then
    set -- Tests/KnowledgeBaseTests/HeldOut/held-out.yaml
fi

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "command: scripts/score-held-out.sh $*"
echo "binary: $binary (git $(git rev-parse --short HEAD 2>/dev/null || echo unknown))${SCORE_RULES:+, rules layered from $SCORE_RULES}"
exec python3 - "$binary" "${SCORE_JOBS:-4}" "${SCORE_RULES:-}" "$@" <<'PYTHON'
import collections
import concurrent.futures
import json
import subprocess
import sys
import urllib.parse

binary, jobs, rules, files = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
layer = ["--rules", rules] if rules else []


def read_cases(path):
    """Reads the flat list format written by split-held-out.py: `- text:` starts an entry; values are JSON strings
    or bare words."""
    cases, current = [], None
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            stripped = line[2:] if line.startswith("- ") else line.strip()
            key, sep, value = stripped.partition(":")
            if not sep:
                sys.exit(f"{path}:{number}: expected 'key: value'")
            value = value.strip()
            value = json.loads(value) if value.startswith('"') else value
            if line.startswith("- "):
                current = {"file": path}
                cases.append(current)
            if current is None:
                sys.exit(f"{path}:{number}: a case starts with '- text:'")
            current[key.strip()] = value
    for case in cases:
        if "text" not in case or "category" not in case:
            sys.exit(f"{path}: every case needs text and category")
    return cases


def origin(source):
    """Groups sources by site or repository: https://host/... -> host, owner/repo:path -> owner/repo."""
    if source.startswith("http"):
        return urllib.parse.urlparse(source).netloc
    return source.split(":", 1)[0]


def diagnose(case):
    result = subprocess.run([binary, "diagnose", *layer, "--error=" + case["text"], "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    if result.returncode not in (0, 3):
        return case, None, result.stderr.strip().splitlines()[-1:] or [f"exit {result.returncode}"]
    diagnoses = json.loads(result.stdout).get("diagnoses", [])
    return case, [(d.get("id", "?"), d["category"]) for d in diagnoses], None


cases = [case for path in files for case in read_cases(path)]
with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
    results = list(pool.map(diagnose, cases))

total = len(results)
first = top3 = unrecognised = failed = 0
per_source = collections.defaultdict(lambda: [0, 0, 0])
misses = []
for case, ranked, error in results:
    row = per_source[origin(case.get("source", "?"))]
    row[0] += 1
    if ranked is None:
        failed += 1
        misses.append((case, "ERROR " + " ".join(error)))
        continue
    categories = [category for _, category in ranked]
    if not ranked:
        unrecognised += 1
    if categories[:1] == [case["category"]]:
        first += 1
        row[1] += 1
    if case["category"] in categories[:3]:
        top3 += 1
        row[2] += 1
    if categories[:1] != [case["category"]]:
        got = ", ".join(f"{i} ({c})" for i, c in ranked[:3]) or "not recognised"
        misses.append((case, got))


def share(part, whole):
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


print(f"texts: {total} from {len(per_source)} sources ({', '.join(files)})")
print(f"first category right: {first}/{total} = {share(first, total)}")
print(f"right category in the first three: {top3}/{total} = {share(top3, total)}")
print(f"not recognised: {unrecognised}/{total} = {share(unrecognised, total)}")
if failed:
    print(f"failed to run: {failed}")
print()
print("per source (texts, first right, first three right):")
for name, (count, ok, ok3) in sorted(per_source.items(), key=lambda item: (-item[1][0], item[0])):
    print(f"  {name:60} {count:4} {share(ok, count):>8} {share(ok3, count):>8}")
print()
print(f"misses ({len(misses)}): expected category <- text => first three diagnoses")
for case, got in misses:
    text = " ".join(case["text"].split())
    text = text if len(text) <= 150 else text[:147] + "..."
    print(f"  [{case['category']}] {text}\n      => {got}")
PYTHON
