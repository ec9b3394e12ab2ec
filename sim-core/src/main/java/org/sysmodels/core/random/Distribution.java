package org.sysmodels.core.random;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.DurationDeserializer;

/**
 * A distribution of non-negative values, typically service times in nanoseconds. In a scenario file it is an object
 * with a {@code type}: {@code {"type": "exponential", "mean": "80us"}}; time fields accept a unit.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Distribution.Fixed.class, name = "fixed"),
        @JsonSubTypes.Type(value = Distribution.Uniform.class, name = "uniform"),
        @JsonSubTypes.Type(value = Distribution.Exponential.class, name = "exponential"),
        @JsonSubTypes.Type(value = Distribution.Normal.class, name = "normal"),
        @JsonSubTypes.Type(value = Distribution.LogNormal.class, name = "lognormal"),
})
public sealed interface Distribution {

    /** One sample, never negative. */
    long sample(RandomStream random);

    /** The distribution's mean (of the untruncated form for {@link Normal}). */
    double expectedValue();

    /** Always the same value. */
    record Fixed(@JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) long value)
            implements Distribution {
        @Override
        public long sample(RandomStream random) {
            return value;
        }

        @Override
        public double expectedValue() {
            return value;
        }
    }

    /** Uniform on [min, max]. */
    record Uniform(@JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) long min,
                   @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) long max)
            implements Distribution {
        public Uniform {
            if (max < min) {
                throw new InvalidFieldException("max", "max (" + max + ") must be at least min (" + min + ")");
            }
        }

        @Override
        public long sample(RandomStream random) {
            return random.uniform(min, max);
        }

        @Override
        public double expectedValue() {
            return (min + max) / 2.0;
        }
    }

    /** Exponential with the given mean: memoryless service, as in an M/M/1 queue. */
    record Exponential(@JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) long mean)
            implements Distribution {
        @Override
        public long sample(RandomStream random) {
            return Math.round(random.exponential(mean));
        }

        @Override
        public double expectedValue() {
            return mean;
        }
    }

    /** Normal, truncated at zero. */
    record Normal(@JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) long mean,
                  @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) long stdDev)
            implements Distribution {
        @Override
        public long sample(RandomStream random) {
            return Math.max(0, Math.round(random.normal(mean, stdDev)));
        }

        @Override
        public double expectedValue() {
            return mean;
        }
    }

    /** Log-normal given its median and the σ of the underlying normal: a long right tail, as device latencies have. */
    record LogNormal(@JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1) long median,
                     @Range(min = 0, max = 10) double sigma)
            implements Distribution {
        @Override
        public long sample(RandomStream random) {
            return Math.round(random.logNormal(Math.log(median), sigma));
        }

        @Override
        public double expectedValue() {
            return median * Math.exp(sigma * sigma / 2);
        }
    }
}
