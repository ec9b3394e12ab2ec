package org.sysmodels.irp.model.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * The thread's IRP list, linked through the packets, against the array it replaced: appending on IopQueueIrpToThread
 * and, on IopUnQueueIrpFromThread, moving the last entry into the place of the one taken out. The order is what
 * IoCancelThreadIo cancels in, so the traces depend on it. An entry queued while still on a list is taken off it first.
 */
class KThreadIrpListTest {

    private static final int ENTRIES = 6;

    private static final class Entry extends ThreadListEntry {
        final int n;

        Entry(int n) {
            this.n = n;
        }

        @Override
        public String toString() {
            return "e" + n;
        }
    }

    /** A command: queue (op 0) or unqueue (op 1) entry {@code entry} on thread {@code thread}. */
    private record Command(int op, int thread, int entry) {
        static Command of(int code) {
            return new Command(code % 2, (code / 2) % 2, (code / 4) % ENTRIES);
        }
    }

    @Test
    void behavesLikeTheArrayWithSwapRemove() {
        Props.property(400).forAll(lists().of(integers().between(0, 4 * ENTRIES - 1)).ofSizeBetween(1, 60))
                .checkAssert(codes -> check(codes.stream().map(Command::of).toList()));
    }

    private static void check(List<Command> commands) {
        KThread[] threads = {new KThread(0, "a", 0), new KThread(1, "b", 0)};
        List<List<Entry>> model = List.of(new ArrayList<>(), new ArrayList<>());
        Entry[] entries = new Entry[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            entries[i] = new Entry(i);
        }
        for (Command c : commands) {
            Entry e = entries[c.entry()];
            List<Entry> list = model.get(c.thread());
            if (c.op() == 0) {
                for (List<Entry> other : model) {
                    if (other.contains(e)) {
                        swapRemove(other, e);
                    }
                }
                list.add(e);
                threads[c.thread()].queueIrp(e);
            } else {
                boolean on = list.contains(e);
                if (on) {
                    swapRemove(list, e);
                }
                assertEquals(on, threads[c.thread()].unqueueIrp(e), "unqueueIrp(" + e + ") after " + commands);
            }
            for (int t = 0; t < 2; t++) {
                List<Entry> want = model.get(t);
                assertEquals(want.size(), threads[t].irpCount(), "irpCount after " + commands);
                for (int i = 0; i < want.size(); i++) {
                    assertSame(want.get(i), threads[t].irp(i), "irp(" + i + ") after " + commands);
                }
            }
        }
    }

    private static void swapRemove(List<Entry> list, Entry e) {
        int i = list.indexOf(e);
        Entry last = list.remove(list.size() - 1);
        if (last != e) {
            list.set(i, last);
        }
    }
}
