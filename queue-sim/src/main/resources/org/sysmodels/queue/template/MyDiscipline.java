// A waiting line for `sim queue`: the server asks it which job to serve next.
//
//   sim queue --template fifo > MyDiscipline.java     this file
//   sim queue --discipline MyDiscipline.java          run it in place of the reference, under every check
//   sim queue --grade MyDiscipline.java               run it through the grading battery
//
// A job is known by its arrival time (virtual nanoseconds). M/M/1 serves first come, first served, so the checks
// want jobs to leave in arrival order (rule "fifo"), none lost (rule "every-job-departs"), and the server never idle
// while a job waits (rule "work-conserving"). This version is correct: try breaking it (take from the tail, or stop
// growing the ring) and see which rule catches you.

import org.sysmodels.queue.model.Discipline;

public class MyDiscipline implements Discipline {

    private long[] ring = new long[8];   // arrival times, oldest at `head`
    private int head;                     // index of the oldest waiting job
    private int size;                     // how many jobs wait

    @Override
    public void add(long arrivalTime) {
        if (size == ring.length) {        // full: double the ring, oldest job first
            long[] bigger = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) % ring.length] = arrivalTime;
        size++;
    }

    @Override
    public long take() {                   // called only when isEmpty() is false
        long oldest = ring[head];
        head = (head + 1) % ring.length;
        size--;
        return oldest;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }
}
