package org.sysmodels.bench.irp;

/**
 * A plain main for counting machine instructions per IRP with cachegrind (see bench/instructions): warm up, then run
 * a given number of reads. Arguments: warm-up reads, measured reads, mode (off | on | pended).
 */
public final class IrpCount {

    private IrpCount() {
    }

    public static void main(String[] args) {
        int warm = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        String mode = args.length > 2 ? args[2] : "off";
        IrpRig rig = new IrpRig(!mode.equals("off"), mode.equals("pended"));
        rig.reads(warm);
        rig.reads(n);
        System.out.println(mode + ": " + rig.completed() + " reads");
    }
}
