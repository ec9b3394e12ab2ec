package org.sysmodels.presence.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.presence.model.aggregate.StatusPrecedence;
import org.sysmodels.presence.model.cluster.NodeSink;
import org.sysmodels.presence.model.core.PresenceCore;
import org.sysmodels.presence.model.core.PresenceObserver;
import org.sysmodels.presence.model.core.Timeouts;
import org.sysmodels.presence.model.expiry.TimingWheel;
import org.sysmodels.presence.model.fanout.CoalescingOutbox;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Presence;
import org.sysmodels.presence.model.presence.PresenceUpdate;
import org.sysmodels.presence.model.presence.Status;
import org.sysmodels.presence.model.store.CompactStore;
import org.sysmodels.presence.model.store.SocialGraph;

/**
 * OSTEP-style questions, generated from a seed and answered by running the model: what an observer sees of a user
 * with several sessions; what it sees at time t after heartbeats stop and a connection closes; which updates a slow
 * reader receives.
 */
public final class PresenceQuiz {

    private static final Status[] SETTABLE = {Status.ONLINE, Status.IDLE, Status.DND, Status.INVISIBLE};

    private PresenceQuiz() {
    }

    public static List<QuizQuestion> generate(long seed) {
        RandomStream r = new RandomStreams(seed).stream("presence/quiz");
        List<QuizQuestion> out = new ArrayList<>();
        out.add(aggregation(r));
        out.add(timeline(r));
        out.add(coalescing(r));
        return out;
    }

    /** A two-user world: Ada (0) and Bob (1), friends. */
    private static PresenceCore core(long interval, long grace, long window) {
        SocialGraph g = SocialGraph.of(2, 0, new int[] {0}, new int[] {1}, 1, new int[0], new int[0], 0);
        return new PresenceCore(new CompactStore(g), new StatusPrecedence(), TimingWheel.of(1_000_000L, 0),
                new Timeouts(interval, grace, window), NOTHING, PresenceObserver.NONE);
    }

    private static final NodeSink NOTHING = new NodeSink() {
        @Override
        public void deliver(int node, Presence presence, int[] sessions, int[] via, int count) {
        }

        @Override
        public void heartbeatMissed(int node, int session) {
        }

        @Override
        public void ended(int node, int session) {
        }
    };

    private static String shown(Presence p) {
        return p.status().wire() + (p.clientStatus().isEmpty() ? " with no platform in client_status"
                : ", client_status " + p.clientStatus());
    }

    private static QuizQuestion aggregation(RandomStream r) {
        PresenceCore core = core(45_000_000_000L, 22_500_000_000L, 60_000_000_000L);
        int n = 2 + r.nextInt(2);
        StringBuilder q = new StringBuilder("Ada has " + n + " sessions open: ");
        for (int i = 0; i < n; i++) {
            Platform p = Platform.ofOrdinal(i);
            Status s = SETTABLE[r.nextInt(r.chance(0.25) ? 4 : 3)];
            core.identify(0, p, 0, PresenceUpdate.of(s), false, i);
            q.append(i == 0 ? "" : i == n - 1 ? " and " : ", ").append(p.wire()).append(" set to ").append(s.wire());
        }
        q.append(". Her friend Bob is online. What status and client_status does Bob see for Ada?");
        Presence p = core.presence(0);
        String a = "Bob sees " + shown(p) + ". The rule: invisible on any session hides Ada everywhere; otherwise "
                + "each platform shows its strongest status (dnd > online > idle) and the overall status is the "
                + "strongest platform. Discord's docs define client_status per platform but not the overall rule: "
                + "this one is the model's.";
        return new QuizQuestion(q.toString(), a);
    }

    private static QuizQuestion timeline(RandomStream r) {
        long interval = 10_000_000_000L * (1 + r.nextInt(4));
        long grace = interval / 2;
        long window = 10_000_000_000L * (2 + r.nextInt(5));
        PresenceCore core = core(interval, grace, window);
        int desk = core.identify(0, Platform.DESKTOP, 0, PresenceUpdate.of(Status.ONLINE), false, 0);
        int mob = core.identify(0, Platform.MOBILE, 0, PresenceUpdate.of(Status.IDLE), false, 0);
        int beats = 1 + r.nextInt(3);
        long lastBeat = beats * interval;
        long close = lastBeat / 2 + 1_000_000_000L * (1 + r.nextInt(5));
        boolean clean = r.chance(0.5);
        long ask = lastBeat + interval + grace + (r.chance(0.5) ? window / 2 : window + 5_000_000_000L);
        // events in time order, the clock advanced before each: desktop heartbeats, mobile heartbeats, the close
        java.util.TreeMap<Long, List<Runnable>> events = new java.util.TreeMap<>();
        for (int i = 1; i <= beats; i++) {
            long t = i * interval;
            events.computeIfAbsent(t, k -> new ArrayList<>()).add(() -> core.heartbeat(desk, t));
        }
        for (long t = interval; t < close; t += interval) {
            long at = t;
            events.computeIfAbsent(t, k -> new ArrayList<>()).add(() -> core.heartbeat(mob, at));
        }
        events.computeIfAbsent(close, k -> new ArrayList<>()).add(() -> {
            if (clean) {
                core.end(mob, close);
            } else {
                core.detach(mob, close);
            }
        });
        long now = 0;
        for (var e : events.entrySet()) {
            for (long t = now; t < e.getKey(); t += 100_000_000L) {
                core.advance(t);
            }
            core.advance(e.getKey());
            now = e.getKey();
            e.getValue().forEach(Runnable::run);
        }
        for (long t = now; t < ask; t += 100_000_000L) {
            core.advance(t);
        }
        core.advance(ask);
        Presence p = core.presence(0);
        String q = String.format(Locale.ROOT, "heartbeat_interval is %d s; a connection silent for interval + %d s "
                + "is closed and its session stays resumable for %d s. Ada identifies at t = 0 on desktop (online) "
                + "and mobile (idle). The desktop heartbeats at t = %s s and then goes silent (laptop lid closed). "
                + "The mobile app heartbeats on time and %s at t = %d s. What does her friend Bob see at t = %d s?",
                interval / 1_000_000_000L, grace / 1_000_000_000L, window / 1_000_000_000L, beatsText(beats, interval),
                clean ? "closes with code 1000" : "loses its connection (no close frame)",
                close / 1_000_000_000L, ask / 1_000_000_000L);
        String desktopGone = String.format(Locale.ROOT, "The desktop's last heartbeat was at %d s, so it is closed "
                + "(4009) at %d s and ends when its window closes at %d s.", lastBeat / 1_000_000_000L,
                (lastBeat + interval + grace) / 1_000_000_000L, (lastBeat + interval + grace + window)
                / 1_000_000_000L);
        String mobile = clean ? "Close 1000 ends the mobile session at once."
                : String.format(Locale.ROOT, "The lost mobile connection stays resumable until %d s.",
                (close + window) / 1_000_000_000L);
        String a = "Bob sees Ada " + shown(p) + ". " + desktopGone + " " + mobile + " A session waiting to be "
                + "resumed still counts, so the user disappears only when the last window closes.";
        return new QuizQuestion(q, a);
    }

    private static String beatsText(int beats, long interval) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= beats; i++) {
            b.append(i == 1 ? "" : ", ").append(i * interval / 1_000_000_000L);
        }
        return b.toString();
    }

    private static QuizQuestion coalescing(RandomStream r) {
        int changes = 4 + r.nextInt(3);
        int readEvery = 3 + r.nextInt(3);
        CoalescingOutbox box = new CoalescingOutbox();
        List<String> seq = new ArrayList<>();
        List<String> received = new ArrayList<>();
        Status prev = Status.ONLINE;
        long version = 0;
        long nextRead = readEvery;
        for (int t = 1; t <= changes; t++) {
            Status s;
            do {
                s = SETTABLE[r.nextInt(3)];
            } while (s == prev);
            prev = s;
            seq.add("t=" + t + " " + s.wire());
            box.offer(new Presence(0, s, org.sysmodels.presence.model.presence.ClientStatus.NONE, List.of(), ++version, t), -1);
            if (t == nextRead) {
                Presence p = box.poll();
                received.add("t=" + t + " " + p.status().wire());
                nextRead += readEvery;
            }
        }
        long t = nextRead;
        for (Presence p = box.poll(); p != null; p = box.poll()) {
            received.add("t=" + t + " " + p.status().wire());
            t += readEvery;
        }
        String q = "Bob's connection is slow: the gateway can write to it only at t = " + readEvery + ", "
                + 2 * readEvery + ", " + 3 * readEvery + "... s, one message each time (a change made at the second of a "
                + "write is in time for it). Ada changes status "
                + String.join(", ", seq) + ". Bob's outbox keeps only the newest presence per user (watch "
                + "semantics). Which updates does Bob receive, and when?";
        String a = "Bob receives " + String.join(", ", received) + ". Each write takes the newest presence waiting;"
                + " the states in between were replaced in the outbox and are never sent, so Bob's memory cost is "
                + "one entry per friend however fast Ada changes, and his last update is always her current status.";
        return new QuizQuestion(q, a);
    }
}
