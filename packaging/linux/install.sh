#!/usr/bin/env bash
# Install the built bundle for the current user: ~/.local/opt/arbokluis, a launcher and the icon.
set -euo pipefail
cd "$(dirname "$0")/../.."
DEST="${HOME}/.local/opt/arbokluis"
mkdir -p "$DEST" "$HOME/.local/bin" "$HOME/.local/share/applications" "$HOME/.local/share/icons/hicolor/256x256/apps"
cp -a dist/arbokluis/. "$DEST/"
ln -sf "$DEST/arbokluis" "$HOME/.local/bin/arbokluis"
cp packaging/linux/nl.arbokluis.Arbokluis.desktop "$HOME/.local/share/applications/"
cp resources/icons/arbokluis-256.png "$HOME/.local/share/icons/hicolor/256x256/apps/nl.arbokluis.Arbokluis.png"
echo "Geïnstalleerd in $DEST. De gegevensmap (~/.local/share/Arbokluis) wordt bij verwijderen niet aangeraakt."
