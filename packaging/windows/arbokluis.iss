; Inno Setup script: a per-user install of the PyInstaller bundle in dist\arbokluis.
; Build: packaging\build.ps1 (or ISCC.exe packaging\windows\arbokluis.iss after the bundle exists).
#define AppName "Arbokluis"
#ifndef AppVersion
  #define AppVersion "0.0.0"  ; passed by build.ps1 from desktop_app/version.py
#endif

[Setup]
AppId={{6D3C2E1A-8B4F-4C1E-9A57-3F2B9D0C7E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Arbokluis
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=Arbokluis-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\arbokluis.ico
UninstallDisplayIcon={app}\arbokluis.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Files]
Source: "..\..\dist\arbokluis\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\arbokluis.exe"
Name: "{group}\{#AppName} verwijderen"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\arbokluis.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Installatie controleren…"

[UninstallDelete]
; Only the program folder. The practice's data folder is never touched.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    MsgBox('Arbokluis is verwijderd. De gegevens van de praktijk zijn bewaard gebleven in:' + #13#10 +
           ExpandConstant('{localappdata}\Arbokluis') + #13#10 +
           'Verwijder die map pas als u een back-up hebt en de bewaartermijnen dat toelaten.',
           mbInformation, MB_OK);
end;
