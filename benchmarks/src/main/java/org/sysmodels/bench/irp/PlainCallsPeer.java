package org.sysmodels.bench.irp;

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

    long reads(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            request.length = 512;
            sum += caller.call(request) + request.information;
        }
        return sum;
    }
}
