package org.sysmodels.sensor.run;

/**
 * The IEC 61508-2:2010 figures a campaign's coverage is read against: diagnostic coverage levels (Annex C and the
 * tables of Annex A: low 60 %, medium 90 %, high 99 %) and the highest SIL a type B element may claim for its safe
 * failure fraction and hardware fault tolerance (Table 3, "route 1H").
 */
public final class Iec61508 {

    private Iec61508() {
    }

    /** "none", "low", "medium" or "high" for a coverage fraction; "not measured" for NaN (no dangerous fault). */
    public static String dcLevel(double dc) {
        if (Double.isNaN(dc)) {
            return "not measured (no fault had a dangerous effect)";
        }
        if (dc >= 0.99) {
            return "high (≥ 99 %)";
        }
        if (dc >= 0.90) {
            return "medium (≥ 90 %)";
        }
        if (dc >= 0.60) {
            return "low (≥ 60 %)";
        }
        return "none (< 60 %)";
    }

    /**
     * Table 3, type B elements: the maximum SIL for a safe failure fraction and a hardware fault tolerance (0, 1, 2);
     * 0 means "not allowed".
     *
     * <pre>
     *   SFF        HFT 0   HFT 1   HFT 2
     *   < 60 %     —       SIL 1   SIL 2
     *   60–90 %    SIL 1   SIL 2   SIL 3
     *   90–99 %    SIL 2   SIL 3   SIL 4
     *   ≥ 99 %     SIL 3   SIL 4   SIL 4
     * </pre>
     */
    public static int maxSil(double sff, int hft) {
        int row = sff >= 0.99 ? 3 : sff >= 0.90 ? 2 : sff >= 0.60 ? 1 : 0;
        int[][] table = {{0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 4}};
        return table[row][Math.max(0, Math.min(2, hft))];
    }

    /**
     * "at most SIL 2" for a safe failure fraction and HFT, or what stops a reading: a campaign with no fault injected
     * has no SFF (NaN), and Table 3 has no row for it.
     */
    public static String maxSilText(double sff, int hft) {
        return Double.isNaN(sff) ? "no SIL can be read (no fault was injected)" : "at most " + sil(maxSil(sff, hft));
    }

    public static String sil(int sil) {
        return sil == 0 ? "not allowed" : "SIL " + sil;
    }
}
