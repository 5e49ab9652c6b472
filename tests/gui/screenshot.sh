#!/bin/sh
# Takes a screenshot of the window on a register, for looking at it.
# Run under Xvfb: xvfb-run -a -s '-screen 0 1440x900x24' tests/gui/screenshot.sh \
#   GAPWISE REGISTER OUT.png [WIDTH HEIGHT [light|dark [KEY]]]
# KEY, when given, is selected (typed into the search and picked) first;
# SCROLL_EDITOR=N scrolls the editor down N steps.
set -eu
app=$1
reg=$2
out=$3
width=${4:-1440}
height=${5:-900}
scheme=${6:-light}

export GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 ADW_DISABLE_PORTAL=1 GDK_BACKEND=x11
if [ "$scheme" = dark ]; then
  export ADW_DEBUG_COLOR_SCHEME=prefer-dark
fi
"$app" "$reg" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
win=
for _ in $(seq 1 50); do
  win=$(xdotool search --onlyvisible --name Gapwise 2>/dev/null | head -n 1) && [ -n "$win" ] && break
  sleep 0.2
done
[ -n "$win" ] || { echo "no window" >&2; exit 1; }
xdotool windowsize --sync "$win" "$width" "$height" 2>/dev/null || xdotool windowsize "$win" "$width" "$height"
xdotool windowfocus "$win"
sleep 1
if [ -n "${7:-}" ]; then
  xdotool key --window "$win" ctrl+f
  xdotool type --window "$win" --delay 20 "$7"
  sleep 0.6
  xdotool key --window "$win" Tab Down
  sleep 0.8
fi
if [ -n "${SCROLL_EDITOR:-}" ]; then
  # Scroll the editor (at the right, or below the list when narrow) down.
  if [ "$width" -ge 1000 ]; then x=$((width - 200)); y=$((height / 2)); else x=$((width / 2)); y=$((height - 100)); fi
  xdotool mousemove --sync "$x" "$y" click --repeat "$SCROLL_EDITOR" --delay 30 5
  sleep 0.6
fi
import -window root "$out"
