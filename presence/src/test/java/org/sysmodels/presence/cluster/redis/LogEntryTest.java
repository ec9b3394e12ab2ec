package org.sysmodels.presence.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysmodels.presence.model.presence.Activity;
import org.sysmodels.presence.model.presence.Platform;
import org.sysmodels.presence.model.presence.Status;

/** The log's entry formats as write.lua, end.lua and takeover.lua write them (the scripts run against a real Redis in
 * RedisClusterModelTest and ClusterGatewayTest). */
class LogEntryTest {

    @Test
    void activitiesRoundTripThroughTheirJsonIncludingCharactersTheBatchSeparatorsUse() {
        List<Activity> a = List.of(new Activity("load 123/1", 0), new Activity("tab\there\nnewline \"quoted\"", 3));
        String json = LogEntry.encode(a);
        assertEquals(-1, json.indexOf('\t'), "a raw tab would split an ups line");
        assertEquals(-1, json.indexOf('\n'), "a raw newline would split an ups entry");
        assertEquals(a, LogEntry.activities(json));
        assertEquals(List.of(), LogEntry.activities(LogEntry.encode(List.of())));
    }

    @Test
    void activitiesThatAreNotTheLogsJsonAreMalformed() {
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.activities("{\"name\":\"x\"}"));
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.activities("[{\"name\":\"x\""));
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.activities("[1]"));
    }

    @Test
    void anUpsEntryCarriesEveryChangeOfOneWriteCallInOrder() {
        String acts = LogEntry.encode(List.of(new Activity("x", 0)));
        List<LogEntry> all = LogEntry.parseAll(Map.of("k", "ups", "w", "n1", "b",
                "s1\t1\t3\t0\t1\t2\t" + acts + "\t99\ns2\t4\t5\t1\t0\t0\t\t100"), 10);
        assertEquals(List.of(
                new LogEntry.Upsert("s1", "n1", "n1", 1, 3, Platform.ofOrdinal(0), true, Status.ofOrdinal(2),
                        List.of(new Activity("x", 0)), 99),
                new LogEntry.Upsert("s2", "n1", "n1", 4, 5, Platform.ofOrdinal(1), false, Status.ofOrdinal(0),
                        List.of(), 100)), all);
    }

    @Test
    void oneBadLineMakesTheWholeUpsEntryMalformed() {
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.parseAll(Map.of("k", "ups", "w", "n1", "b",
                "s1\t1\t3\t0\t1\t2\t\t99\ns2\t4\t5"), 10));
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.parseAll(Map.of("k", "ups", "w", "n1", "b",
                "s1\t1\t30\t0\t1\t2\t\t99"), 10), "user 30 is outside a world of 10");
        assertThrows(LogEntry.Malformed.class, () -> LogEntry.parseAll(Map.of("k", "ups", "w", "n1"), 10));
    }

    @Test
    void singleEntriesParseAsBefore() {
        assertEquals(List.of(new LogEntry.Ended("s1", "sweep@n1")),
                LogEntry.parseAll(Map.of("k", "end", "sid", "s1", "w", "sweep@n1"), 10));
    }
}
