# Shared by build-aux/run and build-aux/test: install what is missing and
# configure the build. Sourced, not run.

top=$(cd "$(dirname "$0")/.." && pwd)
build="${GAPWISE_BUILD_DIR:-$top/_build}"

say() { printf '\033[1m%s\033[0m\n' "$*" >&2; }

install_packages() {
  missing=""
  for pkg in $(grep -v '^#' "$top/build-aux/packages"); do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0

  say "Installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "These Debian packages are missing and neither root nor sudo is available:$missing" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing
}

configure() {
  if [ ! -f "$build/build.ninja" ]; then
    say "Configuring $build"
    meson setup "$build" "$top" --werror --prefix=/usr/local
  fi
  say "Building"
  meson compile -C "$build"
}
