package org.dealgraph.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
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

    @ErrorCode("CONFLICT")
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
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

    /** A limit met while a request ran (not one checked before it): the limit's name and its maximum, as every limit error says. */
    @ErrorCode("LIMIT_EXCEEDED")
    public static class LimitExceeded extends RuntimeException implements GraphQLError {
        private final String limit;
        private final long maximum;

        public LimitExceeded(String limit, String message, long maximum) {
            super(message);
            this.limit = limit;
            this.maximum = maximum;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("limit", limit, "maximum", Json.createValue(maximum));
        }

        @Override
        public List<SourceLocation> getLocations() {
            return null;
        }

        @Override
        public ErrorClassification getErrorType() {
            return ErrorType.ExecutionAborted;
        }
    }

    /** A request that met its time limit; {@code extensions} name the limit and its maximum, as every limit error does. */
    @ErrorCode("LIMIT_EXCEEDED")
    public static class Timeout extends LimitExceeded {
        public Timeout(Duration limit) {
            super("timeout", "The request ran longer than " + limit.toMillis() + " ms and was cancelled", limit.toMillis());
        }
    }
}
