package org.sysmodels.sensor.host.safety;

/**
 * MooN voting architectures (IEC 61508-6 Annex B): how many of the channels must demand the trip. 1oo2 trips when
 * either channel does (safe against one dangerous failure, HFT 1, at the cost of spurious trips); 2oo3 trips when two
 * of three do (HFT 1 for both safety and availability: one failed channel neither trips nor blocks the function).
 */
public enum Architecture {
    ONE_OUT_OF_ONE("1oo1", 1, 0),
    ONE_OUT_OF_TWO("1oo2", 2, 1),
    TWO_OUT_OF_THREE("2oo3", 3, 1);

    private final String label;
    private final int channels;
    private final int hft;

    Architecture(String label, int channels, int hft) {
        this.label = label;
        this.channels = channels;
        this.hft = hft;
    }

    public String label() {
        return label;
    }

    public int channels() {
        return channels;
    }

    /** Hardware fault tolerance: dangerous failures the architecture survives. */
    public int hft() {
        return hft;
    }

    public static Architecture of(String label) {
        for (Architecture a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("\"" + label + "\" is not an architecture; use 1oo1, 1oo2 or 2oo3");
    }

    public static Architecture ofChannels(int n) {
        return switch (n) {
            case 1 -> ONE_OUT_OF_ONE;
            case 2 -> ONE_OUT_OF_TWO;
            case 3 -> TWO_OUT_OF_THREE;
            default -> throw new IllegalArgumentException(n + " channels: use 1, 2 or 3");
        };
    }
}
