package org.sysmodels.nvme.host.driver;

import org.sysmodels.nvme.host.driver.DriverEvent.BringUpFailed;
import org.sysmodels.nvme.host.driver.DriverEvent.BroughtUp;
import org.sysmodels.nvme.host.driver.DriverEvent.Probe;
import org.sysmodels.nvme.host.driver.DriverEvent.ResetNeeded;
import org.sysmodels.nvme.host.driver.DriverEvent.ShutDownDone;
import org.sysmodels.nvme.host.driver.DriverState.Dead;
import org.sysmodels.nvme.host.driver.DriverState.Death;
import org.sysmodels.nvme.host.driver.DriverState.Detached;
import org.sysmodels.nvme.host.driver.DriverState.Live;
import org.sysmodels.nvme.host.driver.DriverState.Probing;
import org.sysmodels.nvme.host.driver.DriverState.Resetting;

/**
 * The reference driver's life, as Linux's {@code nvme_change_ctrl_state} allows it (NEW → LIVE ⇄ RESETTING → DEAD,
 * reduced): one method per {@link DriverState}, each returning the next state. What a transition does to the driver
 * (start a bring-up, requeue what is in flight, fail every request) is the driver's, through {@link Effects}, in the
 * shape of the controller model's {@code Lifecycle}.
 */
final class DriverLifecycle {

    /** What entering a state does to the driver. */
    interface Effects {

        /** The state is now {@code next}; called before entering it does anything. */
        void entered(DriverState next);

        /** A new bring-up for a probe or, {@code afterReset}, for a reset. */
        BringUp newBringUp(boolean afterReset);

        /** {@code nvme_reset_ctrl}'s start: quiesce, give back what is in flight, cancel the admin commands. */
        void resetting(String why);

        /** Every I/O queue is up (again, {@code afterReset}): blk-mq may issue. */
        void live(boolean afterReset);

        /** The driver is gone; {@link Dead#how()} says what that means for blk-mq. */
        void died(Dead dead);
    }

    private final Effects effects;
    private final int maxResets;
    private DriverState state = new Detached();
    private int resetsInARow;
    private long resets;

    DriverLifecycle(Effects effects, int maxResets) {
        this.effects = effects;
        this.maxResets = maxResets;
    }

    DriverState state() {
        return state;
    }

    long resets() {
        return resets;
    }

    /** A command completed successfully: the resets so far brought the device back. */
    void progress() {
        resetsInARow = 0;
    }

    void handle(DriverEvent e) {
        enter(switch (state) {
            case Detached d -> detached(e);
            case Probing p -> probing(p, e);
            case Live l -> live(e);
            case Resetting r -> resetting(r, e);
            case Dead d -> d;
        });
    }

    private DriverState detached(DriverEvent e) {
        return switch (e) {
            // Detached ---- probe ----> Probing (the bring-up starts)
            case Probe p -> new Probing(effects.newBringUp(false));
            default -> state;
        };
    }

    private DriverState probing(Probing p, DriverEvent e) {
        return switch (e) {
            // Probing ---- every I/O queue created ----> Live
            case BroughtUp b -> new Live(false);
            // Probing ---- a step failed ----> Dead (blk-mq hears "probe failed")
            case BringUpFailed f -> new Dead(f.reason(), Death.PROBE_FAILED);
            // Probing ---- an admin command timed out ----> Dead: the bring-up has failed
            case ResetNeeded r -> {
                p.bringUp().stop();
                yield new Dead(r.why(), Death.PROBE_FAILED);
            }
            case ShutDownDone s -> new Dead("shut down", Death.SHUT_DOWN);
            default -> state;
        };
    }

    private DriverState live(DriverEvent e) {
        return switch (e) {
            // Live ---- reset needed, maxResets in a row already ----> Dead (device removed)
            // Live ---- reset needed ----> Resetting (quiesce, give back what is in flight, bring the device up again)
            case ResetNeeded r -> reset(r.why());
            // Live ---- CSTS.SHST = shutdown complete ----> Dead
            case ShutDownDone s -> new Dead("shut down", Death.SHUT_DOWN);
            default -> state;
        };
    }

    private DriverState resetting(Resetting r, DriverEvent e) {
        return switch (e) {
            // Resetting ---- every I/O queue created again ----> Live
            case BroughtUp b -> new Live(true);
            // Resetting ---- a step failed ----> Dead (device removed)
            case BringUpFailed f -> new Dead("reset failed: " + f.reason(), Death.REMOVED);
            // Resetting ---- an admin command timed out ----> Dead (device removed)
            case ResetNeeded n -> {
                r.bringUp().stop();
                yield new Dead("reset failed: " + n.why(), Death.REMOVED);
            }
            case ShutDownDone s -> new Dead("shut down", Death.SHUT_DOWN);
            default -> state;
        };
    }

    /** {@code nvme_reset_ctrl}, or the end of the device after {@code maxResets} resets without progress. */
    private DriverState reset(String why) {
        resets++;
        if (++resetsInARow > maxResets) {
            return new Dead(maxResets + " controller resets without progress; last: " + why, Death.REMOVED);
        }
        effects.resetting(why);
        return new Resetting(effects.newBringUp(true), why);
    }

    /** Takes the new state, then runs what entering it does (which may itself cause the next transition). */
    private void enter(DriverState next) {
        if (next == state) {
            return;
        }
        state = next;
        effects.entered(next);
        switch (next) {
            case Probing p -> p.bringUp().start();
            case Resetting r -> r.bringUp().start();
            case Live l -> effects.live(l.afterReset());
            case Dead d -> effects.died(d);
            case Detached d -> {
            }
        }
    }
}
