package org.sysmodels.sensor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.sensor.model.core.Clock;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.model.core.CoreListener;
import org.sysmodels.sensor.model.core.LsiTimer;
import org.sysmodels.sensor.model.core.Nvic;
import org.sysmodels.sensor.model.core.Program;
import org.sysmodels.sensor.model.core.SysTick;
import org.sysmodels.sensor.model.core.Timer;
import org.sysmodels.sensor.model.i2c.I2cBus;
import org.sysmodels.sensor.model.i2c.I2cController;
import org.sysmodels.sensor.model.i2c.I2cListener;
import org.sysmodels.sensor.model.io.DiagnosticPort;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.io.ParameterFlash;
import org.sysmodels.sensor.model.wdg.Iwdg;
import org.sysmodels.sensor.model.wdg.WatchdogListener;
import org.sysmodels.sensor.model.wdg.Wwdg;

/**
 * The microcontroller the firmware sees: the core with its NVIC and SysTick, the two watchdogs, timers, the I2C
 * controllers and their buses, GPIO, a diagnostic port and the parameter flash. Interrupt numbers follow STM32F4
 * where it has the peripheral (WWDG = IRQ 0, TIM2–TIM4 = IRQ 28–30); TIM5 is IRQ 27 and LPTIM IRQ 31 here, and
 * IRQs 1–7 have no peripheral, free for software (RTIC uses such free vectors as dispatchers).
 */
public final class Mcu {

    public static final int WWDG_IRQ = 0;
    public static final int LPTIM_IRQ = 31;
    /** Timer name → IRQ: TIM2 28, TIM3 29, TIM4 30, TIM5 27. */
    private static final int[] TIMER_IRQS = {28, 29, 30, 27};
    /** The first and last IRQ with no peripheral. */
    public static final int FREE_IRQ_FIRST = 1;
    public static final int FREE_IRQ_LAST = 7;

    private final McuConfig config;
    private final Scheduler sched;
    private final Core core;
    private final SysTick sysTick;
    private final Iwdg iwdg;
    private final Wwdg wwdg;
    private final Timer[] timers = new Timer[TIMER_IRQS.length];
    private final LsiTimer lptim;
    private final I2cBus[] buses;
    private final I2cController[] i2c;
    private final Gpio gpio;
    private final DiagnosticPort diag;
    private final ParameterFlash flash = new ParameterFlash(256);

    public Mcu(McuConfig config, Scheduler sched) {
        this.config = config;
        this.sched = sched;
        Clock clock = new Clock(config.coreHz());
        Nvic nvic = new Nvic(config.priorityBits());
        this.core = new Core(sched, clock, nvic, config.power());
        this.sysTick = new SysTick(core);
        this.iwdg = new Iwdg(core, config.lsi(), config.hardwareIwdg());
        this.wwdg = new Wwdg(core, WWDG_IRQ);
        for (int i = 0; i < timers.length; i++) {
            timers[i] = new Timer(core, "TIM" + (i + 2), TIMER_IRQS[i]);
        }
        this.lptim = new LsiTimer(core, config.lsi(), LPTIM_IRQ);
        this.buses = new I2cBus[config.buses().size()];
        this.i2c = new I2cController[buses.length];
        for (int i = 0; i < buses.length; i++) {
            buses[i] = new I2cBus(i + 1, config.buses().get(i));
            i2c[i] = new I2cController(core, buses[i]);
        }
        this.gpio = new Gpio(core);
        this.diag = new DiagnosticPort(core);
    }

    public McuConfig config() {
        return config;
    }

    public Scheduler scheduler() {
        return sched;
    }

    public long now() {
        return sched.now();
    }

    public Core core() {
        return core;
    }

    public Nvic nvic() {
        return core.nvic();
    }

    public SysTick sysTick() {
        return sysTick;
    }

    public Iwdg iwdg() {
        return iwdg;
    }

    public Wwdg wwdg() {
        return wwdg;
    }

    /** TIM2..TIM5 as index 0..3. */
    public Timer timer(int index) {
        if (index < 0 || index >= timers.length) {
            throw new IllegalArgumentException("timer " + index + ": this MCU has TIM2..TIM5 (0.." + (timers.length - 1)
                    + ")");
        }
        return timers[index];
    }

    public int timers() {
        return timers.length;
    }

    public LsiTimer lptim() {
        return lptim;
    }

    /** I2C controller {@code n} (1-based, as I2C1, I2C2). */
    public I2cController i2c(int n) {
        if (n < 1 || n > i2c.length) {
            throw new IllegalArgumentException("I2C" + n + ": this MCU has I2C1..I2C" + i2c.length);
        }
        return i2c[n - 1];
    }

    public int i2cCount() {
        return i2c.length;
    }

    public I2cBus bus(int n) {
        return i2c(n).bus();
    }

    public Gpio gpio() {
        return gpio;
    }

    public DiagnosticPort diagnostics() {
        return diag;
    }

    public ParameterFlash flash() {
        return flash;
    }

    /**
     * Attaches an observer to every part whose listener interface it implements ({@link CoreListener},
     * {@link WatchdogListener}, {@link I2cListener}, {@link Gpio.Listener}, {@link DiagnosticPort.Listener}).
     */
    public void listen(Object o) {
        List<String> took = new ArrayList<>();
        if (o instanceof CoreListener l) {
            core.addListener(l);
            took.add("core");
        }
        if (o instanceof WatchdogListener l) {
            iwdg.addListener(l);
            wwdg.addListener(l);
            took.add("watchdogs");
        }
        if (o instanceof I2cListener l) {
            for (I2cBus b : buses) {
                b.addListener(l);
            }
            took.add("i2c");
        }
        if (o instanceof Gpio.Listener l) {
            gpio.addListener(l);
            took.add("gpio");
        }
        if (o instanceof DiagnosticPort.Listener l) {
            diag.addListener(l);
            took.add("diagnostics");
        }
        if (took.isEmpty()) {
            throw new IllegalArgumentException(o.getClass().getName() + " implements no MCU listener interface");
        }
    }

    /** Runs firmware from power-on until {@code untilNs}: each reset boots a fresh image. */
    public void run(Supplier<Program> image, long untilNs) {
        sched.at(untilNs, core::end);
        core.run(image, config.bootNs());
    }
}
