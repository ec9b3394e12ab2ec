/*
 * A HotSpot disassembler plugin (hsdis-amd64.so) over the Capstone library, for bench/instruction-profile's
 * -XX:+PrintAssembly. HotSpot loads the plugin by name and calls decode_instructions_virtual, the entry point its
 * disassembler.cpp looks up: decode [buffer, buffer + length), which sits at start_va, announce each instruction to
 * the event callback as "insn" (its address) and "/insn" (the address after it), and print its text through the
 * printf callback. Written here against that interface (the JDK's src/utils/hsdis/hsdis.h); x86-64 only.
 *
 * Build: bench/instruction-profile does it when HSDIS_DIR is unset (apt-get install libcapstone-dev), or by hand:
 *   gcc -O2 -shared -fPIC -o hsdis-amd64.so bench/hsdis-capstone.c -lcapstone
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <capstone/capstone.h>

typedef void *(*event_fn)(void *stream, const char *event, void *arg);
typedef int (*print_fn)(void *stream, const char *format, ...);

static void *no_events(void *stream, const char *event, void *arg) {
    (void) stream;
    (void) event;
    (void) arg;
    return NULL;
}

void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer, uintptr_t length,
                                  event_fn event, void *event_stream, print_fn print, void *print_stream,
                                  const char *options, int newline) {
    (void) end_va;
    int intel = options != NULL && strstr(options, "intel") != NULL;
    csh handle;
    cs_insn *insns;
    if (event == NULL) {
        event = no_events;
    }
    if (print == NULL) {
        print = (print_fn) fprintf;
        if (print_stream == NULL) {
            print_stream = stdout;
        }
    }
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        print(print_stream, "hsdis-capstone: cs_open failed");
        return NULL;
    }
    cs_option(handle, CS_OPT_SYNTAX, intel ? CS_OPT_SYNTAX_INTEL : CS_OPT_SYNTAX_ATT);
    cs_option(handle, CS_OPT_SKIPDATA, CS_OPT_ON);
    size_t n = cs_disasm(handle, buffer, length, (uint64_t) start_va, 0, &insns);
    for (size_t i = 0; i < n; i++) {
        event(event_stream, "insn", (void *) (uintptr_t) insns[i].address);
        print(print_stream, "%s\t\t%s", insns[i].mnemonic, insns[i].op_str);
        event(event_stream, "/insn", (void *) (uintptr_t) (insns[i].address + insns[i].size));
        if (newline) {
            print(print_stream, "\n");
        }
    }
    if (n > 0) {
        cs_free(insns, n);
    }
    cs_close(&handle);
    return NULL;
}
