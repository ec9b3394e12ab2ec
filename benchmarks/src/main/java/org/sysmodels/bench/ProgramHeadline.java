package org.sysmodels.bench;

import java.util.List;

/**
 * A figure that is not a JMH throughput: a program in the benchmarks jar that measures something else (heap bytes per
 * user, a load run over real sockets) and prints one or more table rows as tab-separated lines
 * {@code ROW label figure unit peer peer-figure ratio target}. {@code bench/run} runs it in its own JVM after the JMH
 * benchmarks, with {@code --long} passed on when given.
 *
 * @param label     what it measures (for --only and --list)
 * @param mainClass the program
 * @param jvmArgs   its JVM flags (heap size)
 * @param args      its arguments
 */
public record ProgramHeadline(String label, String mainClass, List<String> jvmArgs, List<String> args) {
}
