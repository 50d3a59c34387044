#!/usr/bin/env bash
# Builds the Windows installer of Pango Importer on this Linux machine:
#   1. installs what is missing: the Rust target x86_64-pc-windows-gnu, Debian's
#      gcc-mingw-w64-x86-64 (C compiler and windres for ring and the app's resources), nsis;
#   2. cross-builds pango-importer.exe and pango-importer-cli.exe (release; --debug for a quick
#      debug build, as CI uses);
#   3. stages the programs and the resources packaging/Packager.toml lists (LICENSE, OFL, samples)
#      and writes the exact file list the installer installs and the uninstaller removes;
#   4. runs makensis on packaging/windows/installer.nsi with the product's name, version,
#      publisher, identifier and icon from packaging/Packager.toml: a 64-bit, per-user NSIS
#      installer (no administrator), Start-menu shortcut, uninstaller, "Open with" entries.
# The last line printed is the installer's path.
#
#   bash packaging/build-windows.sh [--debug]
# Environment: CARGO_TARGET_DIR (default: target).
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
cd "$project"
target=x86_64-pc-windows-gnu
profile=release
case "${1:-}" in
--debug) profile=debug ;;
"") ;;
*)
    echo "usage: bash packaging/build-windows.sh [--debug]" >&2
    exit 2
    ;;
esac
target_dir="${CARGO_TARGET_DIR:-$project/target}"
out_dir="$target_dir/$target/$profile"

log() { echo "== $*" >&2; }
die() {
    echo "build-windows.sh: $*" >&2
    exit 1
}

# --- 1. tools ----------------------------------------------------------------------------------
apt_missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || apt_missing+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-windres >/dev/null || apt_missing+=(binutils-mingw-w64-x86-64)
command -v makensis >/dev/null || apt_missing+=(nsis)
if ((${#apt_missing[@]})); then
    log "installing ${apt_missing[*]} (apt)"
    SUDO=""
    if [[ $(id -u) != 0 ]]; then SUDO="sudo -n"; fi
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        "${apt_missing[@]}" >&2
fi
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    log "rustup target add $target"
    rustup target add "$target" >&2
fi
[[ -d /usr/share/nsis/Stubs ]] && ls /usr/share/nsis/Stubs/lzma_solid-amd64-unicode >/dev/null 2>&1 ||
    die "this nsis has no 64-bit (amd64-unicode) stubs; Debian's nsis 3.08 or newer has them"

# --- 2. build ----------------------------------------------------------------------------------
cargo_profile=()
compressor=()
if [[ $profile == release ]]; then
    cargo_profile=(--release)
else
    # A quick installer to test with (CI): no debug info in the programs (400 MB each with it)
    # and no compression (solid LZMA of a debug build takes makensis minutes).
    export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_DEV_STRIP=symbols
    compressor=(-DNO_COMPRESSION)
fi
log "cargo build ${cargo_profile[*]} --locked --bins --target $target"
cargo build "${cargo_profile[@]}" --locked --bins --target "$target" >&2
for exe in pango-importer.exe pango-importer-cli.exe; do
    [[ -f $out_dir/$exe ]] || die "cargo did not produce $out_dir/$exe"
done

# --- 3. stage ----------------------------------------------------------------------------------
stage="$out_dir/installer/stage"
rm -rf "$stage"
mkdir -p "$stage"
# Reads Packager.toml (the one packaging configuration), copies what it lists into the stage and
# writes stage/files.nsh and stage/defines (one makensis -D option a line).
python3 - "$project/packaging/Packager.toml" "$out_dir" "$stage" <<'PY'
import glob, os, shutil, sys, tomllib

config_path, out_dir, stage = sys.argv[1:4]
base = os.path.dirname(config_path)
with open(config_path, "rb") as f:
    config = tomllib.load(f)

files = []  # paths inside the install folder, with "\" as Windows writes them


def put(src, rel):
    dest = os.path.join(stage, *rel.split("/"))
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copyfile(src, dest)
    files.append(rel.replace("/", "\\"))


main = None
for binary in config["binaries"]:
    name = binary["path"] + ".exe"
    put(os.path.join(out_dir, name), name)
    if binary.get("main"):
        main = name
if main is None:
    sys.exit("Packager.toml names no main binary")

for res in config.get("resources", []):
    pattern = os.path.join(base, res["src"])
    found = sorted(glob.glob(pattern))
    if not found:
        sys.exit(f"Packager.toml resource {res['src']} matches no file")
    if "*" in res["src"]:  # a glob goes into the target folder
        for src in found:
            put(src, res["target"] + "/" + os.path.basename(src))
    else:
        put(found[0], res["target"])

icons = [i for i in config["icons"] if i.endswith(".ico")]
if len(icons) != 1:
    sys.exit("Packager.toml must list exactly one .ico icon")
icon = os.path.abspath(os.path.join(base, icons[0]))
if "LICENSE.txt" not in files:
    sys.exit("the installer shows LICENSE.txt: list it in Packager.toml's resources")

folders = sorted({os.path.dirname(f.replace("\\", "/")) for f in files} - {""},
                 key=lambda d: -d.count("/"))
with open(os.path.join(stage, "files.nsh"), "w", encoding="utf-8") as out:
    out.write("; Written by packaging/build-windows.sh from packaging/Packager.toml.\n")
    out.write("!macro InstallFiles\n")
    for d in sorted(folders, key=lambda d: d.count("/")):
        out.write(f'  CreateDirectory "$INSTDIR\\{d}"\n')
    for f in files:
        posix = f.replace("\\", "/")
        out.write(f'  File "/oname=$INSTDIR\\{f}" "${{STAGE}}/{posix}"\n')
    out.write("!macroend\n!macro UninstallFiles\n")
    for f in files:
        out.write(f'  Delete "$INSTDIR\\{f}"\n')
    for d in folders:
        out.write(f'  RMDir "$INSTDIR\\{d}"\n')
    out.write("!macroend\n")

defines = {
    "PRODUCT_NAME": config["product-name"],
    "VERSION": config["version"],
    "PUBLISHER": config["publisher"],
    "IDENTIFIER": config["identifier"],
    "MAIN_EXE": main,
    "ICON": icon,
}
with open(os.path.join(stage, "defines"), "w", encoding="utf-8") as out:
    for k, v in defines.items():
        out.write(f"-D{k}={v}\n")
    out.write(f"-DSTAGE={stage}\n")
print(f"{config['product-name']}|{config['version']}", file=sys.stderr)
PY

version="$(grep -m1 '^-DVERSION=' "$stage/defines" | cut -d= -f2-)"
installer="$out_dir/pango-importer_${version}_x64-setup.exe"
rm -f "$installer"

# --- 4. makensis -------------------------------------------------------------------------------
mapfile -t defines <"$stage/defines"
log "makensis packaging/windows/installer.nsi"
makensis -V2 -INPUTCHARSET UTF8 "${compressor[@]}" "${defines[@]}" "-DOUT_FILE=$installer" \
    "$project/packaging/windows/installer.nsi" >&2
[[ -f $installer ]] || die "makensis did not produce $installer"
log "installer: $(stat -c %s "$installer") bytes"
echo "$installer"
