package org.dealgraph.graph;

import io.smallrye.graphql.api.ErrorCode;

/** The typed errors of the API; each carries its code in {@code extensions.code}. */
public final class ApiErrors {

    private ApiErrors() {
    }

    @ErrorCode("NOT_FOUND")
    public static class NotFound extends RuntimeException {
        public NotFound(String what, String id) {
            super("No " + what + " with id '" + id + "'");
        }
    }

    @ErrorCode("BAD_ARGUMENT")
    public static class BadArgument extends RuntimeException {
        public BadArgument(String argument, String problem) {
            super("Argument '" + argument + "' " + problem);
        }
    }

    @ErrorCode("NOT_APPLICABLE")
    public static class NotApplicable extends RuntimeException {
        public NotApplicable(String message) {
            super(message);
        }
    }
}
