package org.dealgraph.security;

import jakarta.enterprise.context.RequestScoped;

import org.dealgraph.graph.ApiErrors;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The write gate of the GraphQL API: reads stay open, writes need a curator's credential. */
@RequestScoped
public class Curators {

    private final SecurityIdentity identity;

    Curators(SecurityIdentity identity) {
        this.identity = identity;
    }

    public void requireCurator() {
        boolean anonymous;
        try {
            anonymous = identity.isAnonymous();
        } catch (AuthenticationFailedException e) {
            throw new ApiErrors.Unauthorized("The credential is not valid: send 'Authorization: Bearer <curator token>'");
        }
        if (!anonymous && identity.getAttribute(TokenIdentityProvider.INVALID) != null) {
            throw new ApiErrors.Unauthorized("The credential is not valid: send 'Authorization: Bearer <curator token>'");
        }
        if (anonymous) {
            throw new ApiErrors.Unauthorized("Writing needs a credential: send 'Authorization: Bearer <curator token>'");
        }
        if (!identity.hasRole(TokenIdentityProvider.CURATOR)) {
            throw new ApiErrors.Forbidden("Writing needs the curator role; this credential has " + identity.getRoles());
        }
    }
}
