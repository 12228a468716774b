package org.dealgraph.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Live subscriptions over WebSocket: how many one socket and one client may hold. */
@ConfigMapping(prefix = "dealgraph.graphql.subscriptions")
public interface SubscriptionsConfig {

    /** Subscriptions one socket may hold at once. */
    @WithDefault("20")
    int maxPerSocket();

    /** Subscriptions one client (who signed in, or its address) may hold at once over all its sockets. */
    @WithDefault("100")
    int maxPerClient();
}
