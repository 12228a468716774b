package org.dealgraph.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.dealgraph.api.ApiErrors;

import io.quarkus.arc.Arc;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: GraphQL reads stay open, writes need a curator's credential, researchers a reader's. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;

    Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * Who is writing, for the history: the signed-in curator's name, a static token's fingerprint, or {@code service}
     * for what the service writes with no caller (the shipped seed at startup).
     */
    public static String current() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return "service";
        }
        try {
            var identity = container.instance(SecurityIdentity.class).get();
            return identity.isAnonymous() ? "service" : identity.getPrincipal().getName();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Who signed in with a valid credential (a token's holder, a JWT's subject); empty for anonymous callers and
     * for credentials that did not verify, which limits then key on the address.
     */
    public Optional<String> signedIn() {
        try {
            if (identity.isAnonymous() || identity.getAttribute(TokenIdentityProvider.INVALID) != null) {
                return Optional.empty();
            }
            return Optional.of(identity.getPrincipal().getName());
        } catch (AuthenticationFailedException e) {
            return Optional.empty();
        }
    }

    public void requireCurator() {
        requireCredential("curator");
        if (!identity.hasRole(TokenIdentityProvider.CURATOR)) {
            throw new ApiErrors.Forbidden("Writing needs the curator role; this credential has " + identity.getRoles());
        }
    }

    /** A reader or curator token: what the researchers' Cypher endpoint asks for in production. */
    public void requireReader() {
        requireCredential("reader");
    }

    private void requireCredential(String kind) {
        boolean anonymous;
        try {
            anonymous = identity.isAnonymous();
        } catch (AuthenticationFailedException e) {
            throw new ApiErrors.Unauthorized("The credential is not valid: send 'Authorization: Bearer <" + kind + " token>'");
        }
        if (!anonymous && identity.getAttribute(TokenIdentityProvider.INVALID) != null) {
            throw new ApiErrors.Unauthorized("The credential is not valid: send 'Authorization: Bearer <" + kind + " token>'");
        }
        if (anonymous) {
            throw new ApiErrors.Unauthorized((kind.equals("curator") ? "Writing" : "This endpoint")
                    + " needs a credential: send 'Authorization: Bearer <" + kind + " token>'");
        }
    }
}
