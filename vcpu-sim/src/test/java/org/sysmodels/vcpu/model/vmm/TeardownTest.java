package org.sysmodels.vcpu.model.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.os.Channel;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;

/** {@link Teardown}'s exit code: taken from the vCPUs' answers as Vmm::process does, recorded once as Vmm::stop does. */
class TeardownTest {

    static final FcExitCode[] CODES = FcExitCode.values();

    @Test
    void theFirstStopWins() {
        Props.property(200).forAll(lists().of(integers().between(0, CODES.length - 1)).ofSizeBetween(1, 10))
                .checkAssert(codes -> {
                    Teardown t = new Teardown(() -> 0);
                    assertEquals(null, t.exitCode());
                    for (int i = 0; i < codes.size(); i++) {
                        assertEquals(i == 0, t.stop(CODES[codes.get(i)]), "stop " + i + " of " + codes);
                    }
                    assertEquals(CODES[codes.get(0)], t.exitCode());
                });
    }

    /**
     * Each vCPU's channel holds some answers (0 = Paused, 1 = Exited(Ok), n = Exited(code n - 1)): the code is the
     * first Exited with a status other than Ok, in vCPU order and then channel order, else Ok.
     */
    @Test
    void theFirstExitedThatIsNotOkWins() {
        Props.property(300).forAll(lists().of(lists().of(integers().between(0, CODES.length)).ofSizeBetween(0, 4))
                .ofSizeBetween(1, 4)).checkAssert(answers -> {
                    DeterministicPlatform p = new DeterministicPlatform(new Scheduler(), Timing.DEFAULT);
                    List<VcpuHandle> handles = new ArrayList<>();
                    FcExitCode expected = null;
                    for (List<Integer> vcpu : answers) {
                        Channel<VcpuResponse> responses = p.channel("responses");
                        for (int a : vcpu) {
                            responses.send(a == 0 ? VcpuResponse.PAUSED : new VcpuResponse.Exited(CODES[a - 1]));
                            if (expected == null && a > 1) {
                                expected = CODES[a - 1];
                            }
                        }
                        handles.add(new VcpuHandle(p.channel("events"), responses, null, null));
                    }
                    assertEquals(expected == null ? FcExitCode.OK : expected, Teardown.exitCodeOf(handles),
                            answers.toString());
                });
    }
}
