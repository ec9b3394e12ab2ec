package org.sysmodels.vcpu.api;

import org.junit.jupiter.api.Test;

/**
 * PUT /network-interfaces as Firecracker answers it ({@code vmm_config/net.rs} {@code NetBuilder::build},
 * {@code utils/net/mac.rs}): a guest MAC another interface has is refused whatever its spelling, with main's
 * "Network config error: The MAC address is already in use: {mac}"; GET /vm/config shows the address as MacAddr's
 * Display writes it; the same interface may be configured again with its own address.
 */
class ApiNetworkInterfaceTest {

    @Test
    void aGuestMacInUseIsRefusedWhateverItsSpelling() throws Exception {
        try (ApiHarness h = new ApiHarness()) {
            h.expect("PUT", "/network-interfaces/net1", "{\"iface_id\": \"net1\", \"guest_mac\": "
                    + "\"06:00:AC:10:00:02\", \"host_dev_name\": \"tap0\"}", 204, null);
            h.expect("PUT", "/network-interfaces/net1", "{\"iface_id\": \"net1\", \"guest_mac\": "
                    + "\"06:00:ac:10:00:02\", \"host_dev_name\": \"tap0\"}", 204, null);
            h.expect("PUT", "/network-interfaces/net2", "{\"iface_id\": \"net2\", \"guest_mac\": "
                    + "\"06:00:ac:10:00:02\", \"host_dev_name\": \"tap1\"}", 400,
                    "{\"fault_message\":\"Network config error: The MAC address is already in use: 06:00:ac:10:00:02\"}");
            h.expect("GET", "/vm/config", null, 200, "\"guest_mac\":\"06:00:ac:10:00:02\"");
            h.expect("PUT", "/network-interfaces/net2", "{\"iface_id\": \"net2\", \"guest_mac\": "
                    + "\"06:00:AC:10:00\", \"host_dev_name\": \"tap1\"}", 400, "{\"fault_message\":\"An error occurred "
                    + "when deserializing the json body of a request: The provided MAC address is invalid. at line 1 "
                    + "column 50.\"}"); // after the address: a comma follows, which end_map does not consume
        }
    }
}
