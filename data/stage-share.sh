#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Lays out SHARE_DIR like an installed share/ directory so that build-aux/run
# can put it in XDG_DATA_DIRS: the app icons under icons/hicolor and the MIME
# type under mime/. Usage: stage-share.sh SHARE_DIR STAMP MIME_XML ICON SYMBOLIC_ICON
set -eu
share=$1 stamp=$2 mime_xml=$3 icon=$4 symbolic=$5

mkdir -p "$share/icons/hicolor/scalable/apps" "$share/icons/hicolor/symbolic/apps" \
         "$share/mime/packages"
cp "$icon" "$share/icons/hicolor/scalable/apps/"
cp "$symbolic" "$share/icons/hicolor/symbolic/apps/"
cp "$mime_xml" "$share/mime/packages/"
# Named in XDG_DATA_DIRS, else update-mime-database warns that nothing will see it.
XDG_DATA_DIRS="$share" update-mime-database "$share/mime"
touch "$stamp"
