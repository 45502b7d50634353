; MSP Desk's Windows installer (NSIS 3, Modern UI 2): a per-user install that needs no admin rights.
;
;   makensis /DVERSION=0.1.0 /DPAYLOAD=C:\path\to\dist\msp-desk [/DOUTFILE=...\msp-desk-setup.exe]
;            [/DTARGET=amd64-unicode] msp-desk.nsi
;
; PAYLOAD is PyInstaller's one-folder bundle: msp-desk.exe beside its _internal\ folder. makensis
; works in this script's folder (do not pass /NOCD), so give PAYLOAD and OUTFILE as absolute paths;
; OUTFILE defaults to dist\MSP-Desk-<VERSION>-setup.exe at the top of the checkout.
; The program goes to %LOCALAPPDATA%\Programs\MSP Desk; the user's shops and backups live apart in
; platformdirs' user_data_dir("msp-desk", appauthor=False) = %LOCALAPPDATA%\msp-desk, which neither
; an upgrade nor the uninstaller touches. packaging/windows/check-nsis.sh compiles this script.

; A 32-bit Unicode installer by default: every NSIS build has its stubs (64-bit ones are not in
; every Windows distribution of NSIS), and nothing here needs 64 bits (no System32 files, and
; HKCU\Software is one registry view for 32- and 64-bit programs).
; /DTARGET=amd64-unicode builds a 64-bit one where makensis has its stubs (Debian's does).
!ifdef TARGET
  Target ${TARGET}
!else
  Unicode true
!endif
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "Pass the version: makensis /DVERSION=0.1.0 /DPAYLOAD=<PyInstaller folder> msp-desk.nsi"
!endif
!ifndef PAYLOAD
  !error "Pass the PyInstaller folder: makensis /DVERSION=${VERSION} /DPAYLOAD=<dist\msp-desk> msp-desk.nsi"
!endif
!if ! /FileExists "${PAYLOAD}\msp-desk.exe"
  !error "${PAYLOAD} holds no msp-desk.exe: build it first (pyinstaller packaging/msp-desk.spec)"
!endif
!if ! /FileExists "${PAYLOAD}\_internal\*"
  !error "${PAYLOAD} holds no _internal folder: is it PyInstaller's one-folder bundle?"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\MSP-Desk-${VERSION}-setup.exe"
!endif

!define APP_NAME "MSP Desk"
!define APP_EXE "msp-desk.exe"
!define PUBLISHER "MSP Desk"
!define UNINSTALLER "uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
; platformdirs.user_data_dir("msp-desk", appauthor=False) on Windows (msp_desk/paths.py: data_dir).
!define DATA_DIR "$LOCALAPPDATA\msp-desk"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
; An upgrade offers the folder the last install went to.
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

; The file's Properties > Details. VIProductVersion wants four numbers: take them from the front of
; VERSION ("1.2.3.dev4+g5" gives 1.2.3.0); the readable version string stays whole.
!searchparse /noerrors "${VERSION}.0.0.0" "" V_MAJOR "." V_MINOR "." V_PATCH "."
!define /math V_MAJOR_N ${V_MAJOR} + 0
!define /math V_MINOR_N ${V_MINOR} + 0
!define /math V_PATCH_N ${V_PATCH} + 0
VIProductVersion "${V_MAJOR_N}.${V_MINOR_N}.${V_PATCH_N}.0"
VIFileVersion "${V_MAJOR_N}.${V_MINOR_N}.${V_PATCH_N}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP_NAME} ${VERSION} Setup"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "msp-desk.ico"
!define MUI_UNICON "msp-desk.ico"
!define MUI_ABORTWARNING

; ---- Pages ------------------------------------------------------------------------------------
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP_NAME} ${VERSION} for you alone: no administrator rights needed.$\r$\n$\r$\nYour shops and backups are kept apart, in ${DATA_DIR}; installing a new version keeps them.$\r$\n$\r$\nClose ${APP_NAME} if it is open, then click Next."
!insertmacro MUI_PAGE_WELCOME
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_PAGE_COMPONENTS
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE CheckInstallFolder
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP_NAME} now"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP_NAME} will be removed from the folder below. Your shops and backups in ${DATA_DIR} stay where they are."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; ---- Helpers shared by the installer and the uninstaller ----------------------------------------

; Sets $R0 to 1 when the folders $R1 and $R2 are the same or one holds the other, else 0; also 1
; when either cannot be read as a path (refuse rather than guess). Each is made a full path by
; Windows' GetFullPathNameW, called through the System plugin because NSIS's own GetFullPathName
; gives "" for a folder that does not exist yet (the usual install folder, and a data folder
; before the first run). That folds "/", "..", "." and doubled separators; then one trailing
; backslash, compared case-insensitively as Windows names them (StrCmp). 8.3 short names and
; junctions are not resolved; the uninstaller never deletes the install folder recursively anyway.
!macro DEFINE_FOLDERS_OVERLAP UN
Function ${UN}FoldersOverlap
  Push $0
  Push $1
  Push $2
  Push $3
  StrCpy $R0 1
  System::Call 'kernel32::GetFullPathNameW(w R1, i ${NSIS_MAX_STRLEN}, w .r0, p 0) i .r2'
  System::Call 'kernel32::GetFullPathNameW(w R2, i ${NSIS_MAX_STRLEN}, w .r1, p 0) i .r3'
  ${If} $2 <> 0
  ${AndIf} $3 <> 0
  ${AndIf} $2 < ${NSIS_MAX_STRLEN}
  ${AndIf} $3 < ${NSIS_MAX_STRLEN}
    ${Do}
      StrCpy $2 $0 1 -1
      ${IfThen} $2 != "\" ${|} ${ExitDo} ${|}
      StrCpy $0 $0 -1
    ${Loop}
    ${Do}
      StrCpy $2 $1 1 -1
      ${IfThen} $2 != "\" ${|} ${ExitDo} ${|}
      StrCpy $1 $1 -1
    ${Loop}
    StrCpy $0 "$0\"
    StrCpy $1 "$1\"
    StrCpy $R0 0
    StrLen $2 $0
    StrCpy $3 $1 $2
    ${If} $3 == $0
      StrCpy $R0 1
    ${EndIf}
    StrLen $2 $1
    StrCpy $3 $0 $2
    ${If} $3 == $1
      StrCpy $R0 1
    ${EndIf}
  ${EndIf}
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd
!macroend
!insertmacro DEFINE_FOLDERS_OVERLAP ""
!insertmacro DEFINE_FOLDERS_OVERLAP "un."

; Waits until the msp-desk.exe in folder $R1 is not running: Windows refuses to open a running
; program for writing. Cancel (and any silent run, which cannot ask) aborts with exit code 3.
; Labels are local to a function, so both copies of it can use the same ones.
!macro DEFINE_WAIT_UNTIL_CLOSED UN
Function ${UN}WaitUntilClosed
  Push $0
  check:
  IfFileExists "$R1\${APP_EXE}" 0 closed
  ClearErrors
  FileOpen $0 "$R1\${APP_EXE}" a
  IfErrors 0 not_running
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} is open. Close it (File > Quit), then click Retry." /SD IDCANCEL IDRETRY check
  Pop $0
  DetailPrint "${APP_NAME} is still open in $R1: nothing was changed."
  SetErrorLevel 3
  Abort
  not_running:
  FileClose $0
  closed:
  Pop $0
FunctionEnd
!macroend
!insertmacro DEFINE_WAIT_UNTIL_CLOSED ""
!insertmacro DEFINE_WAIT_UNTIL_CLOSED "un."

; Removes the program from DIR: exactly what the installer put there (PyInstaller's exe and its
; _internal folder, the uninstaller), then DIR itself only if that left it empty. Never a
; recursive delete of DIR: the user may have pointed the installer at a folder holding other files.
!macro REMOVE_PROGRAM_FILES DIR
  RMDir /r "${DIR}\_internal"
  Delete "${DIR}\${APP_EXE}"
  Delete "${DIR}\${UNINSTALLER}"
  RMDir "${DIR}"
!macroend

; ---- Installer ------------------------------------------------------------------------------

; The directory page's Next: refuse a folder that is, holds or sits in the data folder.
Function CheckInstallFolder
  StrCpy $R1 "$INSTDIR"
  StrCpy $R2 "${DATA_DIR}"
  Call FoldersOverlap
  ${If} $R0 == 1
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} keeps your shops in ${DATA_DIR}. Choose a program folder outside it that does not hold it either, such as $LOCALAPPDATA\Programs\${APP_NAME}."
    Abort
  ${EndIf}
FunctionEnd

Section "${APP_NAME}" SecProgram
  SectionIn RO
  ; Again here for silent installs (/S /D=...), which skip the directory page.
  StrCpy $R1 "$INSTDIR"
  StrCpy $R2 "${DATA_DIR}"
  Call FoldersOverlap
  ${If} $R0 == 1
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} cannot be installed in $INSTDIR: that folder is, holds or sits in its data folder ${DATA_DIR}." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}

  ; An upgrade: the last install's program files go first (its folder may differ from this one),
  ; so no file of the old version lingers beside the new. The data folder is never touched.
  ; Both copies are checked for a running app before either is changed.
  ReadRegStr $R3 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $R3 != ""
    ; A recorded folder that overlaps the data folder (only a hand-edited registry gives one)
    ; is left alone.
    StrCpy $R1 "$R3"
    StrCpy $R2 "${DATA_DIR}"
    Call FoldersOverlap
    ${If} $R0 == 1
      StrCpy $R3 ""
    ${Else}
      StrCpy $R1 "$R3"
      Call WaitUntilClosed
    ${EndIf}
  ${EndIf}
  StrCpy $R1 "$INSTDIR"
  Call WaitUntilClosed
  ${If} $R3 != ""
  ${AndIf} ${FileExists} "$R3\${APP_EXE}"
    DetailPrint "Removing the installed version from $R3"
    !insertmacro REMOVE_PROGRAM_FILES "$R3"
  ${EndIf}
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    DetailPrint "Removing the earlier program files from $INSTDIR"
    !insertmacro REMOVE_PROGRAM_FILES "$INSTDIR"
  ${EndIf}

  SetOutPath "$INSTDIR"
  SetOverwrite on
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  ; The Start menu entry (per user: this installer runs as the user, so $SMPROGRAMS is theirs).
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  ; The desktop shortcut is the next section's choice; drop one an earlier install made.
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ; Settings > Apps lists it for this user (HKCU: no admin rights needed).
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

; ---- Uninstaller ----------------------------------------------------------------------------

Section "Uninstall"
  ; The installer refused such a folder; refuse here too rather than remove anything near the data.
  StrCpy $R1 "$INSTDIR"
  StrCpy $R2 "${DATA_DIR}"
  Call un.FoldersOverlap
  ${If} $R0 == 1
    MessageBox MB_OK|MB_ICONSTOP "$INSTDIR is, holds or sits in ${APP_NAME}'s data folder ${DATA_DIR}: nothing was removed." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  StrCpy $R1 "$INSTDIR"
  Call un.WaitUntilClosed

  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  !insertmacro REMOVE_PROGRAM_FILES "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Says where the data stayed (a silent uninstall shows and writes nothing).
Function un.onUninstSuccess
  ${IfNot} ${Silent}
  ${AndIf} ${FileExists} "${DATA_DIR}\*"
    MessageBox MB_OK|MB_ICONINFORMATION "${APP_NAME} was removed. Your shops and backups are still in$\r$\n$\r$\n${DATA_DIR}$\r$\n$\r$\nInstalling ${APP_NAME} again opens them. To remove them for good, delete that folder yourself."
  ${EndIf}
FunctionEnd
