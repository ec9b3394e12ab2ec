package org.sysmodels.nvme.host;

/**
 * A block request, like Linux's {@code struct request}: an operation on a range of LBAs with a data buffer of whole
 * host pages. Preallocated by whoever submits (the workload) and reused; blk-mq gives it a tag while it is with the
 * driver, and the driver uses the tag as the NVMe command identifier.
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
    final int[] pages;
    int pageCount;
    int cpu;
    int hctx = -1;
    int tag = -1;
    long submitted;
    long deadline;
    int status;
    int retries;
    boolean abortSent;
    int state = IDLE;
    long seq;
    /** Free for the submitter (the workload's job index). */
    public int owner;

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

    public void page(int index, int pfn) {
        pages[index] = pfn;
        pageCount = Math.max(pageCount, index + 1);
    }

    public int id() {
        return id;
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
