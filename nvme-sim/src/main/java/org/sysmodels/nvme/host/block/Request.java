package org.sysmodels.nvme.host.block;

import org.sysmodels.nvme.model.memory.HostMemory;

/**
 * A block request, like Linux's {@code struct request}: an operation on a range of LBAs with a data buffer in host
 * pages. The buffer starts {@link #offset()} bytes into its first page (0 for page-aligned buffers; a multiple of 4,
 * as PRP1 must be dword aligned, NVMe 1.4 §4.3) and runs on through the next pages {@link #pfn(int)}. Preallocated
 * by whoever submits (the workload) and reused; blk-mq gives it a tag while it is with the driver, and the driver
 * uses the tag as the NVMe command identifier.
 */
public final class Request {

    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int FLUSH = 2;
    public static final int WRITE_ZEROES = 3;
    public static final int DISCARD = 4;

    static final int IDLE = 0;
    static final int QUEUED = 1;
    static final int IN_FLIGHT = 2;

    final int id;
    int op;
    int nsid;
    long lba;
    int blocks;
    int bytes;
    int offset;
    final int[] pages;
    int pageCount;
    int cpu;
    int hctx = -1;
    int tag = -1;
    /** The tag it held when blk-mq last took it back (ended or requeued), for reports of a stale completion. */
    int lastTag = -1;
    long submitted;
    long deadline;
    int status;
    int retries;
    boolean abortSent;
    int state = IDLE;
    long seq;
    /** Free for the submitter (the workload's job index). */
    private int owner;

    public Request(int id, int maxPages) {
        this.id = id;
        this.pages = new int[maxPages];
    }

    /** Sets what to do; the buffer pages are set separately with {@link #page(int, int)}. */
    public Request set(int operation, int namespace, long firstLba, int count, int byteCount) {
        op = operation;
        nsid = namespace;
        lba = firstLba;
        blocks = count;
        bytes = byteCount;
        status = 0;
        retries = 0;
        abortSent = false;
        return this;
    }

    /** Sets page {@code index} of the buffer to frame {@code pfn}. */
    public void page(int index, int pfn) {
        pages[index] = pfn;
        pageCount = Math.max(pageCount, index + 1);
    }

    /** The buffer spans the first {@code count} pages set, starting {@code byteOffset} bytes into the first. */
    public void buffer(int count, int byteOffset) {
        pageCount = count;
        offset = byteOffset;
    }

    /** The submitter's sequence number of this use of the request (for traces). */
    public void seq(long n) {
        seq = n;
    }

    public int owner() {
        return owner;
    }

    public void owner(int o) {
        owner = o;
    }

    public int id() {
        return id;
    }

    /** True from submission until blk-mq hands it back completed. */
    public boolean inUse() {
        return state != IDLE;
    }

    public int op() {
        return op;
    }

    public int nsid() {
        return nsid;
    }

    public long lba() {
        return lba;
    }

    public int blocks() {
        return blocks;
    }

    public int bytes() {
        return bytes;
    }

    public int pageCount() {
        return pageCount;
    }

    /** Where the data starts in the first page, in bytes (what PRP1's offset is). */
    public int offset() {
        return offset;
    }

    /** The host address of byte {@code i} of the data. */
    public long address(int i) {
        long at = offset + (long) i;
        return HostMemory.address(pages[(int) (at >>> HostMemory.PAGE_SHIFT)], (int) (at & (HostMemory.PAGE_SIZE - 1)));
    }

    public int pfn(int index) {
        return pages[index];
    }

    public int tag() {
        return tag;
    }

    public int hctx() {
        return hctx;
    }

    public int cpu() {
        return cpu;
    }

    /** The NVMe status it completed with (0 = success). */
    public int status() {
        return status;
    }

    public long submitted() {
        return submitted;
    }

    public long seq() {
        return seq;
    }

    public boolean abortSent() {
        return abortSent;
    }

    /** The driver sent an Abort for it. */
    public void abortSent(boolean sent) {
        abortSent = sent;
    }

    public int retries() {
        return retries;
    }

    public void retried() {
        retries++;
    }

    public static String opName(int op) {
        return switch (op) {
            case READ -> "read";
            case WRITE -> "write";
            case FLUSH -> "flush";
            case WRITE_ZEROES -> "write-zeroes";
            default -> "discard";
        };
    }
}
