package org.sysmodels.presence.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.Status;

/**
 * The heartbeat sweeps: every connected session heartbeats once per interval, at its group's offset; small worlds keep
 * group {@code s mod groups} (the layout every packaged trace was made with), big ones blocks of consecutive slots,
 * and either way the groups split the sessions evenly over the interval.
 */
class SimClientsSweepTest {

    private static final long INTERVAL = 30_000_000_000L;
    private static final long SWEEP = INTERVAL / 30;

    /** Records when each session heartbeats; nothing else is called (churn has ended before the run starts). */
    private static final class Beats implements Gateway {
        final long[] first;
        final int[] count;
        final Scheduler sched;

        Beats(int sessions, Scheduler sched) {
            first = new long[sessions];
            count = new int[sessions];
            this.sched = sched;
        }

        @Override
        public void heartbeat(int session) {
            if (count[session]++ == 0) {
                first[session] = sched.now();
            }
        }

        @Override
        public int user(int session) {
            return session / 2;
        }

        @Override
        public int identify(int user, Platform platform, int node, PresenceUpdate presence) {
            throw new AssertionError();
        }

        @Override
        public void update(int session, PresenceUpdate update) {
            throw new AssertionError();
        }

        @Override
        public void close(int session) {
            throw new AssertionError();
        }

        @Override
        public void drop(int session, boolean silent) {
            throw new AssertionError();
        }

        @Override
        public boolean resume(int session, int node) {
            throw new AssertionError();
        }
    }

    private static Beats sweepOnce(int sessions, int expected) {
        Scheduler sched = new Scheduler();
        Beats beats = new Beats(sessions, sched);
        ClientBehaviour behaviour = new ClientBehaviour(60_000_000_000L, 60_000_000_000L, 600_000_000_000L, 0.5,
                1_000_000_000L, 0.1, 4, 3, INTERVAL, 0);
        SimClients clients = new SimClients(sched, beats, behaviour, new RandomStreams(1).stream("c"), expected);
        for (int s = 0; s < sessions; s++) {
            clients.adopt(s, Status.ONLINE);
        }
        clients.start();
        sched.runUntil(INTERVAL - 1);
        return beats;
    }

    private static void assertOncePerIntervalAtItsGroup(Beats beats, int block) {
        for (int s = 0; s < beats.count.length; s++) {
            assertEquals(1, beats.count[s], "heartbeats of session " + s + " in one interval");
            assertEquals((s / block) % 30 * SWEEP, beats.first[s], "session " + s + " with blocks of " + block);
        }
    }

    @Test
    void smallWorldsKeepOneSlotPerGroupInTurn() {
        qt().forAll(integers().between(1, 5_000)).checkAssert(n -> {
            assertEquals(1, SimClients.sweepBlock(n));
            assertOncePerIntervalAtItsGroup(sweepOnce(n, n), 1);
        });
        assertEquals(1, SimClients.sweepBlock(SimClients.BLOCKED_SWEEP_FROM - 1));
    }

    @Test
    void bigWorldsSweepBlocksOfConsecutiveSlotsSpreadEvenlyOverTheInterval() {
        int block = SimClients.sweepBlock(SimClients.BLOCKED_SWEEP_FROM);
        assertTrue(block > 1, "blocks of " + block);
        qt().withExamples(5).forAll(integers().between(SimClients.BLOCKED_SWEEP_FROM, 400_000)).checkAssert(n -> {
            Beats beats = sweepOnce(n, n);
            assertOncePerIntervalAtItsGroup(beats, block);
            int[] perGroup = new int[30];
            for (int s = 0; s < n; s++) {
                perGroup[(int) (beats.first[s] / SWEEP)]++;
            }
            for (int g = 0; g < 30; g++) {
                assertTrue(Math.abs(perGroup[g] - n / 30.0) <= block, "group " + g + ": " + perGroup[g] + " of " + n);
                assertTrue(Math.abs(perGroup[g] - n / 30.0) <= n / 30.0 * 0.01, "within 1%: group " + g);
            }
        });
    }
}
