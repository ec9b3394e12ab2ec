/* Start code. The VMM starts hart 0 at the ELF entry with a0 = hart id and a1 = the address of the boot argument
 * string (where a RISC-V Linux kernel would get the device tree). Other harts start stopped; a running hart starts
 * them with the SBI HSM call hart_start(hartid, _start_secondary, opaque), which enters with a0 = hart id and
 * a1 = opaque. Each hart gets a 16 KiB stack below __stacks_end. The ELF loader zero-fills .bss. */
    .section .text.start
    .globl _start
_start:
    la   sp, __stacks_end
    slli t0, a0, 14
    sub  sp, sp, t0
    call main
    call sys_exit          /* main's return value becomes the shutdown reason */
1:  wfi
    j 1b

    .globl _start_secondary
_start_secondary:
    la   sp, __stacks_end
    slli t0, a0, 14
    sub  sp, sp, t0
    call secondary_main
    call sbi_hart_stop
2:  wfi
    j 2b
