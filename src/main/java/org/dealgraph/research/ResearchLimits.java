package org.dealgraph.research;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;

/**
 * How much researchers may ask of the database: a rate limit per client (SmallRye Fault Tolerance's rate limiter,
 * one per token or address) and a cap on statements running at once over all clients (its bulkhead, no queue).
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
    private final Guard concurrency;
    private final Cache<String, Guard> perClient;

    ResearchLimits(CypherConfig config) {
        this.config = config;
        this.concurrency = Guard.create().withDescription("cypher-concurrency")
                .withBulkhead().limit(config.maxConcurrent()).done().build();
        // Clients seen within two windows keep their limiter; the oldest go first past 100,000 clients.
        this.perClient = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(config.rateWindow().multipliedBy(2)).build();
    }

    public <T> T call(String client, Callable<T> statement) throws Exception {
        var rate = perClient.get(client, key -> Guard.create().withDescription("cypher-rate")
                .withRateLimit().limit(config.rateLimit()).window(config.rateWindow().toMillis(), ChronoUnit.MILLIS).done().build());
        try {
            Callable<Object> bounded = () -> concurrency.call(statement::call, Object.class);
            return cast(rate.call(bounded, Object.class));
        } catch (RateLimitException e) {
            var seconds = Math.max(1, (e.getRetryAfterMillis() + 999) / 1000);
            throw new Refused("rate", "More than " + config.rateLimit() + " statements in " + config.rateWindow().toSeconds()
                    + " s from this client; try again in " + seconds + " s", seconds);
        } catch (BulkheadException e) {
            throw new Refused("concurrency", config.maxConcurrent() + " statements are running already; try again shortly", 1);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
