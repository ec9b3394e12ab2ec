package org.sysmodels.sensor.model.core;

/**
 * The core's power state: running, sleeping in WFI (core clock gated, peripherals running), or stopped (WFI with
 * SCB.SCR SLEEPDEEP: clocks off except LSI/LSE, SysTick stopped; STM32 "Stop" mode).
 */
public enum PowerState {
    RUN,
    SLEEP,
    STOP
}
