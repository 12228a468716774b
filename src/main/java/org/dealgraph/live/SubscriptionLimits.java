package org.dealgraph.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Multi;

/**
 * How many live subscriptions one WebSocket and one client may hold at once: each holds a place in the events'
 * fan-out until it ends, so a socket opening thousands would be served for all of them. A client is its address. Past either bound a subscription is refused with {@code LIMIT_EXCEEDED} at once.
 */
@ApplicationScoped
public class SubscriptionLimits {

    private final int perSocket;
    private final int perClient;
    private final Map<Object, AtomicInteger> sockets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> clients = new ConcurrentHashMap<>();

    SubscriptionLimits(SubscriptionsConfig config) {
        this.perSocket = config.maxPerSocket();
        this.perClient = config.maxPerClient();
    }

    /** The events, counted against the socket's and the client's bounds from now until the subscription ends. */
    public <T> Multi<T> bounded(Multi<T> events) {
        var request = Arc.container().instance(CurrentVertxRequest.class);
        var current = request.isAvailable() ? request.get().getCurrent() : null;
        // The upgrade request's connection is the socket: every subscription on it shares it.
        Object socket = current == null ? "unknown" : current.request().connection();
        // The resolver runs on the socket's event loop, where the identity cannot be resolved without blocking: a
        // socket's client is its address.
        var client = current == null || current.request().remoteAddress() == null ? "unknown" : current.request().remoteAddress().hostAddress();
        var onSocket = sockets.computeIfAbsent(socket, k -> new AtomicInteger());
        var ofClient = clients.computeIfAbsent(client, k -> new AtomicInteger());
        if (onSocket.incrementAndGet() > perSocket) {
            release(sockets, socket, onSocket);
            return Multi.createFrom().failure(new ApiErrors.LimitExceeded("subscriptionsPerSocket",
                    "This socket has " + perSocket + " subscriptions already; end one, or open another socket", perSocket));
        }
        if (ofClient.incrementAndGet() > perClient) {
            release(sockets, socket, onSocket);
            release(clients, client, ofClient);
            return Multi.createFrom().failure(new ApiErrors.LimitExceeded("subscriptionsPerClient",
                    "This client has " + perClient + " subscriptions already; end one first", perClient));
        }
        var released = new AtomicBoolean();
        return events.onTermination().invoke(() -> {
            if (released.compareAndSet(false, true)) {
                release(sockets, socket, onSocket);
                release(clients, client, ofClient);
            }
        });
    }

    private static <K> void release(Map<K, AtomicInteger> counts, K key, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            counts.remove(key, count);
        }
    }
}
