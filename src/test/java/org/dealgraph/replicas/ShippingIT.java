package org.dealgraph.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** What ships: the Kubernetes manifests `package` generated, and the production build's dependencies. */
class ShippingIT {

    @Test
    void kubernetesRunsTwoReplicasWithProbesAndTheirSecret() throws Exception {
        var file = Path.of("target/kubernetes/kubernetes.yml");
        assertTrue(Files.isRegularFile(file), "package generates " + file);
        var documents = new ArrayList<JsonNode>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            new ObjectMapper().readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        var deployment = documents.stream().filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertEquals(2, deployment.at("/spec/replicas").asInt());
        var container = deployment.at("/spec/template/spec/containers/0");
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        var secrets = new ArrayList<String>();
        container.path("envFrom").forEach(e -> secrets.add(e.at("/secretRef/name").asText()));
        assertEquals(List.of("dealgraph"), secrets, "NEO4J_* and the tokens come from the Secret 'dealgraph'");
        assertTrue(documents.stream().anyMatch(d -> "Service".equals(d.path("kind").asText())));
    }

    @Test
    void theProductionBuildHasNoNeo4jServer() throws Exception {
        var output = Path.of("target/production-dependencies.txt");
        Files.deleteIfExists(output);
        var mvnw = Path.of(System.getProperty("os.name").startsWith("Windows") ? "mvnw.cmd" : "mvnw").toAbsolutePath();
        var log = Path.of("target/production-dependencies.log");
        var process = new ProcessBuilder(List.of(mvnw.toString(), "-B", "-q", "dependency:list", "-Ddealgraph.embedded=false",
                "-DincludeScope=runtime", "-DoutputFile=" + output.toAbsolutePath())).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "dependency:list finished");
        assertEquals(0, process.exitValue(), Files.exists(log) ? Files.readString(log) : "");
        var dependencies = Files.readString(output);
        assertTrue(dependencies.contains("org.neo4j.driver:neo4j-java-driver"), dependencies);
        assertFalse(dependencies.matches("(?s).*\\borg\\.neo4j:neo4j:jar.*"), "the Neo4j server is in the production build:\n" + dependencies);
        assertFalse(dependencies.contains("org.neo4j:neo4j-kernel"), dependencies);
    }
}
