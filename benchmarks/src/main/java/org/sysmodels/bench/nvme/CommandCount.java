package org.sysmodels.bench.nvme;

/**
 * Runs the deterministic rig for a number of warm-up commands, then a number of measured ones, and exits: the program
 * {@code bench/instructions} runs twice under cachegrind to count machine instructions per simulated command. On a
 * virtual machine whose timings drift by 5%, an exact instruction count is what tells a 2% change from noise.
 *
 * <p>Arguments: warm-up commands, measured commands, and optionally {@code checked}.
 */
public final class CommandCount {

    private CommandCount() {
    }

    public static void main(String[] args) {
        DeterministicRig rig = new DeterministicRig(args.length > 2 && args[2].equals("checked"));
        rig.commands(Long.parseLong(args[0]));
        rig.commands(Long.parseLong(args[1]));
        System.out.println("completed " + rig.completed());
    }
}
