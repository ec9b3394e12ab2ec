package org.sysmodels.bench.irp;

import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost floor for the synchronous IRP benchmark: the same work as three plain Java calls and a callback. A
 * request object goes from the caller through the filter to the function driver (virtual calls through an
 * interface), the function driver sets the status and calls the filter's completion callback, and the status comes
 * back up. No stack locations, no pending, no verifier: what the I/O manager's bookkeeping is measured against.
 */
final class PlainCallsPeer {

    /** What travels down: the request and its outcome. */
    static final class Request {
        int length;
        int status;
        long information;
        Callback completion;
    }

    interface Layer {
        int call(Request r);
    }

    interface Callback {
        void done(Request r);
    }

    static final class Filter implements Layer, Callback {
        final Layer lower;
        long reads;

        Filter(Layer lower) {
            this.lower = lower;
        }

        @Override
        public int call(Request r) {
            r.completion = this;
            return lower.call(r);
        }

        @Override
        public void done(Request r) {
            reads++;
        }
    }

    static final class Function implements Layer {
        @Override
        public int call(Request r) {
            r.status = 0;
            r.information = r.length;
            r.completion.done(r);
            return r.status;
        }
    }

    static final class Caller implements Layer {
        final Layer top;

        Caller(Layer top) {
            this.top = top;
        }

        @Override
        public int call(Request r) {
            r.status = -1;
            return top.call(r);
        }
    }

    private final Caller caller = new Caller(new Filter(new Function()));
    private final Request request = new Request();

    /**
     * Sends {@code n} requests down, each with its own length, handing every status and byte count to the blackhole:
     * without that the JIT folds the whole loop into one multiplication and the "floor" measures nothing.
     */
    void reads(int n, Blackhole bh) {
        Request r = request;
        for (int i = 0; i < n; i++) {
            r.length = 512 + (i & 511);
            bh.consume(caller.call(r));
            bh.consume(r.information);
        }
    }
}
