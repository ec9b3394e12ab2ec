package org.sysmodels.queue.run;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.system.Subcommand;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.queue.model.Mm1Formulas;

/** {@code sim queue formulas}: the M/M/1 closed forms for a load and a service time, without simulating. */
public final class FormulasCommand implements Subcommand {

    static final OptionSpec<Double> LOAD = OptionSpec.decimal("--load", "RHO", 0.01, 0.99, "Offered load ρ = λ/μ.")
            .withDefault("0.5");
    static final OptionSpec<Long> MEAN_SERVICE = OptionSpec.duration("--mean-service", "TIME", 1,
            1_000_000_000_000L, "Mean service time 1/μ, with a unit.").withDefault("10us");

    @Override
    public String name() {
        return "formulas";
    }

    @Override
    public String title() {
        return "The M/M/1 closed forms (ρ, L, W, Wq) for a load and a mean service time";
    }

    @Override
    public String description() {
        return "Prints what queueing theory predicts, the figures `sim queue` then measures: utilisation ρ = λ/μ, "
                + "jobs in system L = ρ/(1−ρ), time in system W = 1/(μ−λ), wait in queue Wq = ρ/(μ−λ) "
                + "(Kleinrock, Queueing Systems vol. 1, §3.2).";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(LOAD, MEAN_SERVICE);
    }

    @Override
    public int run(Options options, PrintWriter out, PrintWriter err) {
        double load = options.getOr(LOAD, 0.5);
        long service = options.getOr(MEAN_SERVICE, 10_000L);
        Mm1Formulas f = Mm1Formulas.ofMeans(service / load, service);
        out.printf(Locale.ROOT, "M/M/1 with ρ = %.3f and mean service %s:%n", f.rho(), SimTime.format(service));
        out.printf(Locale.ROOT, "  jobs in system  L  = ρ/(1−ρ)  = %.3f%n", f.jobsInSystem());
        out.printf(Locale.ROOT, "  time in system  W  = 1/(μ−λ)  = %s%n", SimTime.format(Math.round(f.timeInSystem())));
        out.printf(Locale.ROOT, "  wait in queue   Wq = ρ/(μ−λ)  = %s%n", SimTime.format(Math.round(f.waitInQueue())));
        out.printf(Locale.ROOT, "Check it: sim queue --load %s --mean-service %s%n", load,
                options.texts().getOrDefault(MEAN_SERVICE.name(), "10us"));
        return 0;
    }
}
