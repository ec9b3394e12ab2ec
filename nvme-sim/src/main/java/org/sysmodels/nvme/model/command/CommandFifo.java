package org.sysmodels.nvme.model.command;

/**
 * A FIFO of commands linked through {@link Command#next}, so waiting allocates nothing: the commands waiting for an
 * internal unit, or the completions waiting for room in one completion queue.
 */
final class CommandFifo {

    private Command first;
    private Command last;
    private int size;
    /** When the FIFO last went from empty to non-empty. */
    private long since;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long since() {
        return since;
    }

    void restartClock(long now) {
        since = now;
    }

    void add(Command c, long now) {
        c.next = null;
        if (last == null) {
            first = c;
            since = now;
        } else {
            last.next = c;
        }
        last = c;
        size++;
    }

    /** The longest-waiting command, or null. */
    Command poll() {
        Command c = first;
        if (c != null) {
            first = c.next;
            if (first == null) {
                last = null;
            }
            c.next = null;
            size--;
        }
        return c;
    }

    /** Takes a specific command out (Abort, SQ deletion). @return false if it was not in this FIFO */
    boolean remove(Command target) {
        Command prev = null;
        for (Command c = first; c != null; prev = c, c = c.next) {
            if (c == target) {
                if (prev == null) {
                    first = c.next;
                } else {
                    prev.next = c.next;
                }
                if (last == c) {
                    last = prev;
                }
                c.next = null;
                size--;
                return true;
            }
        }
        return false;
    }

    /** Forgets every command (controller reset). */
    void clear() {
        first = null;
        last = null;
        size = 0;
    }
}
