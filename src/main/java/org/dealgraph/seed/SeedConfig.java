package org.dealgraph.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The seed deal files of {@code seed/deals/}. */
@ConfigMapping(prefix = "dealgraph.seed")
public interface SeedConfig {

    /** Whether the service loads them when it starts (idempotent: an unchanged graph stays as it is). */
    @WithDefault("true")
    boolean onStartup();
}
