; Inno Setup script of the GutPain Desktop installer (Inno Setup 6). Built by `python packaging/build.py`, which
; passes the version and the PyInstaller folder:
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\gutpain-desktop /DOutputDir=..\..\dist packaging\windows\gutpain.iss
; Installs for the current user (no administrator rights), with a Start menu entry and an uninstaller.
; Uninstalling removes the program only: the journal in %LOCALAPPDATA%\gutpain-desktop stays.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (build.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\gutpain-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\gutpain.ico"
#endif

[Setup]
AppId={{6C1D1E3A-4F0B-4B8E-9C5D-2A7E0F3B9D41}
AppName=GutPain Desktop
AppVersion={#AppVersion}
AppVerName=GutPain Desktop {#AppVersion}
AppPublisher=The GutPain Desktop team
DefaultDirName={autopf}\GutPain Desktop
DefaultGroupName=GutPain Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=gutpain-desktop-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\gutpain-desktop.exe
UninstallDisplayName=GutPain Desktop
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\GutPain Desktop"; Filename: "{app}\gutpain-desktop.exe"; WorkingDir: "{app}"
Name: "{group}\Uninstall GutPain Desktop"; Filename: "{uninstallexe}"
Name: "{autodesktop}\GutPain Desktop"; Filename: "{app}\gutpain-desktop.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\gutpain-desktop.exe"; Description: "{cm:LaunchProgram,GutPain Desktop}"; Flags: nowait postinstall skipifsilent
