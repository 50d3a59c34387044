#!/usr/bin/env bash
# Proves the .deb in a clean Debian root: installs it with apt (so its Depends are resolved from
# Debian's archive), checks that every library the programs load is then present, runs the
# command line (--version, validate on a sample), and starts the desktop app under Xvfb, waits
# for its window and takes a screenshot.
#
#   bash packaging/test-deb.sh [PATH.deb]      (as root; default: the newest built .deb)
#
# The root is made once with debootstrap (Debian's default mirror, the suite of this host) in
# target/deb-root/base and then reused: each run mounts a throw-away overlay over it, so every
# run starts from the same clean root; downloaded packages are kept in target/deb-root/archives.
# Results (screenshot, logs) go to target/deb-test/. Needs: debootstrap (apt-get install
# debootstrap), overlayfs or enough disk for a copy, network access to the Debian mirror.
#
# Test tools (xvfb, xdotool, imagemagick, x11-utils, desktop-file-utils) are installed in the root
# only AFTER the library check, so they cannot hide a missing Depends.
set -uo pipefail

project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
top="$project/target/deb-root"
base="$top/base"
archives="$top/archives"
upper="$top/upper"
work="$top/work"
root="$top/merged"
out="$project/target/deb-test"
sample="$project/assets/samples/khach-hang-thang-11.csv"
wait_secs="${PANGO_TEST_WINDOW_TIMEOUT:-30}"

results=()
failed=0
pass() { results+=("PASS  $*"); echo "PASS  $*"; }
fail() { results+=("FAIL  $*"); echo "FAIL  $*"; failed=1; }
info() { echo "----  $*"; }
die() { echo "test-deb.sh: $*" >&2; exit 2; }

[[ $(id -u) -eq 0 ]] || die "run as root (debootstrap, chroot and mount need it)"

# --- which .deb --------------------------------------------------------------------------------
deb="${1:-}"
if [[ -z $deb ]]; then
    target_dir="${CARGO_TARGET_DIR:-$project/target}"
    deb="$(ls -t "$target_dir"/release/pango-importer_*.deb 2>/dev/null | head -n1 || true)"
    [[ -n $deb ]] || die "no .deb found in $target_dir/release; run packaging/build-deb.sh or pass PATH.deb"
fi
[[ -f $deb ]] || die "no such file: $deb"
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
info "package: $deb"

# --- the clean root ----------------------------------------------------------------------------
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
[[ -n $suite ]] || die "cannot tell this host's Debian suite from /etc/os-release"
mkdir -p "$top" "$archives/partial" "$out"

if [[ ! -f $base/.pango-base-ready ]]; then
    command -v debootstrap >/dev/null || {
        info "installing debootstrap on the host"
        apt-get install -y debootstrap >/dev/null || die "cannot install debootstrap"
    }
    info "debootstrap --variant=minbase $suite (default mirror) into $base"
    rm -rf "$base.partial"
    debootstrap --variant=minbase "$suite" "$base.partial" >"$out/debootstrap.log" 2>&1 ||
        die "debootstrap failed, see $out/debootstrap.log"
    rm -rf "$base"
    mv "$base.partial" "$base"
    touch "$base/.pango-base-ready"
fi

# apt's package lists live in the clean root, refreshed when older than a day (before the overlay
# is mounted: the lower layer must not change under it).
if [[ -z $(find "$base/var/lib/apt/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -n1) ]]; then
    info "apt-get update in the clean root"
    cp -L /etc/resolv.conf "$base/etc/resolv.conf"
    chroot "$base" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin apt-get update >"$out/apt-update.log" 2>&1 ||
        die "apt-get update failed, see $out/apt-update.log"
fi

mounted=()
started=()
cleanup() {
    local pid i
    for pid in "${started[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${started[@]}"; do wait "$pid" 2>/dev/null; done
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

do_mount() { # mount ARGS... TARGET (the last argument is what to unmount)
    mount "$@" || return 1
    mounted+=("${!#}")
}

# A command in the root with a clean environment. Used without a function for background
# processes, so that $! is the process itself (chroot and env exec it) and can be signalled.
in_root_cmd=(chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive)
in_root() { "${in_root_cmd[@]}" "$@"; }

# Leftovers of an interrupted run.
for m in "$root/var/cache/apt/archives" "$root/dev/shm" "$root/dev/pts" "$root/sys" "$root/proc" "$root"; do
    mountpoint -q "$m" && { umount "$m" 2>/dev/null || umount -l "$m"; }
done
rm -rf "$upper" "$work"
mkdir -p "$upper" "$work" "$root"

if do_mount -t overlay overlay -o "lowerdir=$base,upperdir=$upper,workdir=$work" "$root"; then
    info "fresh overlay over the clean root"
else
    info "overlayfs unavailable: copying the clean root"
    rm -rf "$root"
    cp -a "$base" "$root" || die "cannot copy the root"
fi
do_mount -t proc proc "$root/proc" || die "cannot mount /proc"
do_mount -t sysfs sysfs "$root/sys" || die "cannot mount /sys"
mkdir -p "$root/dev/pts" "$root/dev/shm"
do_mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" || die "cannot mount /dev/pts"
do_mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm" || die "cannot mount /dev/shm"
do_mount --bind "$archives" "$root/var/cache/apt/archives" || die "cannot bind the package cache"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

# --- install the package -----------------------------------------------------------------------
cp "$deb" "$root/tmp/"
debname="$(basename "$deb")"
if in_root apt-get install -y --no-install-recommends "./tmp/$debname" >"$out/apt-install.log" 2>&1; then
    pass "apt-get install ./$debname (Depends resolved from Debian $suite)"
else
    fail "apt-get install ./$debname — see $out/apt-install.log"
    tail -n 20 "$out/apt-install.log"
fi
info "pulled in: $(grep -c '^Setting up' "$out/apt-install.log") packages"
info "Depends: $(in_root dpkg-query -W -f='${Depends}' pango-importer 2>/dev/null)"
info "Maintainer: $(in_root dpkg-query -W -f='${Maintainer}' pango-importer 2>/dev/null)"

# --- the files the package must carry ----------------------------------------------------------
for f in /usr/bin/pango-importer /usr/bin/pango-importer-cli \
    /usr/share/applications/pango-importer.desktop \
    /usr/share/doc/pango-importer/copyright /usr/share/doc/pango-importer/LICENSE \
    /usr/share/doc/pango-importer/OFL.txt \
    /usr/share/icons/hicolor/32x32/apps/pango-importer.png \
    /usr/share/icons/hicolor/256x256/apps/pango-importer.png \
    /usr/share/icons/hicolor/512x512/apps/pango-importer.png \
    /usr/share/icons/hicolor/scalable/apps/pango-importer.svg \
    /usr/lib/pango-importer/LICENSE.txt /usr/lib/pango-importer/OFL.txt \
    /usr/lib/pango-importer/samples/khach-hang-thang-11.csv \
    /usr/lib/pango-importer/samples/khach-hang-thang-12.xlsx \
    /usr/lib/pango-importer/samples/don-hang-mau.csv; do
    if [[ -s $root$f ]]; then pass "file $f"; else fail "file $f missing"; fi
done

# --- every library the programs load, present with only the package's Depends -----------------
# Linked ones (ldd) and the ones opened with dlopen at run time: the names written in the
# binaries, plus the ones winit/glutin/rfd are known to open (in case a name is built at run time).
for bin in pango-importer pango-importer-cli; do
    if [[ -x $root/usr/bin/$bin ]]; then
        if in_root ldd "/usr/bin/$bin" | grep -q 'not found'; then
            fail "ldd /usr/bin/$bin: $(in_root ldd "/usr/bin/$bin" | grep 'not found' | tr -s ' \t' ' ')"
        else
            pass "ldd /usr/bin/$bin: every linked library found"
        fi
    fi
done
known="libGL.so.1 libEGL.so.1 libX11.so.6 libX11-xcb.so.1 libxcb.so.1 libXcursor.so.1 libXi.so.6
libxkbcommon.so.0 libxkbcommon-x11.so.0 libwayland-client.so.0 libwayland-egl.so.1 libdbus-1.so.3"
named="$(cat "$root/usr/bin/pango-importer" "$root/usr/bin/pango-importer-cli" 2>/dev/null |
    grep -aoE 'lib[A-Za-z0-9_+-]{1,30}\.so(\.[0-9]+)+' | sort -u | tr '\n' ' ')"
info "library names written in the binaries: ${named:-none}"
ldcache="$(in_root ldconfig -p)"
missing=()
for so in $(printf '%s\n' $known $named | sort -u); do
    grep -q "^[[:space:]]*$so (" <<<"$ldcache" || missing+=("$so")
done
if ((${#missing[@]})); then
    fail "libraries the app loads, missing after installing its Depends: ${missing[*]}"
else
    pass "every library the app loads is installed by its Depends ($(printf '%s\n' $known $named | sort -u | wc -l) checked)"
fi

# --- the command line --------------------------------------------------------------------------
if v="$(in_root pango-importer-cli --version 2>&1)"; then
    pass "pango-importer-cli --version: $v"
else
    fail "pango-importer-cli --version: $v"
fi
if v="$(in_root pango-importer --version 2>&1)"; then
    info "pango-importer --version: $v"
fi
# The sample the package installed (the File step offers it), the same file as assets/samples/.
installed_sample="/usr/lib/pango-importer/samples/$(basename "$sample")"
if cmp -s "$sample" "$root$installed_sample"; then
    pass "$installed_sample is assets/samples/$(basename "$sample")"
else
    fail "$installed_sample differs from assets/samples/$(basename "$sample") or is missing"
fi
in_root pango-importer-cli validate "$installed_sample" --object customer-identity --auto-map \
    >"$out/validate.log" 2>&1
rc=$?
summary="$(grep -m1 '^Rows:' "$out/validate.log" | tr -s ' ')"
if [[ ($rc -eq 0 || $rc -eq 1) && -n $summary ]]; then
    # exit 1 = invalid rows found: the sample has a few deliberate mistakes
    pass "pango-importer-cli validate $(basename "$sample") --object customer-identity --auto-map: exit $rc, $summary"
else
    fail "pango-importer-cli validate: exit $rc, see $out/validate.log"
fi
sed 's/^/      /' "$out/validate.log" | sed -n '/^ *First issues/,$p'

# --- desktop integration and the window (test tools from here on) ------------------------------
in_root dpkg-query -W -f='${Package}\n' | sed 's/:.*//' | sort -u >"$out/packages-before-tools.txt"
info "installing test tools in the root (not package dependencies)"
if ! in_root apt-get install -y --no-install-recommends xvfb xauth xdotool imagemagick x11-utils \
    desktop-file-utils libglib2.0-bin >"$out/apt-tools.log" 2>&1; then
    fail "installing the test tools, see $out/apt-tools.log"
fi

if in_root desktop-file-validate /usr/share/applications/pango-importer.desktop >"$out/desktop-file-validate.log" 2>&1; then
    pass "desktop-file-validate pango-importer.desktop"
else
    fail "desktop-file-validate: $(tr '\n' ' ' <"$out/desktop-file-validate.log")"
fi
cache="$root/usr/share/applications/mimeinfo.cache"
for mime in text/csv text/tab-separated-values \
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet application/vnd.ms-excel \
    application/vnd.oasis.opendocument.spreadsheet; do
    if grep -q "^$mime=.*pango-importer.desktop" "$cache" 2>/dev/null; then
        pass "\"Open with Pango Importer\" offered for $mime"
    else
        fail "$mime not associated with pango-importer.desktop"
    fi
done

rm -f "$out/screenshot.png" "$out/screenshot-file-step.png"
display=:99
"${in_root_cmd[@]}" Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
started+=("$!")
for _ in $(seq 50); do [[ -S $root/tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
gui_bin=/usr/bin/pango-importer
if [[ -n ${PANGO_TEST_GUI_BINARY:-} ]]; then
    # Only to try this check with another eframe program while the real app is not built yet.
    cp "$PANGO_TEST_GUI_BINARY" "$root/tmp/gui-under-test"
    gui_bin=/tmp/gui-under-test
    info "GUI under test: $PANGO_TEST_GUI_BINARY (PANGO_TEST_GUI_BINARY), NOT the packaged app"
fi
# Started the way a file manager's "Open With → Pango Importer" starts it: GIO (what GNOME Files
# and most file managers use) reads the installed desktop entry and runs its Exec line with the
# file in place of %f. The window title then names the file (the app holds it until login).
cp "$sample" "$root/tmp/"
opened="/tmp/$(basename "$sample")"
if [[ -n ${PANGO_TEST_GUI_BINARY:-} ]]; then
    "${in_root_cmd[@]}" DISPLAY="$display" RUST_BACKTRACE=1 PANGO_IMPORTER_HOME=/tmp/pih \
        "$gui_bin" "$opened" >"$out/gui.log" 2>&1 &
    gui=$!
else
    info "gio launch /usr/share/applications/pango-importer.desktop $opened"
    "${in_root_cmd[@]}" DISPLAY="$display" RUST_BACKTRACE=1 PANGO_IMPORTER_HOME=/tmp/pih \
        gio launch /usr/share/applications/pango-importer.desktop "$opened" >"$out/gui.log" 2>&1
    # gio has started the app and returned: find the app's process (its root is this root).
    gui=""
    for _ in $(seq 50); do
        for pid in $(pgrep -x pango-importer); do
            [[ $(readlink "/proc/$pid/root") == "$root" ]] && gui=$pid
        done
        [[ -n $gui ]] && break
        sleep 0.1
    done
    [[ -n $gui ]] || gui=999999999
fi
started+=("$gui")
# Like `xdotool search --sync` with a timeout, but gives up as soon as the app has ended.
win=""
for ((i = 0; i < wait_secs * 2; i++)); do
    win="$(in_root env DISPLAY="$display" xdotool search --name 'Pango Importer' 2>/dev/null | head -n1)"
    [[ -n $win ]] && break
    kill -0 "$gui" 2>/dev/null || break
    sleep 0.5
done
if [[ -n $win ]]; then
    sleep 2 # let it draw
    title="$(in_root env DISPLAY="$display" xdotool getwindowname "$win" 2>/dev/null)"
    pass "window appeared: \"$title\" (id $win)"
    if [[ $title == "$(basename "$sample") — Pango Importer" ]]; then
        pass "Open With: the app holds $(basename "$sample") (the window title names it)"
    else
        fail "Open With: the window title \"$title\" does not name $(basename "$sample")"
    fi
    # The shared libraries the running app has mapped (linked and dlopened), and the packages
    # they come from: each must have been installed before the test tools were.
    # (/proc/PID/maps, read from outside the chroot, shows host paths: strip the root's.)
    grep -oE '/[^ ]+\.so[.0-9]*$' "/proc/$gui/maps" 2>/dev/null | sed "s#^$root##" | sort -u \
        >"$out/gui-libraries.txt"
    late=()
    : >"$out/gui-library-packages.txt"
    while read -r lib; do
        pkg="$(in_root dpkg -S "$lib" </dev/null 2>/dev/null ||
            in_root dpkg -S "${lib#/usr}" </dev/null 2>/dev/null)"
        pkg="${pkg%%:*}"
        echo "$lib ${pkg:-?}" >>"$out/gui-library-packages.txt"
        if [[ -z $pkg ]]; then
            late+=("$lib (no package owns it)")
        elif ! grep -qx "$pkg" "$out/packages-before-tools.txt"; then
            late+=("$lib ($pkg)")
        fi
    done <"$out/gui-libraries.txt"
    info "libraries the app has loaded: $(sed 's#.*/##' "$out/gui-libraries.txt" | tr '\n' ' ')"
    if ((${#late[@]})); then
        fail "libraries loaded from packages that only the test tools brought (add them to Depends): ${late[*]}"
    else
        pass "all $(wc -l <"$out/gui-libraries.txt") libraries the running app loaded came with the package's Depends ($(awk '{print $2}' "$out/gui-library-packages.txt" | sort -u | wc -l) packages)"
    fi
    in_root env DISPLAY="$display" import -window root /tmp/screenshot.png 2>>"$out/gui.log"
    cp "$root/tmp/screenshot.png" "$out/screenshot.png" 2>/dev/null
    if [[ -s $out/screenshot.png ]]; then
        sd="$(in_root convert /tmp/screenshot.png -format '%[fx:standard_deviation]' info: 2>/dev/null)"
        if awk -v s="${sd:-0}" 'BEGIN { exit !(s > 0.01) }'; then
            pass "screenshot target/deb-test/screenshot.png shows a drawn window (std dev $sd)"
        else
            fail "screenshot is blank (std dev ${sd:-?})"
        fi
    else
        fail "no screenshot taken"
    fi
    # On to the File step the way a first-time user goes: "Try without an account" (the sandbox
    # inside the app; where the English login screen draws it in the default 1180×780 window),
    # then the file that came through Open With is read. For looking at, not a PASS/FAIL.
    in_root env DISPLAY="$display" xdotool mousemove --window "$win" 407 456 click 1
    sleep 8
    in_root env DISPLAY="$display" import -window root /tmp/screenshot-file-step.png 2>>"$out/gui.log"
    cp "$root/tmp/screenshot-file-step.png" "$out/screenshot-file-step.png" 2>/dev/null &&
        info "after \"Try without an account\": target/deb-test/screenshot-file-step.png"
    kill -TERM "$gui" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$gui" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$gui" 2>/dev/null; then
        fail "app still running 10 s after SIGTERM"
        kill -KILL "$gui" 2>/dev/null
    else
        pass "app ended on SIGTERM"
    fi
else
    if kill -0 "$gui" 2>/dev/null; then
        fail "no window named \"Pango Importer\" within $wait_secs s (app still running; see $out/gui.log)"
    else
        wait "$gui" 2>/dev/null
        fail "no window named \"Pango Importer\": the app ended before showing one (see $out/gui.log)"
    fi
    sed 's/^/      /' "$out/gui.log" | tail -n 8
fi

# --- summary -----------------------------------------------------------------------------------
echo
echo "== test-deb.sh summary: $(basename "$deb") in a clean Debian $suite root =="
printf '%s\n' "${results[@]}"
if ((failed)); then echo "RESULT: FAIL"; else echo "RESULT: PASS"; fi
exit "$failed"
