#!/usr/bin/env bash
# scripts/package.sh — builds the release program and packages it for people without a Swift toolchain.
#
# Writes into dist/ (ignored by git):
#   smtp-doctor_VERSION_ARCH.deb               the Debian package (binary, man page, completions, examples)
#   smtp-doctor-VERSION-linux-ARCH.tar.gz      the binary, the man page and the completions, for any Linux
#   lintian.txt                                lintian's findings on the package (when lintian is installed)
#
# Environment: SCRATCH_PATH (default .build) is SwiftPM's build folder; SOURCE_DATE_EPOCH fixes the dates written
# into the man page and the changelog (default: the last commit's date).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=${SCRATCH_PATH:-.build}
dist=$root/dist
name=smtp-doctor
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/smtp-doctor/ToolVersion.swift)
arch=$(dpkg --print-architecture)
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
[ -n "$version" ] || { echo "package.sh: cannot read the version from Sources/smtp-doctor/ToolVersion.swift" >&2; exit 1; }

echo "== release build (Swift runtime linked statically)"
swift build -c release --product "$name" --static-swift-stdlib --scratch-path "$scratch"
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/$name"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/deb
mkdir -p "$stage/usr/bin" "$dist"
install -m 0755 "$bin" "$stage/usr/bin/$name"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/$name"
program=$stage/usr/bin/$name

echo "== smoke test of the stripped binary (Foundation, the knowledge base, zlib)"
"$program" --version
"$program" diagnose --error "535 5.7.8 Authentication credentials invalid" --format json >"$work/diagnosis.json"
grep -q '"id" *: *"auth\.' "$work/diagnosis.json" || { echo "package.sh: the release binary did not diagnose 535 5.7.8" >&2; exit 1; }
printf '%s\n' 'May  1 06:06:57 mx1 postfix/smtp[811]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))' \
  | gzip -9n >"$work/mail.log.1.gz"
"$program" analyze --jsonl "$work/mail.log.1.gz" | grep -q '"recipient.unknown-user"' \
  || { echo "package.sh: the release binary did not read a gzip-compressed log" >&2; exit 1; }

echo "== man page (swift-argument-parser's generate-manual, plus packaging/man/sections.mdoc)"
swift build -c release --package-path "$scratch/checkouts/swift-argument-parser" --scratch-path "$scratch/generate-manual" \
  --product generate-manual
generate_manual="$(swift build -c release --package-path "$scratch/checkouts/swift-argument-parser" \
  --scratch-path "$scratch/generate-manual" --show-bin-path)/generate-manual"
mkdir -p "$work/man"
"$generate_manual" "$program" --output-directory "$work/man" --section 1 \
  --date "$(date -u -d "@$epoch" +%Y-%m-%d)" --authors "the smtp-doctor maintainers"
# The extra sections go before AUTHORS, where mdoc(7) orders them: ENVIRONMENT, FILES and EXAMPLES from
# packaging/man/sections.mdoc, then EXIT STATUS from the table the program prints in --help.
cp packaging/man/sections.mdoc "$work/sections.mdoc"
"$program" --help >"$work/help.txt"
awk '
  /^ *EXIT CODES:/ { inside = 1; print ".Sh EXIT STATUS"; print ".Bl -tag -width Ds"; next }
  inside && /^ *[0-9]+ / { code = $1; sub(/^ *[0-9]+ +/, ""); print ".It Sy " code; print; next }
  inside { exit }
  END { if (inside) print ".El" }
' "$work/help.txt" >>"$work/sections.mdoc"
grep -q '^\.It Sy 64$' "$work/sections.mdoc" || { echo "package.sh: no exit status table in --help" >&2; exit 1; }
awk -v extra="$work/sections.mdoc" '
  /^\.Sh AUTHORS/ && !done { while ((getline line < extra) > 0) print line; done = 1 }
  /^$/ { print ".Pp"; next }  # blank lines of the help texts: paragraph breaks in mdoc
  { print }
  END { if (!done) while ((getline line < extra) > 0) print line }
' "$work/man/$name.1" >"$work/$name.1"
man -l -Tutf8 "$work/$name.1" >/dev/null 2>"$work/man-warnings.txt" || true
if [ -s "$work/man-warnings.txt" ]; then cat "$work/man-warnings.txt" >&2; echo "package.sh: the man page has errors" >&2; exit 1; fi

echo "== shell completions"
mkdir -p "$work/completions"
"$program" --generate-completion-script bash >"$work/completions/$name.bash"
"$program" --generate-completion-script zsh >"$work/completions/_$name"
"$program" --generate-completion-script fish >"$work/completions/$name.fish"

echo "== Debian package"
doc=$stage/usr/share/doc/$name
install -d "$stage/usr/share/man/man1" "$stage/usr/share/bash-completion/completions" \
  "$stage/usr/share/zsh/vendor-completions" "$stage/usr/share/fish/vendor_completions.d" "$doc/examples" \
  "$stage/usr/share/lintian/overrides" "$stage/DEBIAN"
gzip -9n <"$work/$name.1" >"$stage/usr/share/man/man1/$name.1.gz"
# A completion script is sourced, not run: no #! line (lintian: bash-completion-with-hashbang).
sed '1{/^#!/d}' "$work/completions/$name.bash" >"$stage/usr/share/bash-completion/completions/$name"
chmod 0644 "$stage/usr/share/bash-completion/completions/$name"
install -m 0644 "$work/completions/_$name" "$stage/usr/share/zsh/vendor-completions/_$name"
install -m 0644 "$work/completions/$name.fish" "$stage/usr/share/fish/vendor_completions.d/$name.fish"
install -m 0644 packaging/debian/copyright "$doc/copyright"
sed "s/@VERSION@/$version/; s/@DATE@/$(date -u -R -d "@$epoch")/" packaging/debian/changelog \
  | gzip -9n >"$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"
install -m 0644 packaging/examples/config.yaml "$doc/examples/config.yaml"
install -m 0644 packaging/rsyslog/smtp-doctor.conf "$doc/examples/rsyslog-smtp-doctor.conf"
install -m 0644 packaging/debian/lintian-overrides "$stage/usr/share/lintian/overrides/$name"

# Depends: from the shared libraries the binary really loads, as dpkg-shlibdeps finds their packages.
mkdir -p "$work/shlibs/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$name" "$name" >"$work/shlibs/debian/control"
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$program" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" -e "s/@SIZE@/$installed_size/" \
  packaging/debian/control >"$stage/DEBIAN/control"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"
find "$stage" -type d -exec chmod 0755 {} +
deb=$dist/${name}_${version}_${arch}.deb
SOURCE_DATE_EPOCH=$epoch dpkg-deb --build --root-owner-group -Zxz "$stage" "$deb"
echo "Depends: $depends"

echo "== tarball"
tarname=$name-$version-linux-$arch
mkdir -p "$work/$tarname/completions"
install -m 0755 "$program" "$work/$tarname/$name"
install -m 0644 "$work/$name.1" "$work/$tarname/$name.1"
install -m 0644 "$work/completions/"* "$work/$tarname/completions/"
install -m 0644 packaging/examples/config.yaml packaging/debian/copyright "$work/$tarname/"
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -czf "$dist/$tarname.tar.gz" "$tarname"

if command -v lintian >/dev/null; then
  echo "== lintian"
  lintian --info "$deb" | tee "$dist/lintian.txt"
  if grep -E '^[EW]: ' "$dist/lintian.txt"; then echo "package.sh: lintian reports errors or warnings" >&2; exit 1; fi
else
  echo "package.sh: lintian is not installed; the package was not checked (apt-get install lintian)" >&2
  [ "${CI:-}" != true ] || exit 1
fi
ls -l "$deb" "$dist/$tarname.tar.gz"
