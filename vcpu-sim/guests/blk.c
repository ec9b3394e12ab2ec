/* blk: a virtio-blk driver in a page of C (virtio 1.2, sections 4.2 virtio-mmio and 5.2 block device). It brings the
 * first virtio-mmio device up, reads sector 0 and prints its first line, writes a message to sector 2, reads it back
 * and compares, flushes, and asks for the device id. It waits for each request with wfi until the interrupt
 * controller has the device's interrupt pending, then claims it, acknowledges it at the device and completes it. */
#include "runtime/sysmodels.h"

#define R(off) (VIRTIO_BASE + (off))
#define MAGIC 0x000
#define VERSION 0x004
#define DEVICE_ID 0x008
#define DEVICE_FEATURES 0x010
#define DEVICE_FEATURES_SEL 0x014
#define DRIVER_FEATURES 0x020
#define DRIVER_FEATURES_SEL 0x024
#define QUEUE_SEL 0x030
#define QUEUE_NUM_MAX 0x034
#define QUEUE_NUM 0x038
#define QUEUE_READY 0x044
#define QUEUE_NOTIFY 0x050
#define INTERRUPT_STATUS 0x060
#define INTERRUPT_ACK 0x064
#define STATUS 0x070
#define QUEUE_DESC_LOW 0x080
#define QUEUE_DESC_HIGH 0x084
#define QUEUE_DRIVER_LOW 0x090
#define QUEUE_DRIVER_HIGH 0x094
#define QUEUE_DEVICE_LOW 0x0a0
#define QUEUE_DEVICE_HIGH 0x0a4
#define CONFIG_CAPACITY 0x100

#define S_ACKNOWLEDGE 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8

#define T_IN 0
#define T_OUT 1
#define T_FLUSH 4
#define T_GET_ID 8

#define F_NEXT 1
#define F_WRITE 2
#define QSIZE 8

struct desc { u64 addr; u32 len; u16 flags; u16 next; };
struct avail { u16 flags; u16 idx; u16 ring[QSIZE]; u16 used_event; };
struct used_elem { u32 id; u32 len; };
struct used { u16 flags; u16 idx; struct used_elem ring[QSIZE]; u16 avail_event; };
struct header { u32 type; u32 reserved; u64 sector; };

static struct desc descs[QSIZE] __attribute__((aligned(16)));
static struct avail avail __attribute__((aligned(2)));
static struct used used __attribute__((aligned(4)));
static struct header header;
static u8 data[512];
static volatile u8 status;
static u16 last_used;

#define PLIC_PRIORITY(src) (PLIC_BASE + 4 * (src))
#define PLIC_ENABLE(ctx) (PLIC_BASE + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx) (PLIC_BASE + 0x200004 + 0x1000 * (ctx))

static long hart;

/* One request: header (device reads), optional data (direction by type), status byte (device writes). */
static int request(u32 type, u64 sector, int with_data, int device_writes_data) {
    header.type = type;
    header.sector = sector;
    status = 0xff;
    int n = 0;
    descs[0] = (struct desc){(u64) &header, sizeof header, F_NEXT, 1};
    n = 1;
    if (with_data) {
        descs[1] = (struct desc){(u64) data, sizeof data, (u16) (F_NEXT | (device_writes_data ? F_WRITE : 0)), 2};
        n = 2;
    }
    descs[n - 1].next = (u16) n;
    descs[n] = (struct desc){(u64) &status, 1, F_WRITE, 0};
    avail.ring[avail.idx % QSIZE] = 0;
    fence();
    avail.idx = (u16) (avail.idx + 1);
    fence();
    mmio_write32(R(QUEUE_NOTIFY), 0);
    while (*(volatile u16 *) &used.idx == last_used) {
        wfi();
    }
    last_used = used.idx;
    u32 irq = mmio_read32(PLIC_CLAIM(hart));
    mmio_write32(R(INTERRUPT_ACK), mmio_read32(R(INTERRUPT_STATUS)));
    if (irq) {
        mmio_write32(PLIC_CLAIM(hart), irq);
    }
    return status;
}

static int same(const u8 *a, const char *b) {
    for (; *b; a++, b++) {
        if (*a != (u8) *b) {
            return 0;
        }
    }
    return 1;
}

int main(long hartid, const char *bootargs) {
    (void) bootargs;
    hart = hartid;
    if (mmio_read32(R(MAGIC)) != 0x74726976 || mmio_read32(R(VERSION)) != 2 || mmio_read32(R(DEVICE_ID)) != 2) {
        puts("blk: no virtio-blk device at the first virtio-mmio slot\n");
        return 1;
    }
    mmio_write32(R(STATUS), 0);
    mmio_write32(R(STATUS), S_ACKNOWLEDGE);
    mmio_write32(R(STATUS), S_ACKNOWLEDGE | S_DRIVER);
    mmio_write32(R(DEVICE_FEATURES_SEL), 1);
    u32 high = mmio_read32(R(DEVICE_FEATURES));
    mmio_write32(R(DRIVER_FEATURES_SEL), 1);
    mmio_write32(R(DRIVER_FEATURES), high & 1); /* VIRTIO_F_VERSION_1 only */
    mmio_write32(R(DRIVER_FEATURES_SEL), 0);
    mmio_write32(R(DRIVER_FEATURES), 0);
    mmio_write32(R(STATUS), S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
    if ((mmio_read32(R(STATUS)) & S_FEATURES_OK) == 0) {
        puts("blk: the device refused the features\n");
        return 1;
    }
    mmio_write32(R(QUEUE_SEL), 0);
    if (mmio_read32(R(QUEUE_NUM_MAX)) < QSIZE) {
        puts("blk: queue too small\n");
        return 1;
    }
    mmio_write32(R(QUEUE_NUM), QSIZE);
    mmio_write32(R(QUEUE_DESC_LOW), (u32) (u64) descs);
    mmio_write32(R(QUEUE_DESC_HIGH), (u32) ((u64) descs >> 32));
    mmio_write32(R(QUEUE_DRIVER_LOW), (u32) (u64) &avail);
    mmio_write32(R(QUEUE_DRIVER_HIGH), (u32) ((u64) &avail >> 32));
    mmio_write32(R(QUEUE_DEVICE_LOW), (u32) (u64) &used);
    mmio_write32(R(QUEUE_DEVICE_HIGH), (u32) ((u64) &used >> 32));
    mmio_write32(R(QUEUE_READY), 1);
    mmio_write32(R(STATUS), S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);

    mmio_write32(PLIC_PRIORITY(VIRTIO_IRQ(0)), 1);
    mmio_write32(PLIC_ENABLE(hart), 1u << VIRTIO_IRQ(0));
    mmio_write32(PLIC_THRESHOLD(hart), 0);

    puts("blk: capacity ");
    print_dec((long) mmio_read32(R(CONFIG_CAPACITY)));
    puts(" sectors\n");
    boot_done();

    if (request(T_IN, 0, 1, 1) != 0) {
        puts("blk: read of sector 0 failed\n");
        return 1;
    }
    puts("blk: sector 0: ");
    for (int i = 0; i < 64 && data[i] && data[i] != '\n'; i++) {
        uart_putc((char) data[i]);
    }
    puts("\n");

    const char *message = "written by the guest through virtio-blk";
    for (int i = 0; i < 512; i++) {
        data[i] = 0;
    }
    for (int i = 0; message[i]; i++) {
        data[i] = (u8) message[i];
    }
    if (request(T_OUT, 2, 1, 0) != 0) {
        puts("blk: write of sector 2 failed\n");
        return 1;
    }
    for (int i = 0; i < 512; i++) {
        data[i] = 0;
    }
    if (request(T_IN, 2, 1, 1) != 0 || !same(data, message)) {
        puts("blk: sector 2 did not read back\n");
        return 1;
    }
    int flushed = request(T_FLUSH, 0, 0, 0);
    /* The id has up to 20 bytes and no NUL when it has all 20 (virtio 1.2 section 5.2.6): keep one zero after it. */
    for (int i = 0; i <= 20; i++) {
        data[i] = 0;
    }
    int id = request(T_GET_ID, 0, 1, 1);
    puts("blk: wrote and read back sector 2; flush status ");
    print_dec(flushed);
    puts(", id \"");
    puts(id == 0 ? (const char *) data : "?");
    puts("\"\nblk: ok\n");
    return 0;
}
