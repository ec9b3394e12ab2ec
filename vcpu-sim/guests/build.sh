#!/usr/bin/env bash
# Builds the guest ELFs of vcpu-sim with Debian's RISC-V cross compiler (apt-get install gcc-riscv64-unknown-elf).
# The ELFs are committed in elf/ so neither `sim` nor the tests need the compiler; GuestBuildTest rebuilds them into a
# temporary directory and compares when the compiler is present.   Usage: guests/build.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
OUT="${1:-elf}"
CC="${RISCV_CC:-riscv64-unknown-elf-gcc}"
mkdir -p "$OUT"
FLAGS=(-march=rv64ima_zicsr -mabi=lp64 -mcmodel=medany -O2 -ffreestanding -nostdlib -static -fno-pic -fno-asynchronous-unwind-tables
       -Wall -Wextra -Werror -Wl,--build-id=none -Wl,--no-warn-rwx-segments -s)
for prog in hello count spin idle reset mmio smp blk crc; do
  "$CC" "${FLAGS[@]}" -T runtime/link.ld runtime/start.S runtime/runtime.c "$prog.c" -o "$OUT/$prog.elf"
done
# The --template hello file, built with the exact command its comment gives.
"$CC" -march=rv64ima_zicsr -mabi=lp64 -mcmodel=medany -O2 -ffreestanding -nostdlib -static \
    -Wl,-Ttext-segment=0x80000000 -Wl,--build-id=none -o "$OUT/template-hello.elf" template/hello.c
"$CC" --version | head -n 1 > "$OUT/COMPILER"
