; Keel's per-user Windows installer, built on Linux with NSIS (makensis) by
; scripts/package_windows.sh, which defines VERSION, VERSION_NUMBERS, EXE,
; README, LICENSES (the folder with the licence texts) and OUTFILE.
; Installs to %LOCALAPPDATA%\Programs\Keel with no administrator rights, adds
; a Start-menu shortcut and an entry in Apps & features; the uninstaller
; removes exactly that and leaves the journal (in %APPDATA%\keel) in place.

; A 64-bit installer, as keel.exe is (and Wine without its 32-bit half runs it).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include LogicLib.nsh
!include Win\COM.nsh
!include Win\Propkey.nsh

!define APP_NAME "Keel"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\io.github.keel_journal.Keel"
; Registers the app id keel.exe gives its notifications, so Windows shows them
; under Keel's name and icon.
!define APP_ID "io.github.keel_journal.Keel"
!define AUMID_KEY "Software\Classes\AppUserModelId\${APP_ID}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
Icon "keel.ico"
UninstallIcon "keel.ico"
InstallDir "$LOCALAPPDATA\Programs\Keel"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
ShowInstDetails show
; Four numbers only: a pre-release version (0.2.0-rc.1) is given without its tail.
VIProductVersion "${VERSION_NUMBERS}.0"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "FileDescription" "Keel installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "CompanyName" "Keel maintainers"
VIAddVersionKey "LegalCopyright" "Keel maintainers (MIT OR Apache-2.0)"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

; Gives the shortcut on the stack the app id keel.exe's notifications and
; windows carry (System.AppUserModel.ID), so Windows groups them under this
; shortcut's name and icon. NSIS's CreateShortcut cannot set a shell
; property, so the link is loaded through the shell's own COM objects, given
; the property and saved. A failure leaves a working shortcut without the id
; and says so in the details; it never stops the install.
Function SetShortcutAppId
    Exch $0 ; the shortcut's path
    Push $1
    Push $2
    Push $3
    Push $4
    Push $5
    Push $6
    ; An HRESULT: 0 once the link is saved with the id; -1 until a step ran.
    StrCpy $6 -1
    StrCpy $3 0
    !insertmacro ComHlpr_CreateInProcInstance ${CLSID_ShellLink} ${IID_IShellLink} r1 ""
    ${If} $1 P<> 0
        ${IUnknown::QueryInterface} $1 '("${IID_IPersistFile}",.r2)'
        ${If} $2 P<> 0
            ${IPersistFile::Load} $2 '("$0",${STGM_READWRITE}).r6'
            ${If} $6 = 0
                StrCpy $6 -1
                ${IUnknown::QueryInterface} $1 '("${IID_IPropertyStore}",.r3)'
            ${EndIf}
            ${If} $3 P<> 0
                System::Call '*${SYSSTRUCT_PROPERTYKEY}(${PKEY_AppUserModel_ID})p.r4'
                ; A PROPVARIANT holding a VT_LPWSTR: the type, padding, then
                ; the pointer to a string the shell owns (SHStrDupW), which
                ; PropVariantClear frees.
                System::Call 'shlwapi::SHStrDupW(w "${APP_ID}", *p.r5)i'
                System::Call '*(&i2 ${VT_LPWSTR}, &i6, p r5, &i8)p.r5'
                ${IPropertyStore::SetValue} $3 '($4,$5).r6'
                ${If} $6 = 0
                    ${IPropertyStore::Commit} $3 '().r6'
                ${EndIf}
                ${If} $6 = 0
                    ${IPersistFile::Save} $2 '("$0",1).r6'
                ${EndIf}
                System::Call 'ole32::PropVariantClear(p r5)'
                System::Free $4
                System::Free $5
                ${IUnknown::Release} $3 ""
            ${EndIf}
            ${IUnknown::Release} $2 ""
        ${EndIf}
        ${IUnknown::Release} $1 ""
    ${EndIf}
    ${If} $6 = 0
        DetailPrint "The shortcut carries the app id ${APP_ID}."
    ${Else}
        DetailPrint "The shortcut could not be given the app id ${APP_ID} ($6)."
    ${EndIf}
    Pop $6
    Pop $5
    Pop $4
    Pop $3
    Pop $2
    Pop $1
    Pop $0
FunctionEnd

Section "Keel"
    SetOutPath "$INSTDIR"
    File "/oname=keel.exe" "${EXE}"
    File "/oname=README.md" "${README}"
    File "/oname=keel.ico" "keel.ico"
    File "/oname=LICENSE-MIT.txt" "${LICENSES}\LICENSE-MIT.txt"
    File "/oname=LICENSE-APACHE.txt" "${LICENSES}\LICENSE-APACHE.txt"
    WriteUninstaller "$INSTDIR\Uninstall Keel.exe"
    CreateShortcut "$SMPROGRAMS\Keel.lnk" "$INSTDIR\keel.exe" "" "$INSTDIR\keel.exe" 0 SW_SHOWNORMAL "" "A decision journal for people who lead and manage"
    Push "$SMPROGRAMS\Keel.lnk"
    Call SetShortcutAppId
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Keel maintainers"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\keel.exe"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall Keel.exe"'
    WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall Keel.exe" /S'
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
    WriteRegStr HKCU "${AUMID_KEY}" "DisplayName" "${APP_NAME}"
    WriteRegStr HKCU "${AUMID_KEY}" "IconUri" "$INSTDIR\keel.ico"
SectionEnd

Section "Uninstall"
    ; The daily reminder, if one was installed, goes while keel.exe is here
    ; to remove it; a failure must not stop the uninstall.
    ExecWait '"$INSTDIR\keel.exe" remind --uninstall'
    ; A running Keel keeps its program: stop, rather than leave half of it.
    Delete "$INSTDIR\keel.exe"
    IfFileExists "$INSTDIR\keel.exe" 0 +3
        MessageBox MB_OK|MB_ICONEXCLAMATION "Keel is still running. Close it, then uninstall again." /SD IDOK
        Abort
    Delete "$SMPROGRAMS\Keel.lnk"
    Delete "$INSTDIR\README.md"
    Delete "$INSTDIR\keel.ico"
    Delete "$INSTDIR\LICENSE-MIT.txt"
    Delete "$INSTDIR\LICENSE-APACHE.txt"
    Delete "$INSTDIR\Uninstall Keel.exe"
    RMDir "$INSTDIR"
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
    DeleteRegKey HKCU "${AUMID_KEY}"
SectionEnd
