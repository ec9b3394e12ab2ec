package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.cluster.IntentBit;
import org.sysmodels.presence.model.presence.Activity;

/** The flags byte of a session's state: what a node writes reads back the same; an older writer's reads as unknown. */
class SessionFlagsTest {

    @Test
    void everyCombinationReadsBackThroughAState() {
        for (boolean gp : new boolean[] {false, true}) {
            for (IntentBit members : IntentBit.values()) {
                int f = SessionFlags.of(gp, members);
                LogEntry.Upsert u = StateBytes.upsert(StateBytes.state(3, 0, f, 1, List.of(new Activity("x", 0)), 9),
                        "s", "n", "n", 1, 10);
                assertEquals(gp, u.guildPresences());
                assertEquals(members, SessionFlags.guildMembers(u.flags()));
            }
        }
    }

    /** A state written before GUILD_MEMBERS was recorded (flags 0 or 1) says nothing of it. */
    @Test
    void anOlderWritersFlagsLeaveGuildMembersUnknown() {
        assertEquals(IntentBit.UNKNOWN, SessionFlags.guildMembers(0));
        assertEquals(IntentBit.UNKNOWN, SessionFlags.guildMembers(1));
        assertEquals(true, SessionFlags.guildPresences(1));
    }
}
