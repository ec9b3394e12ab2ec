package org.sysmodels.nvme.model.command;

/**
 * Command opcodes: the Admin Command Set (NVMe 1.4 §5, its opcode figure) and the NVM Command Set (§6, its
 * opcode figure).
 */
public final class Opcodes {

    public static final int DELETE_IO_SQ = 0x00;
    public static final int CREATE_IO_SQ = 0x01;
    public static final int GET_LOG_PAGE = 0x02;
    public static final int DELETE_IO_CQ = 0x04;
    public static final int CREATE_IO_CQ = 0x05;
    public static final int IDENTIFY = 0x06;
    public static final int ABORT = 0x08;
    public static final int SET_FEATURES = 0x09;
    public static final int GET_FEATURES = 0x0A;
    public static final int ASYNC_EVENT_REQUEST = 0x0C;

    public static final int FLUSH = 0x00;
    public static final int WRITE = 0x01;
    public static final int READ = 0x02;
    public static final int WRITE_ZEROES = 0x08;
    public static final int DATASET_MANAGEMENT = 0x09;

    private Opcodes() {
    }

    public static String admin(int opcode) {
        return switch (opcode) {
            case DELETE_IO_SQ -> "Delete I/O SQ";
            case CREATE_IO_SQ -> "Create I/O SQ";
            case GET_LOG_PAGE -> "Get Log Page";
            case DELETE_IO_CQ -> "Delete I/O CQ";
            case CREATE_IO_CQ -> "Create I/O CQ";
            case IDENTIFY -> "Identify";
            case ABORT -> "Abort";
            case SET_FEATURES -> "Set Features";
            case GET_FEATURES -> "Get Features";
            case ASYNC_EVENT_REQUEST -> "Asynchronous Event Request";
            default -> "Admin opcode " + Integer.toHexString(opcode) + "h";
        };
    }

    public static String nvm(int opcode) {
        return switch (opcode) {
            case FLUSH -> "Flush";
            case WRITE -> "Write";
            case READ -> "Read";
            case WRITE_ZEROES -> "Write Zeroes";
            case DATASET_MANAGEMENT -> "Dataset Management";
            default -> "NVM opcode " + Integer.toHexString(opcode) + "h";
        };
    }
}
