/* crc32.h: the CPU benchmark's work, plain portable C so the very same code is compiled for the guest (RISC-V) and
 * for the host (the native peer in benchmarks/). CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) with a
 * 256-entry table (Sarwate's method) over a buffer filled by a linear congruential generator. */
#ifndef CRC32_H
#define CRC32_H

#define CRC_BUFFER_BYTES 16384

static void crc32_make_table(unsigned int table[256]) {
    for (unsigned int i = 0; i < 256; i++) {
        unsigned int c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
}

static unsigned int crc32_update(const unsigned int table[256], const unsigned char *p, unsigned long n,
                                 unsigned int crc) {
    crc = ~crc;
    while (n--) {
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

/* The workload: fill, then rounds passes of CRC-32 over the buffer, each seeded with the last. */
static unsigned int crc32_workload(unsigned char *buf, unsigned int table[256], long rounds) {
    unsigned long x = 12345;
    for (unsigned long i = 0; i < CRC_BUFFER_BYTES; i++) {
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        buf[i] = (unsigned char) (x >> 56);
    }
    crc32_make_table(table);
    unsigned int crc = 0;
    for (long r = 0; r < rounds; r++) {
        crc = crc32_update(table, buf, CRC_BUFFER_BYTES, crc);
    }
    return crc;
}

#endif
