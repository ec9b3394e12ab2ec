package org.sysmodels.presence.gateway;

import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.presence.gateway.client.NettyTransport;

/** {@code --transport auto|io_uring|epoll|nio}, the same flag on {@code sim presence serve} and {@code load}. */
final class TransportOption {

    static final OptionSpec<String> TRANSPORT = OptionSpec.choice("--transport", "NAME",
            List.of("auto", "io_uring", "epoll", "nio"),
            "Socket transport: epoll (Linux; one system call per socket read or write), io_uring (Linux; one "
                    + "io_uring_enter per event-loop turn for all its sockets' reads and writes), nio (Java NIO); auto "
                    + "takes the first of those that works here.").withDefault("auto");

    private TransportOption() {
    }

    /** The transport asked for; a {@link UserInputException} when it cannot run on this machine. */
    static NettyTransport resolve(Options o) throws UserInputException {
        if (!o.has(TRANSPORT)) {
            return NettyTransport.auto();
        }
        String word = o.get(TRANSPORT).orElseThrow();
        try {
            return NettyTransport.choose(word);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--transport " + word + ": " + e.getMessage());
        }
    }
}
