package org.dealgraph.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Reads {@code Authorization: Bearer <token>} (or {@code X-API-Key: <token>}); no header means anonymous. */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private final TokenIdentityProvider tokens;

    BearerTokenMechanism(TokenIdentityProvider tokens) {
        this.tokens = tokens;
    }

    /** A signed JWT is SmallRye JWT's to verify (its mechanism comes next); configured tokens are ours, tried first. */
    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return token(context).filter(token -> !TokenIdentityProvider.isJwt(token) || tokens.isStatic(token))
                .map(token -> identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer"))))
                .orElseGet(() -> Uni.createFrom().optional(Optional.empty()));
    }

    @Override
    public int getPriority() {
        return 2000;
    }

    private static Optional<String> token(RoutingContext context) {
        var authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        var apiKey = context.request().getHeader("X-API-Key");
        return Optional.ofNullable(apiKey).map(String::strip);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"dealgraph\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
