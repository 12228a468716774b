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

    @ErrorCode("UNAUTHORIZED")
    public static class Unauthorized extends RuntimeException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    @ErrorCode("FORBIDDEN")
    public static class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }

    @ErrorCode("VALIDATION")
    public static class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    @ErrorCode("DATABASE_UNAVAILABLE")
    public static class DatabaseUnavailable extends RuntimeException {
        public DatabaseUnavailable() {
            super("The graph database is unavailable; try again shortly");
        }
    }

    @ErrorCode("TIMEOUT")
    public static class Timeout extends RuntimeException {
        public Timeout(java.time.Duration limit) {
            super("The request ran longer than " + limit.toMillis() + " ms and was cancelled");
        }
    }
}
