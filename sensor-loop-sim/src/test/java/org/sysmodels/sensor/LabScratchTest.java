package org.sysmodels.sensor;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;

class LabScratchTest {
    @Test
    void labs() throws Exception {
        SensorLoopSystem sys = new SensorLoopSystem();
        for (BugLab lab : sys.bugLabs()) {
            RunResult r = sys.run(RunRequest.ofSeed(1).withBug(lab.name()));
            System.out.println("=== " + lab.name() + " passed=" + r.passed());
            r.lab().ifPresent(v -> v.lines().forEach(l -> System.out.println("  " + l)));
            r.summary().forEach(l -> System.out.println("  | " + l));
        }
        RunResult r = sys.run(RunRequest.ofSeed(1));
        System.out.println("=== steady passed=" + r.passed());
        r.summary().forEach(l -> System.out.println("  | " + l));
        r.tables().forEach(t -> System.out.println("  table " + t.title() + " " + t.rows()));
    }
}
