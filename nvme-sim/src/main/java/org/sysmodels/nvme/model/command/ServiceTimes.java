package org.sysmodels.nvme.model.command;

import org.sysmodels.core.random.Distribution;
import org.sysmodels.nvme.model.media.ServiceModel;

/** Which of the {@link ServiceModel}'s distributions an NVM command's media time comes from, by opcode. */
final class ServiceTimes {

    private static final Distribution ZERO = new Distribution.Fixed(0);

    private ServiceTimes() {
    }

    static Distribution forOpcode(ServiceModel m, int opcode) {
        return switch (opcode) {
            case Opcodes.READ -> m.read();
            case Opcodes.WRITE -> m.write();
            case Opcodes.FLUSH -> m.flush();
            case Opcodes.WRITE_ZEROES -> m.writeZeroes();
            case Opcodes.DATASET_MANAGEMENT -> m.datasetManagement();
            default -> ZERO;
        };
    }
}
