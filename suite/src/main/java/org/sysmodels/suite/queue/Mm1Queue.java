package org.sysmodels.suite.queue;

import java.util.Arrays;
import org.sysmodels.core.metrics.LatencyHistogram;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.run.Findings;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;

/**
 * A single-server FIFO queue with Poisson arrivals and exponential service (M/M/1), run on the sim-core scheduler: the
 * kernel's sanity check, because its averages have closed forms (Kleinrock, Queueing Systems vol. 1, §3.2): with
 * ρ = λ/μ, mean wait in queue Wq = ρ / (μ − λ) and mean time in system W = 1 / (μ − λ).
 *
 * <p>Two events per job (arrival, departure); waiting jobs are arrival times in a ring, so a run allocates nothing per
 * job once the ring has grown to the longest queue.
 */
final class Mm1Queue {

    private final Scheduler scheduler = new Scheduler();
    private final RandomStream arrivalsRandom;
    private final RandomStream serviceRandom;
    private final double meanInterarrival;
    private final double meanService;
    private final long jobs;
    private final Tracer tracer;
    private final Track arrivalTrack;
    private final Track serverTrack;
    private final Findings findings;

    final LatencyHistogram wait = new LatencyHistogram("wait in queue");
    final LatencyHistogram sojourn = new LatencyHistogram("time in system");

    private long[] ring = new long[64];
    private int head;
    private int size;
    private long arrived;
    private long departed;
    private boolean busy;
    private long busySince;
    private long busyTotal;
    private long lastDepartureArrival = -1;

    private final Action arrival = ignored -> onArrival();
    private final Action departure = arrivalTime -> onDeparture(arrivalTime);

    /**
     * @param meanInterarrival 1/λ in ns
     * @param meanService      1/μ in ns
     */
    Mm1Queue(RandomStreams random, double meanInterarrival, double meanService, long jobs, Tracer tracer,
             Findings findings) {
        this.arrivalsRandom = random.stream("queue/arrivals");
        this.serviceRandom = random.stream("queue/service");
        this.meanInterarrival = meanInterarrival;
        this.meanService = meanService;
        this.jobs = jobs;
        this.tracer = tracer;
        this.findings = findings;
        this.arrivalTrack = tracer.track("M/M/1 queue", "arrivals");
        this.serverTrack = tracer.track("M/M/1 queue", "server");
    }

    void run() {
        scheduler.after(Math.round(arrivalsRandom.exponential(meanInterarrival)), arrival, 0);
        scheduler.run();
        if (departed != jobs) {
            findings.violation("every-job-departs", departed + " of " + jobs + " jobs departed", scheduler.now(), "");
        }
    }

    long now() {
        return scheduler.now();
    }

    long events() {
        return scheduler.executed();
    }

    /** Fraction of the run the server was busy. */
    double utilisation() {
        return scheduler.now() == 0 ? 0 : busyTotal / (double) scheduler.now();
    }

    private void onArrival() {
        long now = scheduler.now();
        arrived++;
        tracer.instant(arrivalTrack, "arrival", now, "job", arrived);
        tracer.asyncBegin(arrivalTrack, "job", arrived, now);
        enqueue(now);
        tracer.counter(serverTrack, "jobs in system", now, size + (busy ? 1 : 0));
        if (!busy) {
            startService();
        }
        if (arrived < jobs) {
            scheduler.after(Math.round(arrivalsRandom.exponential(meanInterarrival)), arrival, 0);
        }
    }

    private void startService() {
        long now = scheduler.now();
        long arrivalTime = dequeue();
        wait.record(now - arrivalTime);
        busy = true;
        busySince = now;
        long service = Math.round(serviceRandom.exponential(meanService));
        scheduler.after(service, departure, arrivalTime);
    }

    private void onDeparture(long arrivalTime) {
        long now = scheduler.now();
        departed++;
        if (arrivalTime < lastDepartureArrival) {
            findings.violation("fifo", "a job that arrived at " + arrivalTime + " ns left after one that arrived at "
                    + lastDepartureArrival + " ns", now, "server");
        }
        lastDepartureArrival = arrivalTime;
        sojourn.record(now - arrivalTime);
        busyTotal += now - busySince;
        busy = false;
        tracer.complete(serverTrack, "serve", busySince, now);
        tracer.asyncEnd(arrivalTrack, "job", departed, now);
        if (size > 0) {
            startService();
        }
        tracer.counter(serverTrack, "jobs in system", now, size + (busy ? 1 : 0));
    }

    private void enqueue(long arrivalTime) {
        if (size == ring.length) {
            long[] bigger = new long[size * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) % ring.length] = arrivalTime;
        size++;
    }

    private long dequeue() {
        long t = ring[head];
        head = (head + 1) % ring.length;
        size--;
        return t;
    }

    @Override
    public String toString() {
        return "Mm1Queue[arrived=" + arrived + ", departed=" + departed + ", queue=" + Arrays.toString(ring) + "]";
    }
}
