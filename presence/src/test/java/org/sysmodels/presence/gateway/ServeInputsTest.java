package org.sysmodels.presence.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.testing.TestFlags;
import org.sysmodels.presence.cluster.redis.RedisServer;

/**
 * {@code sim presence serve}'s flags: an address it cannot listen on, or a Redis holding foreign data under the
 * cluster's keys, is a user error naming the flag (and the key).
 */
class ServeInputsTest {

    private static UserInputException refused(String... flags) {
        ServeCommand serve = new ServeCommand();
        return assertThrows(UserInputException.class, () -> serve.run(TestFlags.parse(serve.options(), flags),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    }

    /** The start-up line shows the resume window as given: 500 ms, not "0 s" (whole seconds, rounded down). */
    @Test
    void theStartLineShowsASubSecondResumeWindow() throws Exception {
        ServeCommand serve = new ServeCommand();
        StringWriter out = new StringWriter();
        serve.run(TestFlags.parse(serve.options(), "--resume-window", "500ms", "--port", "0", "--for", "100ms"),
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertTrue(out.toString().contains("; resume window 500 ms;"), out.toString());
    }

    @Test
    void aHostThatDoesNotResolveIsNamed() {
        UserInputException e = refused("--host", "no-such-host.invalid", "--port", "0", "--for", "100ms");
        assertTrue(e.getMessage().startsWith("--host no-such-host.invalid"), e.getMessage());
    }

    @Test
    void anAddressOfAnotherMachineIsNamed() {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine
        UserInputException e = refused("--host", "192.0.2.1", "--port", "0", "--for", "100ms");
        assertTrue(e.getMessage().startsWith("--host 192.0.2.1 --port 0: cannot listen on 192.0.2.1:0"),
                e.getMessage());
    }

    @Test
    void aRedisWithAForeignKeyIsRefusedNamingTheKeyNotAsUnreachable() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            redis.command("SET", "{pres}:due", "x");
            UserInputException e = refused("--cluster", redis.uri(), "--port", "0", "--for", "100ms");
            assertTrue(e.getMessage().startsWith("--cluster " + redis.uri() + ": cannot join"), e.getMessage());
            assertTrue(e.getMessage().contains("Redis key {pres}:due holds a string"), e.getMessage());
            assertFalse(e.getMessage().contains("running there"), e.getMessage());
        }
    }

    @Test
    void aRedisHostThatDoesNotResolveIsNamedWithItsPort() {
        UserInputException e = refused("--cluster", "redis://no-such-host.invalid", "--port", "0", "--for", "100ms");
        assertTrue(e.getMessage().startsWith("--cluster redis://no-such-host.invalid: cannot reach Redis at "
                + "redis://no-such-host.invalid:6379: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; is redis-server running there?"), e.getMessage());
    }

    @Test
    void aRedisThatWantsAPasswordIsRefusedSayingHowToGiveIt() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            redis.command("CONFIG", "SET", "requirepass", "s3cret");
            UserInputException e = refused("--cluster", redis.uri(), "--port", "0", "--for", "100ms");
            assertTrue(e.getMessage().contains("Redis at " + redis.uri() + " refused the login (NOAUTH"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("redis://:PASSWORD@HOST:PORT"), e.getMessage());
            assertFalse(e.getMessage().contains("running there"), e.getMessage());
        }
    }
}
