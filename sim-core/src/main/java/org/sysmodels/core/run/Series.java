package org.sysmodels.core.run;

/** One named line or set of points of a {@link Plot}. */
public record Series(String name, double[] x, double[] y) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length
                    + " y values");
        }
    }
}
