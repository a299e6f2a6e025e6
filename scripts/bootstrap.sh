#!/usr/bin/env bash
# Sourced by ./livegrade and ./test.sh: installs what is missing, builds what is stale, and does nothing
# else on a second run. Usage: bootstrap_all <app|test>
#
# Steps: 1) Debian packages (as root, or through sudo with a message), 2) native/ shims with CMake,
# 3) the .NET solution. Each step is skipped when its inputs have not changed since it last succeeded.

LG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LG_STAMPS="$LG_ROOT/artifacts/stamps"
LG_CONFIG="${LIVEGRADE_CONFIGURATION:-Release}"

# Packages the app needs at run time and to build its shims.
# libEGL + Mesa give a headless GL 4.5 context (llvmpipe when no GPU driver is present); libglfw3 gives windows.
# The panel: Dear ImGui (static, with its GLFW and OpenGL 3 backends; its fonts need libstb), the GLFW headers for
# the shim's input callbacks, GLX through libglvnd for the window's GL context, and DejaVu for a readable font.
LG_APT_APP=(cmake g++ make pkg-config libopencolorio-dev libopenimageio-dev libegl1 libegl-mesa0 libgl1-mesa-dri libglfw3
  libimgui-dev libstb-dev libglfw3-dev libgl1 libglx-mesa0 fonts-dejavu-core)
# Extra packages the tests use as independent references (ocioconvert, ffmpeg, GStreamer for RTP interop),
# a display for window tests (Xvfb) and xdotool to click and type into the panel; postgresql: the look library
# tests start a real server; libxml2-utils: xmllint validates AMF against the ACES schema.
LG_APT_TEST=(opencolorio-tools openimageio-tools ffmpeg gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good xvfb xauth xdotool postgresql libxml2-utils)

lg_say() { printf 'livegrade: %s\n' "$*" >&2; }
lg_die() { printf 'livegrade: error: %s\n' "$*" >&2; exit 2; }

lg_missing_packages() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  printf '%s\n' "${missing[@]}"
}

lg_install_packages() {
  local missing
  mapfile -t missing < <(lg_missing_packages "$@")
  ((${#missing[@]})) || return 0
  [ -n "${missing[0]}" ] || return 0
  command -v apt-get >/dev/null || lg_die "missing packages (${missing[*]}) and no apt-get: install them by hand"
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || lg_die "missing packages (${missing[*]}): run as root or install sudo"
    lg_say "installing ${missing[*]} through sudo (you may be asked for your password)"
    sudo=(sudo)
  else
    lg_say "installing ${missing[*]}"
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null || lg_die "apt-get update failed"
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || lg_die "apt-get install ${missing[*]} failed"
}

# Prints a hash of the listed files' paths, sizes and modification times: cheap and enough to notice edits.
lg_tree_hash() {
  (cd "$LG_ROOT" && find "$@" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \
      -o -name '*.cpp' -o -name '*.c' -o -name '*.h' -o -name 'CMakeLists.txt' -o -name '*.glsl' -o -name '*.comp' \
      -o -name '*.vert' -o -name '*.frag' -o -name '*.sln' -o -name '*.cube' -o -name '*.xml' \) \
      -not -path '*/obj/*' -not -path '*/bin/*' -not -path 'native/build/*' -printf '%p %s %T@\n' 2>/dev/null \
    | sort | sha256sum | cut -c1-32)
}

lg_build_native() {
  local hash; hash=$(lg_tree_hash native)
  if [ -f "$LG_STAMPS/native" ] && [ "$(cat "$LG_STAMPS/native")" = "$hash" ] \
     && [ -f "$LG_ROOT/artifacts/native/liblgocio.so" ] && [ -f "$LG_ROOT/artifacts/native/liblgimgui.so" ]; then return 0; fi
  lg_say "building native shims (CMake)"
  cmake -S "$LG_ROOT/native" -B "$LG_ROOT/native/build" -DCMAKE_BUILD_TYPE=Release >/dev/null \
    || lg_die "cmake configure of native/ failed (run: cmake -S native -B native/build)"
  cmake --build "$LG_ROOT/native/build" -j"$(nproc)" >/dev/null \
    || lg_die "native build failed (run: cmake --build native/build)"
  mkdir -p "$LG_STAMPS" && echo "$hash" > "$LG_STAMPS/native"
}

lg_build_dotnet() {
  command -v dotnet >/dev/null || lg_die "the .NET SDK is not installed (https://dot.net): dotnet not on PATH"
  local hash; hash=$(lg_tree_hash src tests benchmarks native shows luts Directory.Build.props Directory.Packages.props global.json LiveGrade.sln)
  if [ -f "$LG_STAMPS/dotnet-$LG_CONFIG" ] && [ "$(cat "$LG_STAMPS/dotnet-$LG_CONFIG")" = "$hash" ]; then return 0; fi
  lg_say "building the solution ($LG_CONFIG)"
  local log="$LG_ROOT/artifacts/build.log"
  mkdir -p "$LG_ROOT/artifacts"
  if ! dotnet build "$LG_ROOT/LiveGrade.sln" -c "$LG_CONFIG" -nologo -v:q -clp:ErrorsOnly >"$log" 2>&1; then
    cat "$log" >&2
    lg_die "dotnet build failed (log: $log)"
  fi
  mkdir -p "$LG_STAMPS" && echo "$hash" > "$LG_STAMPS/dotnet-$LG_CONFIG"
}

bootstrap_all() {
  local mode="${1:-app}"
  if [ "$mode" = test ]; then lg_install_packages "${LG_APT_APP[@]}" "${LG_APT_TEST[@]}"
  else lg_install_packages "${LG_APT_APP[@]}"; fi
  lg_build_native
  lg_build_dotnet
}
