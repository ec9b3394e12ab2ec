package org.sysmodels.sensor.host;

import org.sysmodels.sensor.model.Mcu;

/**
 * Firmware for the simulated MCU, in the shape of a cortex-m-rt program: {@link #main} is {@code #[entry] fn main()
 * -> !} (it must never return), and the other methods are the handlers a vector table points at
 * ({@code #[exception] fn SysTick()}, {@code #[interrupt] fn TIM2()}, {@code #[exception] fn HardFault()}). A reset
 * creates a fresh instance, as a reset re-initialises RAM; what must survive a reset lives in the MCU (flash, the
 * reset flags).
 *
 * <p>Time passes only through the MCU: {@code mcu.core().wfi()} sleeps until an interrupt, {@code mcu.core().work(n)}
 * accounts for n cycles of computation, peripherals take their own time (an I2C transfer takes its bits on the wire).
 * Handlers run when they preempt, nested, with the core's priorities.
 */
public interface Firmware {

    /** The entry point, called after every reset. Never returns. */
    void main(Mcu mcu);

    /** The SysTick exception handler. */
    default void sysTick(Mcu mcu) {
    }

    /** The handler of external interrupt {@code irq} (IRQn ≥ 0). */
    default void interrupt(Mcu mcu, int irq) {
    }

    /** The HardFault handler: runs when the firmware's code throws; the core spins afterwards until a reset. */
    default void hardFault(Mcu mcu) {
    }
}
