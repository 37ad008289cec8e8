# shellcheck shell=bash
# Shared by tools/run, tools/test and tools/bench (sourced, not run): the Debian packages each
# architecture needs, installing them, and configuring + building a build directory.
# Written for a fresh Debian 12 machine: as root the scripts install what is missing; as
# another user they print the exact apt-get command and stop.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ALL_ARCHES=(x86_64 arm64 riscv64)
# shellcheck disable=SC2034  # used by the scripts that source this file
RUNNER="$TOP/tests/qemu_runner.py"

# Debian packages per component. x86_64 is built with the host's own gcc (cross/x86_64.txt);
# libc6-dev is only a Recommends of gcc, and the native host tests need its headers.
packages_for() {
  case "$1" in
    build) echo "meson ninja-build python3 gcc libc6-dev binutils" ;;
    # GRUB and a CD image builder: one test boots the kernel through GRUB's multiboot2.
    x86_64) echo "qemu-system-x86 grub-pc-bin grub-common xorriso mtools" ;;
    arm64) echo "gcc-aarch64-linux-gnu qemu-system-arm" ;;
    # qemu-system-misc does not pull in OpenSBI, the firmware behind -bios default.
    riscv64) echo "gcc-riscv64-linux-gnu qemu-system-misc opensbi" ;;
    # The host tests dump real device trees from qemu-system-aarch64 and -riscv64 (the
    # riscv64 one through OpenSBI), check the source format, and read archives GNU cpio wrote.
    # (They also build ELF test programs with the arm64 and riscv64 compilers when the arch
    # lists above have installed them.)
    host) echo "qemu-system-arm qemu-system-misc opensbi clang-format cpio" ;;
    gdb) echo "gdb-multiarch" ;;
    *) echo "lib.sh: no package list for '$1'" >&2; return 1 ;;
  esac
}

# Every package of every component: what CI installs (.ci/run).
all_packages() {
  local c
  for c in build host x86_64 arm64 riscv64 gdb; do
    packages_for "$c"
  done | tr ' ' '\n' | sort -u | tr '\n' ' '
}

# variants ARCH PURPOSE: the build variants of ARCH that PURPOSE (test or bench) uses, from
# tools/variants, one line each: "name option...".
variants() {
  local name arch drawings uses opts
  while read -r name arch drawings uses opts; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ "$arch" == "$1" && ",$uses," == *",$2,"* ]] || continue
    echo "$name $opts"
  done <"$TOP/tools/variants"
}

is_arch() {
  local a
  for a in "${ALL_ARCHES[@]}"; do
    [[ "$1" == "$a" ]] && return 0
  done
  return 1
}

# Prints the packages among "$@" that are not installed.
missing_packages() {
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$p"
    fi
  done
}

# Installs the missing packages among "$@" when root; otherwise prints the command and exits 1.
ensure_packages() {
  if ! command -v dpkg-query >/dev/null; then
    echo "note: not a Debian system, cannot check packages: $*" >&2
    return 0
  fi
  local missing
  # sort -u: several components share packages (gcc, qemu-system-misc, ...).
  local unique
  mapfile -t unique < <(printf '%s\n' "$@" | sort -u)
  missing=$(missing_packages "${unique[@]}" | tr '\n' ' ')
  missing=${missing% }
  [[ -z "$missing" ]] && return 0
  if [[ $EUID -eq 0 ]]; then
    echo "Installing missing packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # shellcheck disable=SC2086  # one word per package
    apt-get install -y --no-install-recommends $missing
  else
    echo "Missing packages: $missing" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
    exit 1
  fi
}

# configure DIR [CROSS_FILE]: meson setup when DIR is not a configured build directory yet; an
# explicit reconfigure when a meson.build or meson_options.txt is newer than DIR's build.ninja
# (ninja would notice too, but only once a build starts), and a wipe if that fails (e.g. a
# directory left by another meson version).
configure() {
  local dir="$1" cross="${2:-}"
  local args=()
  [[ -n "$cross" ]] && args=(--cross-file "$TOP/$cross")
  # Any further arguments are build options for a new directory, e.g. -Driscv_irq_stack=true.
  args+=("${@:3}")
  if [[ ! -f "$dir/meson-private/coredata.dat" || ! -f "$dir/build.ninja" ]]; then
    meson setup "$dir" "$TOP" "${args[@]}"
    return
  fi
  if [[ -n "$(find "$TOP" -path "$TOP/build" -prune -o -path "$TOP/.git" -prune -o \
      \( -name meson.build -o -name meson_options.txt \) -newer "$dir/build.ninja" -print \
      -quit)" ]]; then
    meson setup --reconfigure "$dir" "$TOP" ||
      meson setup --wipe "$dir" "$TOP" "${args[@]}"
  fi
}

# build_arch ARCH: configure and compile build/ARCH (ninja's default parallelism).
build_arch() {
  configure "$TOP/build/$1" "cross/$1.txt" && ninja -C "$TOP/build/$1"
}
