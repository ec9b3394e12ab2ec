package org.sysmodels.sensor.host.rtic;

/**
 * Thrown by a lock policy that makes a task wait: a run-to-completion task cannot wait inside its handler, so it
 * gives up and is pended again when the resource is free. The ceiling protocol never throws it.
 */
public final class TaskBlocked extends RuntimeException {

    final transient Resource<?> resource;

    public TaskBlocked(Resource<?> resource) {
        super("blocked on " + resource.name(), null, false, false);
        this.resource = resource;
    }
}
