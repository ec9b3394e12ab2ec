package org.sysmodels.vcpu.api;

/**
 * A request refused: the text becomes the 400 answer's {@code fault_message}, as every {@code VmmActionError} and
 * request parsing error does in Firecracker ({@code parsed_request.rs}, {@code api_server/mod.rs}
 * {@code json_fault_message}). No stack trace: it is an answer, not a bug.
 */
final class ApiFault extends Exception {

    ApiFault(String message) {
        super(message, null, false, false);
    }
}
