package org.sysmodels.compositor.quiz;

import java.util.Locale;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.QueueOutcome;
import org.sysmodels.compositor.model.SlotState;
import org.sysmodels.compositor.model.VsyncSchedule;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.system.QuizQuestion;

/** "Which frame is shown at vsync N?", answered by running the frames through a real BufferQueue. */
final class VsyncQuestion {

    private static final int FRAMES = 5;

    private VsyncQuestion() {
    }

    static QuizQuestion generate(RandomStream r) {
        VsyncSchedule v = VsyncSchedule.ofRate(60);
        boolean mailbox = r.chance(0.4);
        long[] queued = new long[FRAMES + 1];
        long[] fence = new long[FRAMES + 1];
        long t = 2_000_000;
        for (int i = 1; i <= FRAMES; i++) {
            t += 4_000_000 + r.nextLong(14_000_000);
            queued[i] = t;
            fence[i] = t + 1_000_000 + r.nextLong(9_000_000);
        }
        int last = (int) v.vsyncAtOrAfter(fence[FRAMES] + v.sfDuration()) + 1;
        int asked = 2 + r.nextInt(Math.max(1, last - 2));
        StringBuilder q = new StringBuilder(String.format(Locale.ROOT, "At 60 Hz vsync k is at k × 16.667 ms. "
                + "SurfaceFlinger wakes 10.5 ms before each vsync and latches the oldest queued buffer whose acquire "
                + "fence has signalled (one per wake); a buffer latched at the wake before vsync k is on screen from "
                + "vsync k until another replaces it. An app in %s mode queues frames 1 to %d at ",
                mailbox ? "mailbox (async)" : "FIFO", FRAMES));
        for (int i = 1; i <= FRAMES; i++) {
            q.append(ms(queued[i])).append(i < FRAMES ? ", " : " ms");
        }
        q.append("; their acquire fences signal at ");
        for (int i = 1; i <= FRAMES; i++) {
            q.append(ms(fence[i])).append(i < FRAMES ? ", " : " ms");
        }
        q.append(". Which frame is on screen during vsync ").append(asked).append(" (from ")
                .append(ms(v.vsync(asked))).append(" ms)?");
        if (mailbox) {
            q.append(" (In mailbox mode a queued buffer not yet latched is dropped when a newer one is queued.)");
        }

        BufferQueue bq = new BufferQueue("app", 1, 1, FRAMES, mailbox);
        StringBuilder a = new StringBuilder();
        long shown = 0;
        int next = 1;
        int held = -1;
        for (int k = 1; k <= asked; k++) {
            long wake = v.sfWake(k);
            while (next <= FRAMES && queued[next] <= wake) {
                QueueOutcome.Dequeued d = (QueueOutcome.Dequeued) bq.dequeue();
                QueueOutcome.Queued qd = (QueueOutcome.Queued) bq.queue(d.slot(), Fence.at("f" + next, fence[next]),
                        new Region(), queued[next], 0);
                if (qd.droppedFrameNumber() > 0) {
                    a.append("Frame ").append(next).append(" replaces frame ").append(qd.droppedFrameNumber())
                            .append(", which is dropped. ");
                }
                next++;
            }
            int head = bq.peekSlot();
            if (head >= 0 && ((SlotState.Queued) bq.state(head)).acquireFence().hasSignaled(wake)) {
                QueueOutcome.Acquired got = (QueueOutcome.Acquired) bq.acquire();
                if (held >= 0) {
                    bq.release(held, Fence.NO_FENCE);
                }
                held = got.slot();
                shown = got.frameNumber();
                a.append(String.format(Locale.ROOT, "Wake %s ms: frame %d latched, on screen from vsync %d. ",
                        ms(wake), got.frameNumber(), k));
            } else if (head >= 0) {
                a.append(String.format(Locale.ROOT, "Wake %s ms: the oldest queued frame's fence has not signalled; "
                        + "nothing latched. ", ms(wake)));
            }
        }
        a.append(shown == 0 ? "So during vsync " + asked + " no app frame has reached the screen yet."
                : "So during vsync " + asked + " the screen shows frame " + shown + ".");
        return new QuizQuestion(q.toString(), a.toString());
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e6);
    }
}
