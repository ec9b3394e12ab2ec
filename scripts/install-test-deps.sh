#!/usr/bin/env bash
# Installs the Debian packages the tests need, if any is missing (CI runs this as root on a fresh machine):
#   fontconfig, fonts-dejavu-core  the fonts Java2D uses to draw the report's plots (XChart) headless
#   libpixman-1-dev, pkg-config    pixman, the bit-exact reference compositor-sim's blending tests compare against
#   gcc, libc6-dev                 to build the tests' tiny pixman helper and the benchmarks' JNI peers
#   gcc-riscv64-unknown-elf        vcpu-sim's guests: GuestBuildTest rebuilds them and compares with the committed ELFs
#   curl                           vcpu-sim's API test sends Firecracker's getting-started requests with curl
#   chromium                       headless browser for presence's demo-page test (driven over DevTools)
#   redis-server                   presence's cluster tests: each test run starts its own on a free loopback port
set -euo pipefail
PACKAGES=(fontconfig fonts-dejavu-core libpixman-1-dev pkg-config gcc libc6-dev gcc-riscv64-unknown-elf curl chromium redis-server)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-test-deps: missing packages: ${missing[*]} (install them with apt-get as root)" >&2
  exit 1
fi
echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
