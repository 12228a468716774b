package org.dealgraph.research;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.dealgraph.security.Callers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * How much researchers may ask of the database: a rate limit per client (SmallRye Fault Tolerance's rate limiter,
 * one per signed-in identity or address), a cap on statements and exports running at once over all clients (no
 * queue), and a smaller cap per client, so that one client's slow statements cannot take every slot.
 */
@ApplicationScoped
public class ResearchLimits {

    /** Refused by a limit; {@code retryAfterSeconds} is what the 429's {@code Retry-After} says. */
    public static final class Refused extends RuntimeException {
        private final String limit;
        private final long retryAfterSeconds;

        Refused(String limit, String message, long retryAfterSeconds) {
            super(message);
            this.limit = limit;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public String limit() {
            return limit;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final CypherConfig config;
    private final Semaphore concurrency;
    private final Cache<String, Guard> perClient;
    private final Cache<String, Semaphore> runningPerClient;

    ResearchLimits(CypherConfig config) {
        this.config = config;
        this.concurrency = new Semaphore(config.maxConcurrent());
        // Clients seen within two windows keep their limiter; the oldest go first past 100,000 clients.
        this.perClient = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(config.rateWindow().multipliedBy(2)).build();
        // A client's share of the slots, below the total: one client with slow statements leaves the others room.
        this.runningPerClient = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(config.rateWindow().multipliedBy(2)).build();
    }

    private int share() {
        return Math.max(1, Math.min(config.maxConcurrentPerClient(), config.maxConcurrent()));
    }

    /**
     * A body over the endpoint's size is refused before it is read (the service-wide limit is the deal files'): by its
     * Content-Length, or, sent in chunks, as soon as it passes the size.
     */
    void limitBody(@Observes Router router) {
        long max = config.maxBodySize().asLongValue();
        router.route(HttpMethod.POST, "/cypher").order(-200).handler(context -> {
            var length = context.request().getHeader("Content-Length");
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > max || declared < 0 && context.request().getHeader("Transfer-Encoding") != null) {
                context.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                        .end("{\"error\":{\"code\":\"LIMIT_EXCEEDED\",\"limit\":\"bodySize\",\"maximum\":" + max
                                + ",\"message\":\"The request body is larger than " + max + " bytes (or sent in chunks, without a "
                                + "Content-Length): send the statement and its parameters in at most that\"}}");
                return;
            }
            context.next();
        });
    }

    /** A statement's or an export's place within the limits, held until it has ended. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Admits one statement or export of {@code client} now, or refuses it: past the client's rate, or with its share
     * of the slots or all of them taken. Exports stream for longer than a statement runs and take the same slots.
     */
    public Permit admit(String client) {
        var rate = perClient.get(client, key -> Guard.create().withDescription("cypher-rate")
                .withRateLimit().limit(config.rateLimit()).window(config.rateWindow().toMillis(), ChronoUnit.MILLIS).done().build());
        try {
            rate.call(() -> Boolean.TRUE, Boolean.class);
        } catch (RateLimitException e) {
            var seconds = Math.max(1, (e.getRetryAfterMillis() + 999) / 1000);
            throw new Refused("rate", "More than " + config.rateLimit() + " statements in " + config.rateWindow().toSeconds()
                    + " s from this client; try again in " + seconds + " s", seconds);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        var running = runningPerClient.get(client, key -> new Semaphore(share()));
        if (!running.tryAcquire()) {
            throw new Refused("client-concurrency", "This client has " + share() + " statements running already (its share of "
                    + config.maxConcurrent() + "); try again when one ends", 1);
        }
        if (!concurrency.tryAcquire()) {
            running.release();
            throw new Refused("concurrency", config.maxConcurrent() + " statements are running already; try again shortly", 1);
        }
        var released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                concurrency.release();
                running.release();
            }
        };
    }

    /**
     * Who a limit counts against: who signed in, when a credential verified; otherwise its address. Never the header's
     * text: spaces after "Bearer" or a junk header beside a valid one would each be a fresh client.
     */
    static String client(Callers callers, HttpServerRequest http) {
        var signedIn = callers.signedIn();
        if (signedIn.isPresent()) {
            return "identity:" + signedIn.get();
        }
        var address = http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return "address:" + address;
    }

    public <T> T call(String client, Callable<T> statement) throws Exception {
        try (var permit = admit(client)) {
            return statement.call();
        }
    }
}
