package org.sysmodels.queue.model;

import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;

/**
 * A single server with Poisson arrivals and exponential service (M/M/1), run on the sim-core scheduler: the kernel's
 * sanity check, because its averages have closed forms ({@link Mm1Formulas}). Two events per job (arrival,
 * departure); the waiting line is a {@link Discipline}, FIFO in the reference.
 *
 * <p>The queue keeps its own count of jobs arrived and started, independent of the discipline, so a discipline that
 * loses or hides a job is seen by the checks ({@link QueueObserver#idle}).
 */
public final class Mm1Queue {

    private final Scheduler scheduler = new Scheduler();
    private final RandomStream arrivalsRandom;
    private final RandomStream serviceRandom;
    private final double meanInterarrival;
    private final double meanService;
    private final long jobs;
    private final Discipline line;
    private final QueueObserver observer;
    private final Tracer tracer;
    private final Track arrivalTrack;
    private final Track serverTrack;

    private final LatencyHistogram wait = new LatencyHistogram("wait in queue");
    private final LatencyHistogram sojourn = new LatencyHistogram("time in system");

    private long arrived;
    private long started;
    private long departed;
    private boolean busy;
    private long busySince;
    private long busyTotal;

    private final Action arrival = ignored -> onArrival();
    private final Action departure = this::onDeparture;

    /**
     * @param meanInterarrival 1/λ in ns
     * @param meanService      1/μ in ns
     * @param line             the waiting line (FIFO for M/M/1)
     */
    public Mm1Queue(RandomStreams random, double meanInterarrival, double meanService, long jobs, Discipline line,
                    QueueObserver observer, Tracer tracer) {
        this.arrivalsRandom = random.stream("queue/arrivals");
        this.serviceRandom = random.stream("queue/service");
        this.meanInterarrival = meanInterarrival;
        this.meanService = meanService;
        this.jobs = jobs;
        this.line = line;
        this.observer = observer;
        this.tracer = tracer;
        this.arrivalTrack = tracer.track("M/M/1 queue", "arrivals");
        this.serverTrack = tracer.track("M/M/1 queue", "server");
    }

    /** Runs until every arrival has happened and the scheduler has nothing left. */
    public void run() {
        scheduler.after(Math.round(arrivalsRandom.exponential(meanInterarrival)), arrival, 0);
        scheduler.run();
    }

    public long now() {
        return scheduler.now();
    }

    public long events() {
        return scheduler.executed();
    }

    public long departed() {
        return departed;
    }

    public LatencyHistogram waitInQueue() {
        return wait;
    }

    public LatencyHistogram timeInSystem() {
        return sojourn;
    }

    /** Fraction of the run the server was busy. */
    public double utilisation() {
        return scheduler.now() == 0 ? 0 : busyTotal / (double) scheduler.now();
    }

    private void onArrival() {
        long now = scheduler.now();
        arrived++;
        tracer.instant(arrivalTrack, "arrival", now, "job", arrived);
        tracer.asyncBegin(arrivalTrack, "job", arrived, now);
        observer.arrived(now, now, arrived - departed);
        line.add(now);
        tracer.counter(serverTrack, "jobs in system", now, arrived - departed);
        if (!busy) {
            startService();
        }
        if (arrived < jobs) {
            scheduler.after(Math.round(arrivalsRandom.exponential(meanInterarrival)), arrival, 0);
        }
    }

    private void startService() {
        long now = scheduler.now();
        if (line.isEmpty()) {
            observer.idle(now, arrived - started);
            return;
        }
        long arrivalTime = line.take();
        started++;
        observer.started(arrivalTime, now);
        wait.record(now - arrivalTime);
        busy = true;
        busySince = now;
        long service = Math.round(serviceRandom.exponential(meanService));
        scheduler.after(service, departure, arrivalTime);
    }

    private void onDeparture(long arrivalTime) {
        long now = scheduler.now();
        departed++;
        observer.departed(arrivalTime, now);
        sojourn.record(now - arrivalTime);
        busyTotal += now - busySince;
        busy = false;
        tracer.complete(serverTrack, "serve", busySince, now);
        tracer.asyncEnd(arrivalTrack, "job", departed, now);
        if (arrived > started) {
            startService();
        } else {
            observer.idle(now, 0);
        }
        tracer.counter(serverTrack, "jobs in system", now, arrived - departed);
    }
}
