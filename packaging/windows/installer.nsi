; The Windows installer of Pango Importer: 64-bit, per user (no administrator), NSIS 3.
;
; Built by packaging/build-windows.sh, which reads the product's name, version, publisher,
; identifier, icon and files from packaging/Packager.toml, stages them, writes files.nsh (the
; exact list of files to install and to remove) and runs
;   makensis -INPUTCHARSET UTF8 -DPRODUCT_NAME=… -DVERSION=… -DPUBLISHER=… -DIDENTIFIER=…
;            -DMAIN_EXE=… -DICON=… -DSTAGE=… -DOUT_FILE=… installer.nsi
; Why not cargo-packager's own NSIS template: see packaging/MEASUREMENTS.md ("Windows").
;
; What it writes, all under the current user (HKCU, %LOCALAPPDATA%, the user's Start menu):
;   - the programs, licences and samples in $INSTDIR (%LOCALAPPDATA%\Pango Importer);
;   - a Start-menu shortcut;
;   - the Apps & features entry (Software\Microsoft\Windows\CurrentVersion\Uninstall\<id>);
;   - "Open with" for .csv .tsv .xlsx .xls .ods, never the default app: the application key
;     Software\Classes\Applications\<exe> (with SupportedTypes) and a ProgID listed in each
;     extension's OpenWithProgids. The extensions' own default values are never touched.
; The uninstaller removes exactly these; the user's settings, history, reports, templates and
; keychain entries stay (the README says where they are and how to remove them).

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS all
!ifdef NO_COMPRESSION
  ; build-windows.sh --debug: a test installer, made in seconds instead of minutes.
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user

!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh

!ifndef PRODUCT_NAME | VERSION | PUBLISHER | IDENTIFIER | MAIN_EXE | ICON | STAGE | OUT_FILE
  !error "run packaging/build-windows.sh, which passes the product's values from Packager.toml"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
!define APP_KEY "Software\Classes\Applications\${MAIN_EXE}"
!define PROGID "PangoImporter.Spreadsheet"
!define PROGID_KEY "Software\Classes\${PROGID}"
!define SHORTCUT "$SMPROGRAMS\${PRODUCT_NAME}.lnk"

Name "${PRODUCT_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT_NAME} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${MAIN_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${STAGE}\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The installer speaks the system's language: Vietnamese on a Vietnamese Windows, else English.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Vietnamese"

LangString OPEN_WITH_NAME ${LANG_ENGLISH} "Spreadsheet (Pango Importer)"
LangString OPEN_WITH_NAME ${LANG_VIETNAMESE} "Bảng tính (Pango Importer)"

; One extension offered under "Open with", never made the default.
!macro OpenWith EXT
  WriteRegStr HKCU "${APP_KEY}\SupportedTypes" "${EXT}" ""
  WriteRegStr HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
!macroend

; Takes back exactly what OpenWith wrote; the extension's key goes only if nothing else is in it.
!macro UnOpenWith EXT
  DeleteRegValue HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\${EXT}"
!macroend

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  !include "${STAGE}\files.nsh"
  !insertmacro InstallFiles
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "${SHORTCUT}" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\${MAIN_EXE}" 0

  ; Open with
  WriteRegStr HKCU "${APP_KEY}" "FriendlyAppName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${APP_KEY}\DefaultIcon" "" '"$INSTDIR\${MAIN_EXE}",0'
  WriteRegStr HKCU "${APP_KEY}\shell\open\command" "" '"$INSTDIR\${MAIN_EXE}" "%1"'
  WriteRegStr HKCU "${PROGID_KEY}" "" "$(OPEN_WITH_NAME)"
  WriteRegStr HKCU "${PROGID_KEY}\DefaultIcon" "" '"$INSTDIR\${MAIN_EXE}",0'
  WriteRegStr HKCU "${PROGID_KEY}\shell\open\command" "" '"$INSTDIR\${MAIN_EXE}" "%1"'
  !insertmacro OpenWith ".csv"
  !insertmacro OpenWith ".tsv"
  !insertmacro OpenWith ".xlsx"
  !insertmacro OpenWith ".xls"
  !insertmacro OpenWith ".ods"

  ; Apps & features
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\${MAIN_EXE}",0'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; Explorer re-reads the "Open with" lists.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  !insertmacro UninstallFiles
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  Delete "${SHORTCUT}"

  !insertmacro UnOpenWith ".csv"
  !insertmacro UnOpenWith ".tsv"
  !insertmacro UnOpenWith ".xlsx"
  !insertmacro UnOpenWith ".xls"
  !insertmacro UnOpenWith ".ods"
  DeleteRegKey HKCU "${PROGID_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
