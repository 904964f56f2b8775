#!/usr/bin/env bash
# scripts/test-install.sh — installs what scripts/package.sh wrote into dist/ into fresh folders and uses it.
#
# 1. The .deb: apt checks (without installing) that its Depends are satisfiable here; dpkg installs it into an empty
#    root (`dpkg --root`); the installed program diagnoses 535 5.7.8, `man -l` renders the installed page, each
#    completion script passes its shell's syntax check, and bash completes provider ids.
# 2. The tarball: the commands of the README's Install section (the block after `<!-- install-tarball -->`) run
#    with /usr/local moved into a fresh folder and without sudo; the program they install diagnoses.
# Shells that are missing are reported as SKIPPED (a failure when CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$(pwd)
deb=$(ls dist/smtp-doctor_*.deb 2>/dev/null | tail -1)
tarball=$(ls dist/smtp-doctor-*-linux-*.tar.gz 2>/dev/null | tail -1)
[ -n "$deb" ] && [ -n "$tarball" ] || { echo "test-install.sh: run scripts/package.sh first (no dist/*.deb or tarball)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
skip() {
  echo "SKIPPED: $*" >&2
  [ "${CI:-}" != true ] || fail "$* (skips are failures under CI=true)"
}

echo "== $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
if command -v apt-get >/dev/null; then
  apt-get install --simulate --no-install-recommends "$root_dir/$deb" >"$work/apt.txt" 2>&1 \
    || { cat "$work/apt.txt" >&2; fail "apt would not install $deb here"; }
fi
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
# The empty root has no libc6 package; the check above is the one against a real system's packages.
dpkg --root="$root" --force-depends --force-script-chrootless -i "$deb" >/dev/null
dpkg --root="$root" -L smtp-doctor | sort
program=$root/usr/bin/smtp-doctor

echo "== diagnose"
"$program" diagnose --error "535 5.7.8" --no-color | tee "$work/diagnosis.txt" | head -5
grep -qi "authentication\|credential\|password" "$work/diagnosis.txt" || fail "535 5.7.8 was not diagnosed as an authentication problem"

echo "== TLS (NIOSSL, linked into the static binary) against the local Postfix of scripts/mail-servers/setup.sh"
ca=/etc/smtp-doctor-test/cert.pem
if [ -f "$ca" ]; then
  "$program" probe --host 127.0.0.1 --port 2465 --tls implicit --ca-file "$ca" >"$work/probe.txt" 2>&1 \
    || { cat "$work/probe.txt" >&2; fail "the installed program could not probe 127.0.0.1:2465 over TLS"; }
  grep -m1 "tls " "$work/probe.txt" || true
else
  skip "no local Postfix with TLS ($ca missing: run scripts/mail-servers/setup.sh); TLS not checked"
fi

echo "== man page"
page=$root/usr/share/man/man1/smtp-doctor.1.gz
MANWIDTH=100 man -l "$page" 2>"$work/man-errors.txt" | col -b >"$work/man.txt" || fail "man -l $page failed"
[ ! -s "$work/man-errors.txt" ] || { cat "$work/man-errors.txt" >&2; fail "man -l reported problems"; }
for section in NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES "EXIT STATUS" EXAMPLES; do
  grep -q "^$section" "$work/man.txt" || fail "the man page has no $section section"
done
grep -q "probe" "$work/man.txt" || fail "the man page does not describe the subcommands"
echo "man page: $(wc -l <"$work/man.txt") lines"

echo "== completions"
providers=$("$program" rules list --kind providers --ids)
first_provider=$(echo "$providers" | head -1)
[ -n "$first_provider" ] || fail "rules list --ids printed no provider"
symptom=$("$program" rules list --kind symptoms --ids | head -1)
bash_script=$root/usr/share/bash-completion/completions/smtp-doctor
zsh_script=$root/usr/share/zsh/vendor-completions/_smtp-doctor
fish_script=$root/usr/share/fish/vendor_completions.d/smtp-doctor.fish
export PATH="$root/usr/bin:$PATH"

bash -n "$bash_script" || fail "bash -n $bash_script"
# Ask the bash completion function what follows `smtp-doctor diagnose --provider `, as the shell would.
bash_completions=$(bash -c '
  source "$1"
  COMP_WORDS=(smtp-doctor diagnose --provider ""); COMP_CWORD=3; COMP_LINE="smtp-doctor diagnose --provider "
  COMP_POINT=${#COMP_LINE}
  complete_function=$(complete -p smtp-doctor | sed -n "s/.*-F \([^ ]*\).*/\1/p")
  "$complete_function" smtp-doctor "" --provider
  printf "%s\n" "${COMPREPLY[@]}"
' bash "$bash_script")
echo "$bash_completions" | grep -qx "$first_provider" || fail "bash does not complete --provider with $first_provider"
echo "bash: $(echo "$bash_completions" | wc -l) provider ids offered"

if command -v zsh >/dev/null; then
  zsh -n "$zsh_script" || fail "zsh -n $zsh_script"
  echo "zsh: syntax checked"
else
  skip "zsh is not installed: the zsh completion was not checked (apt-get install zsh)"
fi

if command -v fish >/dev/null; then
  fish -n "$fish_script" || fail "fish -n $fish_script"
  # fish 3 cannot run `complete -C` through these functions outside an interactive session (`commandline` refuses),
  # so the script is checked to ask the program for the ids, and the program is asked as the script asks it.
  grep -q -- "---completion diagnose -- --symptom" "$fish_script" || fail "the fish script does not complete --symptom ids"
  fish_completions=$(smtp-doctor ---completion diagnose -- --symptom 3 0 smtp-doctor diagnose --symptom "")
  echo "$fish_completions" | grep -qx "$symptom" || fail "the program does not offer $symptom for --symptom"
  echo "fish: syntax checked; $(echo "$fish_completions" | wc -l) symptom ids offered"
else
  skip "fish is not installed: the fish completion was not checked (apt-get install fish)"
fi

echo "== tarball: the README's Install commands"
awk '/<!-- install-tarball -->/ { found = 1; next } found && /^```sh/ { inside = 1; next } inside && /^```/ { exit }
  inside { print }' README.md >"$work/install.sh"
[ -s "$work/install.sh" ] || fail "README.md has no install-tarball block"
prefix=$work/prefix
sed -e "s|sudo ||g" -e "s|/usr/local|$prefix|g" "$work/install.sh" >"$work/install-here.sh"
cat "$work/install-here.sh"
cp "$tarball" "$work/"
(cd "$work" && bash -euo pipefail install-here.sh) || fail "the README's tarball commands failed"
"$prefix/bin/smtp-doctor" diagnose --error "535 5.7.8" --format json | grep -q '"auth\.' \
  || fail "the program installed from the tarball did not diagnose 535 5.7.8"
[ -f "$prefix/share/man/man1/smtp-doctor.1" ] || fail "the tarball commands did not install the man page"

if [ "$failures" -gt 0 ]; then
  echo "test-install.sh: $failures failure(s)" >&2
  exit 1
fi
echo "test-install.sh: the package and the tarball install and work"
