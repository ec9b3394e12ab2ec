package org.sysmodels.sensor.model.core;

/**
 * What the core executes: a firmware image's entry point and its vector table. {@link #main} runs in Thread mode
 * and never returns ({@code #[entry] fn main() -> !}); {@link #handle} runs in Handler mode for each exception the
 * core takes; {@link #hardFault} is the HardFault handler, entered when the code faults (here: throws).
 */
public interface Program {

    /** The reset handler's call of main. */
    void main();

    /** The handler of exception {@code exc} (SysTick = 15, IRQ n = 16 + n). */
    void handle(int exc);

    /** The HardFault handler; the core spins afterwards, as cortex-m-rt's default handler does. */
    default void hardFault() {
    }
}
