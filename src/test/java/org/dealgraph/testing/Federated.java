package org.dealgraph.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service as an Apollo Federation 2 subgraph ({@code dealgraph.federation.enabled}). */
public class Federated implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dealgraph.federation.enabled", "true");
    }
}
