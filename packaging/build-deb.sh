#!/usr/bin/env bash
# Builds the Debian package on this machine (network: crates.io only, for cargo):
#   1. installs cargo-packager if `cargo packager` is missing (cargo install cargo-packager --locked),
#   2. builds both programs in release ([profile.release] in Cargo.toml),
#   3. runs cargo packager for the deb format only (packaging/Packager.toml, whose version must be
#      Cargo.toml's),
#   4. checks the package: the libraries dpkg-shlibdeps finds in the binaries must be in its Depends.
#
#   bash packaging/build-deb.sh          → $CARGO_TARGET_DIR/release/pango-importer_VERSION_ARCH.deb
#                                          (CARGO_TARGET_DIR defaults to target/)
#   bash packaging/build-deb.sh --check PATH.deb   → only the Depends check (step 4) on a built .deb
# Then prove it in a clean Debian root: bash packaging/test-deb.sh
set -euo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "build-deb.sh: $*" >&2; exit 2; }

# Libraries the binaries link (as opposed to dlopen): dpkg-shlibdeps reads them from the ELF
# headers and the symbol versions used. Every package it names must be in Depends, with at least
# the version it asks for (the dlopened libraries are listed by hand in Cargo.toml and checked by
# test-deb.sh).
check_deb() {
    local deb="$1" x shlibs depends dep name want have missing=()
    command -v dpkg-shlibdeps >/dev/null || die "dpkg-shlibdeps is missing (apt-get install dpkg-dev)"
    x="$(mktemp -d)"
    mkdir -p "$x/debian"
    : >"$x/debian/control"
    dpkg-deb -x "$deb" "$x/pkg"
    shlibs="$(cd "$x" && dpkg-shlibdeps -O pkg/usr/bin/pango-importer pkg/usr/bin/pango-importer-cli 2>/dev/null |
        sed -n 's/^shlibs:Depends=//p')"
    rm -rf "$x"
    [[ -n $shlibs ]] || die "dpkg-shlibdeps found nothing in $deb"
    depends="$(dpkg-deb --field "$deb" Depends)"
    echo "   dpkg-shlibdeps: $shlibs"
    echo "   Depends:        $depends"
    IFS=',' read -ra wanted <<<"$shlibs"
    for dep in "${wanted[@]}"; do
        name="$(awk '{print $1}' <<<"$dep")"
        want="$(sed -n 's/.*(>= *\([^)]*\)).*/\1/p' <<<"$dep")"
        have="$(tr ',' '\n' <<<"$depends" | awk -v n="$name" '$1 == n' | sed -n 's/.*(>= *\([^)]*\)).*/\1/p')"
        if ! tr ',' '\n' <<<"$depends" | awk -v n="$name" '$1 == n {found=1} END {exit !found}'; then
            missing+=("$dep")
        elif [[ -n $want ]] && ! { [[ -n $have ]] && dpkg --compare-versions "$have" ge "$want"; }; then
            missing+=("$dep (Depends has ${have:-no version})")
        fi
    done
    ((${#missing[@]} == 0)) || die "Depends (packaging/Packager.toml, [deb] depends) lacks what the binaries link: ${missing[*]}"
    echo "   every linked library's package is in Depends, at a sufficient version"
}

if [[ ${1:-} == --check ]]; then
    [[ -f ${2:-} ]] || die "usage: build-deb.sh --check PATH.deb"
    check_deb "$2"
    exit 0
fi

cd "$project"

# The desktop app embeds Noto Sans; its licence (SIL OFL 1.1) must ship in the package.
[[ -f assets/fonts/OFL.txt ]] ||
    die "assets/fonts/OFL.txt is missing: the licence of the embedded Noto Sans font must ship with the app"

if ! cargo packager --version >/dev/null 2>&1; then
    echo "== cargo-packager is missing: cargo install cargo-packager --locked (several minutes)"
    cargo install cargo-packager --locked
fi
echo "== $(cargo packager --version)"

target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
version="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')"
arch="$(dpkg --print-architecture)"
deb="$target_dir/release/pango-importer_${version}_${arch}.deb"

config_version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' packaging/Packager.toml | head -n1)"
[[ $config_version == "$version" ]] ||
    die "packaging/Packager.toml says version \"$config_version\" but Cargo.toml says \"$version\": make them equal"

echo "== cargo build --release --locked --bins"
cargo build --release --locked --bins

echo "== cargo packager --release --formats deb --config packaging/Packager.toml"
rm -f "$deb"
# The installers go beside the binaries (cargo-packager looks for the binaries in --out-dir).
cargo packager --release --formats deb --config "$project/packaging/Packager.toml" --out-dir "$target_dir/release"
[[ -f $deb ]] || die "cargo packager did not produce $deb"

echo "== checking $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '$1 !~ /^d/ {print "   ", $6}'

check_deb "$deb"

echo "== built $deb ($(du -h "$deb" | cut -f1))"
