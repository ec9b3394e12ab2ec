/* smp: every hart adds iters=K (default 20000) to three shared counters: one with an atomic add (amoadd.d), one under
 * a spinlock (amoswap.d acquire / release store), one with a plain load-add-store (a data race). Hart 0 finds the
 * other harts with SBI HSM hart_get_status, starts them with hart_start, waits for all, and prints the totals: the
 * atomic and locked totals are always harts * K; the racy one can lose updates when harts really run in parallel. */
#include "runtime/sysmodels.h"

#define MAX_HARTS 8

static volatile u64 atomic_total;
static volatile u64 locked_total;
static volatile u64 racy_total;
static volatile u64 lock;
static volatile u64 finished;
static long iters;

static void spin_lock(volatile u64 *l) {
    while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE)) {
        while (*l) {
        }
    }
}

static void spin_unlock(volatile u64 *l) { __atomic_store_n(l, 0, __ATOMIC_RELEASE); }

static void work(void) {
    for (long i = 0; i < iters; i++) {
        __atomic_fetch_add(&atomic_total, 1, __ATOMIC_RELAXED);
        spin_lock(&lock);
        locked_total = locked_total + 1;
        spin_unlock(&lock);
        racy_total = racy_total + 1;
    }
    __atomic_fetch_add(&finished, 1, __ATOMIC_RELEASE);
}

void secondary_main(long hartid, long opaque) {
    (void) hartid;
    (void) opaque;
    work();
}

int main(long hartid, const char *bootargs) {
    iters = bootarg_long(bootargs, "iters=", 20000);
    long harts = 1;
    for (long h = 0; h < MAX_HARTS; h++) {
        if (h == hartid) {
            continue;
        }
        long status = sbi_hart_get_status(h);
        if (status == SBI_HSM_STOPPED) {
            sbi_hart_start(h, _start_secondary, 0);
            harts++;
        }
    }
    puts("harts: ");
    print_dec(harts);
    puts("\n");
    boot_done();
    work();
    while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) < (u64) harts) {
    }
    puts("atomic: ");
    print_dec((long) atomic_total);
    puts("\nlocked: ");
    print_dec((long) locked_total);
    puts("\nracy: ");
    print_dec((long) racy_total);
    puts("\nexpected: ");
    print_dec(harts * iters);
    puts("\n");
    return atomic_total == (u64) (harts * iters) && locked_total == (u64) (harts * iters) ? 0 : 1;
}
