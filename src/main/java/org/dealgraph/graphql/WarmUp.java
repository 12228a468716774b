package org.dealgraph.graphql;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.dealgraph.api.LargeLoadCommitted;
import org.dealgraph.database.SampleFacts;
import org.dealgraph.seed.SeedLoader;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * The service answers at full speed from its first request: before it reports ready, it asks itself over HTTP what
 * frontends ask most — an agreement with its parties, a company with its agreements, their parties and sources, a
 * page sorted by amount — about the companies party to the most agreements in turn ({@code SampleFacts}: the JIT
 * compiles for the shapes it sees), at least {@code dealgraph.warm-up.requests} times and, with
 * {@code dealgraph.warm-up.until-compiled}, then on until the JIT's compilers spend less than
 * {@code dealgraph.warm-up.compiling-share} of their time compiling ({@link Compilation}), for
 * at most {@code dealgraph.warm-up.seconds}: the JIT has then compiled the path through HTTP, GraphQL, the driver and
 * Neo4j, and Neo4j has planned the statements. After a large load ({@code HeapAfterLoad}) it asks each a few times
 * again: a load changes the statistics Neo4j's plans were made on.
 * Readiness ({@code /q/health/ready}) is DOWN until the first warm-up is over; 0 requests leave it out.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    static final String LOOK_UP = "query($id: ID!) { agreement(id: $id) { id title kind announced { text } money { text } "
            + "parties { role company { id name } } sources { confidence source { id url publisher } } } }";
    static final String NESTED = "query($id: ID!) { company(id: $id) { id name agreements(first: 20) { id title kind "
            + "parties { role company { id name } } sources { confidence source { url } } } } }";
    static final String PAGE = "{ agreements(first: 20, orderBy: AMOUNT, direction: DESC) { totalCount edges { cursor "
            + "node { id title money { text } parties { company { name } } } } } }";

    /**
     * Reads as known plan statements several times the size of today's (seconds each on a cold planner): each asked
     * once, one request per statement, beside the common questions, so that a user's first {@code knownAsOf} request
     * finds them planned. Only by a warm-up of at least {@link #AS_KNOWN_FROM} requests.
     */
    static final List<String> AS_KNOWN = List.of(
            "query($id: ID!, $at: DateTime) { agreement(id: $id, knownAsOf: $at) { id title products { id } tranches { label } "
                    + "sources { claim } amends { agreementId } amendedBy { agreementId } } }",
            "query($company: ID!, $at: DateTime) { company(id: $company, knownAsOf: $at) { id agreements(knownAsOf: $at) { id } } }",
            "query($party: String!, $at: DateTime) { timeline(company: $party, knownAsOf: $at) { kind } }",
            "query($party: String!, $at: DateTime) { agreements(knownAsOf: $at, filter: {party: $party}, first: 20) { edges { node { id } } } }");

    private static final int AFTER_LOAD = 30;

    /** Companies (and an agreement of each) the warm-up asks about in turn: the richest ({@code SampleFacts}). */
    private static final int SAMPLES = 4;

    /** A warm-up this small (the packaged services of the tests ask 30) leaves the reads as known unasked. */
    private static final int AS_KNOWN_FROM = 500;

    private final SampleFacts samples;
    private final int requests;
    private final Duration limit;
    private final boolean untilCompiled;
    private final double compilingShare;
    private volatile int port = -1;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean ready;
    private volatile int asked;
    private volatile String endedBy = "";

    WarmUp(SampleFacts samples, @ConfigProperty(name = "dealgraph.warm-up.requests", defaultValue = "2000") int requests,
            @ConfigProperty(name = "dealgraph.warm-up.seconds", defaultValue = "120") int seconds,
            @ConfigProperty(name = "dealgraph.warm-up.until-compiled", defaultValue = "true") boolean untilCompiled,
            @ConfigProperty(name = "dealgraph.warm-up.compiling-share", defaultValue = "0.5") double compilingShare) {
        this.samples = samples;
        this.requests = requests;
        this.limit = Duration.ofSeconds(seconds);
        this.untilCompiled = untilCompiled;
        this.compilingShare = compilingShare;
        this.ready = requests <= 0;
        this.endedBy = ready ? "off" : "";
    }

    /** The port the service listens on, as the HTTP server says once it has started. */
    void onHttp(@Observes HttpServerStart start) {
        port = start.options().getPort();
    }

    private int port() {
        // The HTTP server may have started before this bean observed it: its configured port then.
        return port > 0 ? port : ConfigProvider.getConfig().getOptionalValue(
                LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port", Integer.class).orElse(8080);
    }

    void onStart(@Observes @Priority(SeedLoader.RUNS_AFTER_MIGRATIONS + 10) StartupEvent event) {
        start("start", requests, untilCompiled);
    }

    /**
     * Asks each common question a few times again, in the background (a large load has committed): enough for Neo4j
     * to replan them on the new statistics, not so many that the warm-up competes with the users it is for.
     */
    void again(@Observes LargeLoadCommitted load) {
        start("load", Math.min(requests, AFTER_LOAD), false);
    }

    private void start(String after, int requests, boolean untilCompiled) {
        if (requests <= 0 || !running.compareAndSet(false, true)) {
            return;
        }
        var thread = new Thread(() -> {
            try {
                run(after, requests, untilCompiled);
            } catch (RuntimeException | InterruptedException e) {
                LOG.warnf("warm-up after %s stopped: %s", after, e.toString());
            } finally {
                ready = true;
                running.set(false);
            }
        }, "dealgraph-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String after, int requests, boolean untilCompiled) throws InterruptedException {
        long started = System.nanoTime();
        var deadline = started + limit.toNanos();
        // The HTTP server may start listening after the startup observers have run.
        while (!listening()) {
            if (System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(100);
        }
        var richest = samples.richest(SAMPLES);
        if (richest.isEmpty()) {
            endedBy = "nothing to ask";
            return;
        }
        var agreement = richest.get(0).agreement();
        var company = richest.get(0).company();
        var bodies = new java.util.ArrayList<String>();
        for (var sample : richest) {
            bodies.add(body(LOOK_UP, Map.of("id", sample.agreement())));
            bodies.add(body(NESTED, Map.of("id", sample.company())));
            bodies.add(body(PAGE, Map.of()));
        }
        // HTTP/1.1 as browsers and most clients send over plain http: the default would upgrade to h2c, and the JIT
        // would have compiled Vert.x's HTTP/2 path instead of the one users take.
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        var uri = URI.create("http://127.0.0.1:" + port() + "/graphql");
        // Two clients at once, as a frontend's users are: the JIT sees the concurrent paths too.
        var sent = new java.util.concurrent.atomic.AtomicInteger();
        var compilation = untilCompiled ? Compilation.ofThisJvm(compilingShare) : null;
        var outOfTime = new AtomicBoolean();
        Runnable client = () -> {
            for (int i; (i = sent.getAndIncrement()) < requests || compilation != null && compilation.busy(); ) {
                if (System.nanoTime() >= deadline) {
                    outOfTime.set(true);
                    return;
                }
                try {
                    ask(http, uri, bodies.get(i % bodies.size()), Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
        var second = new Thread(client, "dealgraph-warm-up-2");
        second.start();
        // Planned beside the common questions, before readiness: planned after it, they took most of a core from
        // the first users for ten seconds and more (measured on two cores).
        var asKnown = new Thread(() -> {
            if (requests < AS_KNOWN_FROM) {
                return;
            }
            var known = Map.<String, Object>of("id", agreement, "company", company, "party", company, "at", java.time.OffsetDateTime.now().toString());
            for (var query : AS_KNOWN) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                try {
                    ask(http, uri, body(query, known), Duration.ofSeconds(15));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "dealgraph-warm-up-as-known");
        asKnown.start();
        client.run();
        second.join();
        asKnown.join();
        // Each client's last getAndIncrement counted a request it did not send.
        int n = Math.max(0, sent.get() - 2);
        asked = n;
        endedBy = outOfTime.get() ? "seconds" : n > requests ? "compiled" : "requests";
        LOG.infof("warmed up after %s: %d requests in %d ms (ended by %s)", after, n, (System.nanoTime() - started) / 1_000_000, endedBy);
        ready = true;
    }

    /** Sends one warm-up question; its answer is discarded, and a request that fails is only logged. */
    private static void ask(HttpClient http, URI uri, String body, Duration timeout) throws InterruptedException {
        var request = HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(timeout).build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            LOG.debugf("warm-up request failed: %s", e);
        }
    }

    private boolean listening() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private String body(String query, Map<String, Object> variables) {
        try {
            return json.writeValueAsString(Map.of("query", query, "variables", variables));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(ready).withData("requests", asked).withData("endedBy", endedBy).build();
    }
}
