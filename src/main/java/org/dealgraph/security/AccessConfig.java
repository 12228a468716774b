package org.dealgraph.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Who may write: bearer tokens (API keys) for curators, and for readers who authenticate but may not write. */
@ConfigMapping(prefix = "dealgraph.auth")
public interface AccessConfig {

    /** Tokens that carry the {@code curator} role: they may record, amend and load deals. */
    Optional<List<String>> curatorTokens();

    /** Tokens that authenticate without the curator role (their writes are forbidden). */
    Optional<List<String>> readerTokens();
}
