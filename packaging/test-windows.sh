#!/usr/bin/env bash
# Proves the Windows installer under Wine, in a fresh WINEPREFIX, as a marketing user's laptop
# would run it. One PASS/FAIL line per check, INFO lines for figures, `RESULT: PASS|FAIL` last.
#
#   bash packaging/test-windows.sh [INSTALLER.exe]
#
# Without an argument it takes the newest installer build-windows.sh made (release, else debug).
# Installs what is missing (wine64, xvfb, xdotool, imagemagick, x11-utils, mingw), then:
#   1. a fresh 64-bit prefix; Wine 8 lacks bcryptprimitives.dll (Rust's std calls its ProcessPrng;
#      every Windows 10/11 has it), so a stand-in built here with mingw goes into the prefix's
#      system32 (test-only: packaging/windows/test-support, never in the installer);
#   2. silent install (/S): files, Start-menu shortcut, Apps & features and "Open with" keys;
#   3. the command line from `cmd /c`: --version; validate and upload --dry-run of Vietnamese
#      files in a Vietnamese folder (…\Tài liệu\Khách hàng tháng 12.csv: Windows-1258 ';' CRLF,
#      and the UTF-16 "Unicode Text" copy); an upload to the sandbox (itself the Windows build)
#      that stores every valid row; the API key in Credential Manager (stored, read back,
#      forgotten), or the plain "no keychain" message where Wine has none;
#   4. the app: `pango-importer.exe "…\Khách hàng tháng 12.xlsx"` under Xvfb in Vietnamese: the
#      window is titled with the file, screenshots, "Try without an account" → the File step,
#      WM_DELETE_WINDOW closes it; time to first window and memory (INFO);
#   5. settings and history under %APPDATA% as the README says;
#   6. silent uninstall: programs, shortcut and registry keys gone; the user's settings and
#      history kept, as the README says.
# Screenshots and logs go to $CARGO_TARGET_DIR/windows-test (default target/windows-test).
# Wine runs with LC_CTYPE/LANG vi_VN.UTF-8: Wine turns arguments into UTF-16 through LC_CTYPE's
# code page, and LANG gives the prefix a Vietnamese Windows (display language and region).
set -uo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
support="$project/packaging/windows/test-support"
target_dir="${CARGO_TARGET_DIR:-$project/target}"
out="$target_dir/windows-test"
wait_secs="${PANGO_TEST_WAIT_SECS:-90}"

results=()
failed=0
pass() {
    results+=("PASS  $*")
    echo "PASS  $*"
}
fail() {
    results+=("FAIL  $*")
    echo "FAIL  $*"
    failed=1
}
info() { echo "INFO  $*"; }
finish() {
    echo
    echo "== test-windows.sh summary =="
    printf '%s\n' "${results[@]}"
    if ((failed)); then echo "RESULT: FAIL"; else echo "RESULT: PASS"; fi
    exit "$failed"
}
abort() {
    fail "$*"
    finish
}

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v wine >/dev/null || missing+=(wine64)
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
command -v import >/dev/null || missing+=(imagemagick)
command -v xwininfo >/dev/null || missing+=(x11-utils)
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v localedef >/dev/null || missing+=(locales)
if ((${#missing[@]})); then
    info "installing ${missing[*]} (apt)"
    SUDO=""
    if [[ $(id -u) != 0 ]]; then SUDO="sudo -n"; fi
    $SUDO apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        "${missing[@]}" >/dev/null || abort "could not install ${missing[*]}"
fi
# Wine takes the Windows locale from the Unix one: make vi_VN.UTF-8 exist.
if ! locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
    localedef -i vi_VN -f UTF-8 vi_VN.UTF-8 2>/dev/null ||
        sudo -n localedef -i vi_VN -f UTF-8 vi_VN.UTF-8 2>/dev/null ||
        info "could not make the vi_VN.UTF-8 locale; Wine's Windows will be English"
fi

installer="${1:-}"
if [[ -z $installer ]]; then
    installer="$(ls -t "$target_dir"/x86_64-pc-windows-gnu/{release,debug}/pango-importer_*_x64-setup.exe 2>/dev/null | head -n1)"
fi
[[ -n $installer && -f $installer ]] ||
    abort "no installer: run bash packaging/build-windows.sh first (or name the installer)"
info "installer: $installer ($(stat -c %s "$installer") bytes)"

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d /tmp/pango-wine-test.XXXXXX)"
export WINEPREFIX="$work/prefix"
export WINEARCH=win64
export WINEDEBUG=-all
# No Mono/Gecko download prompts (nothing here uses .NET or HTML).
export WINEDLLOVERRIDES="mscoree,mshtml="
# Only Wine gets the Vietnamese locale; this script's own tools keep theirs (decimal points).
for tool in wine wineboot winepath wineserver; do
    eval "$tool() { LANG=vi_VN.UTF-8 LC_CTYPE=vi_VN.UTF-8 LC_ALL= command $tool \"\$@\"; }"
done
display=":$((90 + RANDOM % 9))"
export DISPLAY="$display"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wineserver -k 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1920x1200x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
pids+=("$!")
for _ in $(seq 50); do [[ -S /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done

# --- 1. the prefix -----------------------------------------------------------------------------
t0=$(date +%s.%N)
wineboot -i >"$out/wineboot.log" 2>&1
wineserver -w
[[ -d $WINEPREFIX/drive_c/windows/system32 ]] || abort "wineboot made no prefix (see $out/wineboot.log)"
info "fresh prefix in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$work/bcryptprimitives.dll" \
    "$support/bcryptprimitives.c" "$support/bcryptprimitives.def" -ladvapi32 ||
    abort "cannot build the bcryptprimitives.dll stand-in"
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

# Windows paths of the user's folders, and their Unix paths.
winenv() { wine cmd /c echo "%$1%" 2>/dev/null | tr -d '\r'; }
unixpath() { winepath -u "$1" 2>/dev/null | tr -d '\r'; }
localappdata="$(winenv LOCALAPPDATA)"
appdata="$(winenv APPDATA)"
userprofile="$(winenv USERPROFILE)"
[[ $localappdata == *:* && $appdata == *:* ]] || abort "cannot read %LOCALAPPDATA%/%APPDATA% from Wine"
instdir="$localappdata\\Pango Importer"
instdir_u="$(unixpath "$instdir")"
startmenu_u="$(unixpath "$appdata\\Microsoft\\Windows\\Start Menu\\Programs")"

# --- 2. install --------------------------------------------------------------------------------
cp "$installer" "$work/setup.exe"
wine "$work/setup.exe" /S >"$out/install.log" 2>&1
rc=$?
wineserver -w
if [[ $rc == 0 ]]; then pass "silent install (/S) exit 0"; else fail "silent install exit $rc (see $out/install.log)"; fi
for f in pango-importer.exe pango-importer-cli.exe uninstall.exe LICENSE.txt OFL.txt \
    samples/khach-hang-thang-11.csv samples/don-hang-mau.csv samples/khach-hang-thang-12.xlsx; do
    if [[ -s $instdir_u/$f ]]; then pass "installed $instdir\\${f//\//\\}"; else fail "missing $instdir\\${f//\//\\}"; fi
done
if [[ -f "$startmenu_u/Pango Importer.lnk" ]]; then
    pass "Start-menu shortcut: Start Menu\\Programs\\Pango Importer.lnk"
else
    fail "no Start-menu shortcut in $startmenu_u"
fi
# No console window behind the app: the GUI program is a Windows (GUI) subsystem program, the
# command line a console one.
subsystem() { x86_64-w64-mingw32-objdump -p "$1" 2>/dev/null | sed -n 's/^Subsystem[[:space:]]*//p'; }
gui_sub="$(subsystem "$instdir_u/pango-importer.exe")"
cli_sub="$(subsystem "$instdir_u/pango-importer-cli.exe")"
if [[ $gui_sub == 00000002* && $cli_sub == 00000003* ]]; then
    pass "pango-importer.exe is a GUI program (no console window), pango-importer-cli.exe a console one"
else
    fail "subsystems: pango-importer.exe '$gui_sub', pango-importer-cli.exe '$cli_sub' (want 2 = GUI, 3 = console)"
fi
if grep -aq PerMonitorV2 "$instdir_u/pango-importer.exe" && x86_64-w64-mingw32-objdump -h "$instdir_u/pango-importer.exe" | grep -q "\.rsrc"; then
    pass "pango-importer.exe carries its icon, version and manifest (.rsrc)"
else
    fail "pango-importer.exe has no resources (icon, version, manifest)"
fi
installed_kib="$(du -sk "$instdir_u" | cut -f1)"
info "installed size: ${installed_kib} KiB ($instdir)"

regq() { wine reg query "$@" 2>/dev/null | tr -d '\r'; }
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\vn.pango.importer'
if regq "$uninstall_key" /v DisplayName | grep -q 'Pango Importer'; then
    pass "Apps & features entry ($uninstall_key)"
else
    fail "no Apps & features entry $uninstall_key"
fi
app_key='HKCU\Software\Classes\Applications\pango-importer.exe'
if regq "$app_key\\shell\\open\\command" | grep -qF "pango-importer.exe\" \"%1\""; then
    pass "Open with: $app_key\\shell\\open\\command runs the app with the file"
else
    fail "Open with: no command under $app_key"
fi
for ext in .csv .tsv .xlsx .xls .ods; do
    ok=1
    regq "$app_key\\SupportedTypes" /v "$ext" >/dev/null || ok=0
    regq "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" /v PangoImporter.Spreadsheet >/dev/null || ok=0
    # Never the default: the extension's own (default) value is not ours.
    if regq "HKCU\\Software\\Classes\\$ext" /ve 2>/dev/null | grep -q PangoImporter; then ok=0; fi
    if ((ok)); then
        pass "Open with offered for $ext (SupportedTypes, OpenWithProgids), not made the default"
    else
        fail "Open with for $ext: keys missing or made the default"
    fi
done

# --- 3. the command line -----------------------------------------------------------------------
cli="$instdir\\pango-importer-cli.exe"
# `cmd /c pango-importer-cli.exe …` as a user types it in the install folder (WINEPATH puts the
# folder on cmd's PATH; a quoted program path first would make cmd strip the outer quotes of the
# whole line). stdout and stderr kept apart, CR removed.
export WINEPATH="$instdir"
run_cli() {
    local name=$1
    shift
    wine cmd /c pango-importer-cli.exe "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
    local rc=$?
    sed -i 's/\r$//' "$out/$name.out" "$out/$name.err"
    return $rc
}
json_get() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get(sys.argv[2]))' "$@" 2>/dev/null; }

if run_cli version --version && grep -q '^pango-importer-cli [0-9]' "$out/version.out"; then
    pass "cmd /c pango-importer-cli.exe --version: $(head -n1 "$out/version.out")"
else
    fail "pango-importer-cli.exe --version (see $out/version.err)"
fi

docs="$userprofile\\Tài liệu"
docs_u="$(unixpath "$docs")"
mkdir -p "$docs_u"
python3 "$support/make_fixtures.py" "$project" "$docs_u" || abort "cannot make the test files"
csv="$docs\\Khách hàng tháng 12.csv"
tsv="$docs\\Khách hàng tháng 12 (Unicode).txt"
xlsx="$docs\\Khách hàng tháng 12.xlsx"

# validate: the sample has 10 rows, 7 valid, 3 invalid (6 entries: two rows are the same customer).
for which in csv tsv; do
    f="${!which}"
    run_cli "validate-$which" validate "$f" --object customer-identity --auto-map --json \
        --report "$docs\\Lỗi $which.csv"
    rc=$?
    rows="$(json_get "$out/validate-$which.out" rows)"
    valid="$(json_get "$out/validate-$which.out" valid)"
    invalid="$(json_get "$out/validate-$which.out" invalid)"
    if [[ $rc == 1 && $rows == 10 && $valid == 7 && $invalid == 3 ]]; then
        pass "validate \"$f\": exit 1, rows 10, valid 7, invalid 3"
    else
        fail "validate \"$f\": exit $rc, rows $rows, valid $valid, invalid $invalid (want 1, 10, 7, 3; see $out/validate-$which.err)"
    fi
    if grep -q '"Họ và tên": *"fullName"' "$out/validate-$which.out" &&
        [[ -s "$docs_u/Lỗi $which.csv" ]] && head -c3 "$docs_u/Lỗi $which.csv" | grep -q $'\xef\xbb\xbf'; then
        pass "validate ($which): Vietnamese headers intact in --json, report \"Lỗi $which.csv\" written (UTF-8 with BOM)"
    else
        fail "validate ($which): headers or the report \"Lỗi $which.csv\" not as expected"
    fi
done
run_cli validate-text validate "$csv" --object customer-identity --auto-map
if grep -qF "Khách hàng tháng 12.csv" "$out/validate-text.err" && grep -qF "Họ và tên" "$out/validate-text.out" &&
    grep -qF "Số điện thoại" "$out/validate-text.out"; then
    pass "validate (text): the file name and the headers printed intact (\"Khách hàng tháng 12.csv\", \"Họ và tên\", \"Số điện thoại\")"
else
    fail "validate (text): names not printed intact (see $out/validate-text.out/.err)"
fi

run_cli dry-run upload "$csv" --object customer-identity --auto-map --dry-run --json \
    --payload-out "$docs\\Gửi thử.jsonl"
rc=$?
lines="$(wc -l <"$docs_u/Gửi thử.jsonl" 2>/dev/null || echo 0)"
if [[ $rc == 1 && $(json_get "$out/dry-run.out" valid) == 7 && $lines -ge 1 ]] &&
    grep -q 'Nguyễn Văn Ánh' "$docs_u/Gửi thử.jsonl"; then
    pass "upload --dry-run: exit 1 (3 invalid), 7 valid, payload \"Gửi thử.jsonl\" holds Nguyễn Văn Ánh"
else
    fail "upload --dry-run: exit $rc, payload lines $lines (see $out/dry-run.err)"
fi

# The sandbox, the Windows build itself, on 127.0.0.1.
port=$((20000 + RANDOM % 20000))
sandbox_data="$work/sandbox-data"
mkdir -p "$sandbox_data"
wine "$cli" sandbox --port "$port" --no-limits --data-dir "$(wine winepath -w "$sandbox_data" 2>/dev/null | tr -d '\r')" \
    >"$out/sandbox.out" 2>"$out/sandbox.err" </dev/null &
pids+=("$!")
for _ in $(seq 100); do grep -q 'ingest URL' "$out/sandbox.out" 2>/dev/null && break; sleep 0.2; done
auth_url="$(sed -n 's/^ *auth URL: *//p' "$out/sandbox.out" | tr -d '\r')"
ingest_url="$(sed -n 's/^ *ingest URL: *//p' "$out/sandbox.out" | tr -d '\r')"
gkey="$(sed -n 's/^ *cdpGKey: *//p' "$out/sandbox.out" | tr -d '\r')"
if [[ -n $auth_url && -n $ingest_url ]]; then
    pass "sandbox (pango-importer-cli.exe sandbox) listening: $auth_url"
else
    fail "the sandbox did not start (see $out/sandbox.err)"
fi
export PANGO_AUTH_URL="$auth_url" PANGO_INGEST_URL="$ingest_url" PANGO_USERNAME=demo PANGO_CDP_GKEY="$gkey"
PANGO_API_KEY=sandbox-demo-key run_cli upload upload "$csv" --object customer-identity --auto-map --json \
    --report "$docs\\Kết quả.csv"
rc=$?
accepted="$(json_get "$out/upload.out" accepted)"
stored="$(cat "$sandbox_data"/*.jsonl 2>/dev/null | wc -l)"
if [[ $rc == 1 && $accepted == 7 && $stored == 6 ]]; then
    pass "upload to the sandbox: exit 1 (3 invalid not sent), 7 rows accepted, 6 entries stored once"
else
    fail "upload to the sandbox: exit $rc, accepted $accepted, stored $stored (want 1, 7, 6; see $out/upload.err)"
fi
if cat "$sandbox_data"/*.jsonl 2>/dev/null | grep -q 'Nguyễn Văn Ánh'; then
    pass "the sandbox stored Nguyễn Văn Ánh intact"
else
    fail "the stored entries do not hold Nguyễn Văn Ánh"
fi

# Resumable: a journal in a Vietnamese folder; the same command again sends nothing new.
PANGO_API_KEY=sandbox-demo-key run_cli journal-1 upload "$csv" --object customer-identity --auto-map --json \
    --journal "$docs\\Nhật ký tải lên.journal"
rc1=$?
PANGO_API_KEY=sandbox-demo-key run_cli journal-2 upload "$csv" --object customer-identity --auto-map --json \
    --journal "$docs\\Nhật ký tải lên.journal"
rc2=$?
if [[ $rc1 == 1 && $rc2 == 1 && -s "$docs_u/Nhật ký tải lên.journal" &&
    $(json_get "$out/journal-2.out" requests) == 0 && $(json_get "$out/journal-2.out" accepted) == 7 ]]; then
    pass "journal \"Nhật ký tải lên.journal\": the same upload again sends nothing (0 requests, 7 accepted from the journal)"
else
    fail "journal in a Vietnamese folder: exits $rc1/$rc2, second run requests $(json_get "$out/journal-2.out" requests) (want 0)"
fi
unset PANGO_AUTH_URL PANGO_INGEST_URL PANGO_USERNAME PANGO_CDP_GKEY

# The API key in Credential Manager: stored by `login`, read back by an upload without the
# key in the environment, forgotten by `login --forget`.
profile="Thử nghiệm"
echo sandbox-demo-key | wine cmd /c pango-importer-cli.exe login --profile "$profile" --username demo --cdp-gkey "$gkey" \
    --auth-url "$auth_url" --ingest-url "$ingest_url" --key-stdin >"$out/login.out" 2>"$out/login.err"
rc=$?
sed -i 's/\r$//' "$out/login.out" "$out/login.err"
keychain="unknown"
if [[ $rc == 0 ]] && grep -q 'Stored the API key in the system keychain' "$out/login.out"; then
    keychain="credential-manager"
    if regq 'HKCU\Software\Wine\Credential Manager' /s | grep -qi 'Pango Importer'; then
        pass "login: the API key stored in Credential Manager (generic credential \"$profile:demo.Pango Importer\")"
    else
        pass "login: the API key stored through keyring (Wine's Credential Manager)"
    fi
    if grep -q 'sandbox-demo-key' "$out/login.out" "$out/login.err"; then fail "login printed the API key"; fi
    run_cli upload-keychain upload "$csv" --object customer-identity --auto-map --profile "$profile" --json
    rc=$?
    if [[ $rc == 1 && $(json_get "$out/upload-keychain.out" accepted) == 7 ]]; then
        pass "the key read back from Credential Manager: upload --profile \"$profile\" logged in and sent"
    else
        fail "upload with the stored key: exit $rc (see $out/upload-keychain.err)"
    fi
    run_cli forget login --profile "$profile" --forget
    rc=$?
    run_cli upload-forgotten upload "$csv" --object customer-identity --auto-map --profile "$profile" --json
    rc2=$?
    if [[ $rc == 0 && $rc2 == 2 ]]; then
        pass "login --forget removed the key: the next upload stops with exit 2 ($(head -c 120 "$out/upload-forgotten.err" | head -n1))"
    else
        fail "login --forget: exit $rc, next upload exit $rc2 (want 0 and 2)"
    fi
elif grep -q 'No system keychain is available' "$out/login.err"; then
    keychain="none"
    pass "login: Wine offers no Credential Manager; the plain message instead: $(head -n1 "$out/login.err")"
else
    fail "login --key-stdin: exit $rc (see $out/login.err)"
fi
info "keychain under Wine: $keychain"
# The sandbox is done (Wine's wineserver -w below waits for every Windows process).
pkill -f 'pango-importer-cli.exe sandbox' 2>/dev/null

# --- 4. the app --------------------------------------------------------------------------------
app="$instdir\\pango-importer.exe"
app_start=$(date +%s.%N)
wine "$app" "$xlsx" >"$out/app.log" 2>&1 &
app_pid=$!
pids+=("$app_pid")
# The first window: one named "… Pango Importer" that is mapped (shown).
win=""
for ((i = 0; i < wait_secs * 10; i++)); do
    for w in $(xdotool search --onlyvisible --name 'Pango Importer' 2>/dev/null); do
        win=$w
    done
    [[ -n $win ]] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -z $win ]]; then
    fail "no window named \"… Pango Importer\" within $wait_secs s (see $out/app.log)"
    tail -n 20 "$out/app.log"
else
    first_window="$(awk -v a="$app_start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')"
    info "time to first window under Wine: $first_window s"
    echo "$first_window" >"$out/first-window-wine.txt"
    want="Khách hàng tháng 12.xlsx — Pango Importer"
    for _ in $(seq 100); do # the title is set with the first frame
        title="$(xdotool getwindowname "$win" 2>/dev/null)"
        [[ $title == "$want" ]] && break
        sleep 0.1
    done
    if [[ $title == "$want" ]]; then
        pass "the app opened with \"$xlsx\": window titled \"$title\""
    else
        fail "window title \"$title\" does not name Khách hàng tháng 12.xlsx"
    fi
    sleep 4 # let it draw
    import -window "$win" "$out/1-login.png" 2>>"$out/app.log"
    sd="$(convert "$out/1-login.png" -format '%[fx:standard_deviation]' info: 2>/dev/null)"
    if awk -v s="${sd:-0}" 'BEGIN { exit !(s > 0.01) }'; then
        pass "screenshot $out/1-login.png shows a drawn window (std dev $sd)"
    else
        fail "the login screenshot is blank (std dev ${sd:-?})"
    fi
    geometry="$(xwininfo -id "$win" | sed -n 's/^ *-geometry //p')"
    info "window geometry: $geometry"
    wpid="$(pgrep -f 'pango-importer.exe' | head -n1)"
    if [[ -n $wpid ]]; then
        info "memory of the app under Wine (VmHWM, login screen): $(awk '/VmHWM/{print $2, $3}' "/proc/$wpid/status")"
    fi
    # "Try without an account" (Vietnamese: "Dùng thử không cần tài khoản"), found on the
    # screenshot (the last button, under the rule that closes the login form); then the file
    # that waited is read in the File step.
    convert "$out/1-login.png" "$work/login.ppm" 2>>"$out/app.log"
    if try_xy="$(python3 "$support/find_try_button.py" "$work/login.ppm" 2>>"$out/app.log")"; then
        info "\"Dùng thử không cần tài khoản\" found at $try_xy"
        # shellcheck disable=SC2086 # "X Y"
        xdotool mousemove --window "$win" $try_xy click 1
    else
        fail "\"Try without an account\" not found on $out/1-login.png"
    fi
    sleep 10
    import -window "$win" "$out/2-file-step.png" 2>>"$out/app.log"
    info "after \"Try without an account\": $out/2-file-step.png"
    python3 "$support/x11_close.py" "$win"
    closed=0
    for _ in $(seq 100); do
        kill -0 "$app_pid" 2>/dev/null || {
            closed=1
            break
        }
        sleep 0.2
    done
    if ((closed)); then
        wait "$app_pid"
        rc=$?
        if [[ $rc == 0 ]]; then pass "WM_DELETE_WINDOW closed the app (exit 0)"; else fail "the app ended with exit $rc on WM_DELETE_WINDOW"; fi
    else
        fail "the app still runs 20 s after WM_DELETE_WINDOW"
    fi
fi

# A laptop at 150 % scaling (Windows' default on many 14" screens): Wine's LogPixels 144.
# The window and its text grow with the scale instead of staying small or blurry.
if [[ -n $win ]]; then
    wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d 144 /f >/dev/null 2>&1
    wine "$app" --lang vi >"$out/app-150.log" 2>&1 &
    app150=$!
    pids+=("$app150")
    win150=""
    for ((i = 0; i < wait_secs * 10; i++)); do
        for w in $(xdotool search --onlyvisible --name 'Pango Importer' 2>/dev/null); do win150=$w; done
        [[ -n $win150 ]] && break
        kill -0 "$app150" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -n $win150 ]]; then
        sleep 4
        import -window "$win150" "$out/3-login-150.png" 2>>"$out/app-150.log"
        width150="$(xwininfo -id "$win150" | sed -n 's/^ *Width: *//p')"
        if ((width150 >= 1600)); then
            pass "at 150 % scaling the window is drawn 1.5× (width $width150 px; $out/3-login-150.png)"
        else
            fail "at 150 % scaling the window is $width150 px wide (want ≥ 1600: 1.5 × 1180)"
        fi
        python3 "$support/x11_close.py" "$win150"
        for _ in $(seq 100); do kill -0 "$app150" 2>/dev/null || break; sleep 0.2; done
    else
        fail "no window at 150 % scaling (see $out/app-150.log)"
    fi
    kill "$app150" 2>/dev/null
    wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d 96 /f >/dev/null 2>&1
fi

# Beside it, in the same run and on the same display, the same app built for Linux (when
# PANGO_LINUX_APP names it): the time to its first window and its memory, for the ratio in
# packaging/MEASUREMENTS.md. INFO only.
if [[ -n ${PANGO_LINUX_APP:-} && -x ${PANGO_LINUX_APP:-} && -n ${first_window:-} ]]; then
    linux_home="$work/linux-home"
    linux_file="$work/Khách hàng tháng 12.xlsx"
    cp "$docs_u/Khách hàng tháng 12.xlsx" "$linux_file"
    lstart=$(date +%s.%N)
    PANGO_IMPORTER_HOME="$linux_home" LANG=vi_VN.UTF-8 "$PANGO_LINUX_APP" "$linux_file" >"$out/linux-app.log" 2>&1 &
    lpid=$!
    pids+=("$lpid")
    lwin=""
    for ((i = 0; i < wait_secs * 10; i++)); do
        lwin="$(xdotool search --onlyvisible --pid "$lpid" 2>/dev/null | tail -n1)"
        [[ -n $lwin ]] && break
        kill -0 "$lpid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -n $lwin ]]; then
        linux_first="$(awk -v a="$lstart" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')"
        sleep 4
        info "time to first window natively on Linux: $linux_first s; under Wine $first_window s (ratio $(awk -v w="$first_window" -v l="$linux_first" 'BEGIN{printf "%.2f", w/l}'))"
        info "memory of the Linux app (VmHWM): $(awk '/VmHWM/{print $2, $3}' "/proc/$lpid/status")"
        python3 "$support/x11_close.py" "$lwin"
        for _ in $(seq 50); do kill -0 "$lpid" 2>/dev/null || break; sleep 0.2; done
    else
        info "the Linux app showed no window (see $out/linux-app.log)"
    fi
    kill "$lpid" 2>/dev/null
fi

# --- 5. where the app keeps things --------------------------------------------------------------
config_u="$(unixpath "$appdata\\Pango\\Pango Importer\\config")"
data_u="$(unixpath "$appdata\\Pango\\Pango Importer\\data")"
for f in "$config_u/settings.json" "$data_u/history.jsonl"; do
    if [[ -s $f ]]; then pass "kept where the README says: ${f#"$WINEPREFIX/drive_c/"}"; else fail "missing $f"; fi
done
if grep -q 'sandbox-demo-key' "$config_u/settings.json" 2>/dev/null; then fail "settings.json holds the API key"; fi
if [[ -s $config_u/app.ron ]]; then
    pass "window and preferences kept: ${config_u#"$WINEPREFIX/drive_c/"}/app.ron"
else
    fail "no app.ron in ${config_u#"$WINEPREFIX/drive_c/"} after closing the app"
fi
# The File step lists a file among the recent ones once it has read it: after "Try without an
# account" the workbook that waited on the login screen was read, Vietnamese path intact.
if grep -qF 'Tài liệu\\\\Khách hàng tháng 12.xlsx' "$config_u/app.ron" 2>/dev/null ||
    grep -qF 'Tài liệu\\Khách hàng tháng 12.xlsx' "$config_u/app.ron" 2>/dev/null; then
    pass "\"Try without an account\" led to the File step, which read \"$xlsx\" (a recent file in app.ron)"
else
    fail "the File step did not read \"$xlsx\" after \"Try without an account\" (not among the recent files)"
fi

# --- 6. uninstall ------------------------------------------------------------------------------
wine "$instdir\\uninstall.exe" /S >"$out/uninstall.log" 2>&1
wineserver -w
for _ in $(seq 50); do [[ -e $instdir_u/pango-importer.exe ]] || break; sleep 0.2; done
if [[ ! -e $instdir_u ]]; then
    pass "uninstall (/S) removed $instdir"
else
    fail "left after uninstall: $(cd "$instdir_u" && find . -type f | head -n5 | tr '\n' ' ')"
fi
[[ -e "$startmenu_u/Pango Importer.lnk" ]] && fail "Start-menu shortcut left" || pass "Start-menu shortcut removed"
left=()
for key in "$uninstall_key" "$app_key" 'HKCU\Software\Classes\PangoImporter.Spreadsheet'; do
    regq "$key" >/dev/null && left+=("$key")
done
for ext in .csv .tsv .xlsx .xls .ods; do
    regq "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" /v PangoImporter.Spreadsheet >/dev/null &&
        left+=("$ext\\OpenWithProgids")
done
if ((${#left[@]})); then fail "registry keys left: ${left[*]}"; else pass "registry keys removed (Apps & features, Open with for 5 types)"; fi
if [[ -s $config_u/settings.json && -s $data_u/history.jsonl ]]; then
    pass "the user's settings and history stay after uninstall (README: delete %APPDATA%\\Pango\\Pango Importer)"
else
    fail "uninstall removed the user's settings or history"
fi

finish
