package org.dealgraph.database;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The locks replicas take in the graph for startup work (migrations, seed): see {@link GraphLease}. */
@ConfigMapping(prefix = "dealgraph.startup-lock")
public interface StartupLockConfig {

    /** How long a lock lasts if its holder dies without releasing it. */
    @WithDefault("2m")
    Duration lease();

    /** How long a replica waits for another's lock before it stops starting, saying who holds it. */
    @WithDefault("3m")
    Duration waitFor();
}
