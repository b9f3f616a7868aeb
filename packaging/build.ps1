# Build the bundle and the installer on Windows (PowerShell). Needs Python 3.11 and Inno Setup 6.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv-build)) { py -3.11 -m venv .venv-build }
.\.venv-build\Scripts\python -m pip install --upgrade pip
.\.venv-build\Scripts\python -m pip install . "pyinstaller>=6.10"
.\.venv-build\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\arbokluis.spec
$version = .\.venv-build\Scripts\python -c "from desktop_app.version import __version__; print(__version__)"
& "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" "/DAppVersion=$version" packaging\windows\arbokluis.iss
