package org.sysmodels.sensor.host.rtic;

import java.util.function.Consumer;

/** How a task gets exclusive access to a resource for the duration of {@code body}. */
public interface LockPolicy {

    <T> void lock(RticApp app, Task running, Resource<T> r, Consumer<T> body);
}
