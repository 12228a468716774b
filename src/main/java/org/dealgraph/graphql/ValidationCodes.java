package org.dealgraph.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dealgraph.value.Numbers;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorClassification;

/**
 * Errors found before a resolver ran carry no code of their own: the engine's (unknown fields, wrong argument
 * types, variables that do not coerce) get {@code GRAPHQL_VALIDATION_FAILED}, as the GraphQL-over-HTTP answers
 * for {@code application/graphql-response+json} clients already say; an argument that breaks a Bean Validation
 * constraint ({@code first: -1}) gets {@code BAD_ARGUMENT}, like the arguments the resolvers check themselves.
 */
final class ValidationCodes extends SimplePerformantInstrumentation {
    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (result.getData() == null && !result.getErrors().isEmpty()) {
            GraphQLOverHttp.requestError();
        }
        if (result.getErrors().stream().noneMatch(ValidationCodes::lacksCode)) {
            return CompletableFuture.completedFuture(result);
        }
        var errors = result.getErrors().stream().map(e -> lacksCode(e) ? withCode(e) : e).toList();
        return CompletableFuture.completedFuture(
                ExecutionResultImpl.newExecutionResult().from(result).errors(errors).build());
    }

    private static boolean lacksCode(GraphQLError error) {
        if (wrongLiteral(error) != null) {
            return true;
        }
        return error.getErrorType() != null && "ValidationError".equals(error.getErrorType().toString())
                && (error.getExtensions() == null || !error.getExtensions().containsKey("code"));
    }

    /**
     * A literal that SmallRye's scalars cannot read ({@code first: "ten"}) fails while fetching, and SmallRye
     * would say only "System error".
     */
    private static RuntimeException wrongLiteral(GraphQLError error) {
        return error instanceof ExceptionWhileDataFetching fetching
                && (fetching.getException() instanceof CoercingParseLiteralException
                || fetching.getException() instanceof CoercingParseValueException)
                ? (RuntimeException) fetching.getException() : null;
    }

    /** SmallRye writes the extensions of graphql-java's ValidationError, so the error is given as one. */
    private static GraphQLError withCode(GraphQLError error) {
        var literal = wrongLiteral(error);
        if (literal != null) {
            var path = error.getPath() == null ? List.<String>of() : error.getPath().stream().map(String::valueOf).toList();
            return ValidationError.newValidationError().validationErrorType(Invalid.ARGUMENT)
                    .description("An argument of " + String.join(".", path) + " has the wrong type: " + literal.getMessage())
                    .sourceLocations(error.getLocations()).queryPath(path)
                    .extensions(Map.of("code", "BAD_ARGUMENT")).build();
        }
        var beanValidation = error.getClass().getSimpleName().equals("BeanValidationError");
        var extensions = new LinkedHashMap<String, Object>();
        // A number past the bounds every decimal from outside has (Numbers) is a bad argument, not a wrong type.
        var outOfBounds = String.valueOf(error.getMessage()).contains(Numbers.BOUND);
        extensions.put("code", beanValidation || outOfBounds ? "BAD_ARGUMENT" : "GRAPHQL_VALIDATION_FAILED");
        var path = error.getPath() == null ? List.<String>of() : error.getPath().stream().map(String::valueOf).toList();
        var builder = ValidationError.newValidationError().description(error.getMessage()).sourceLocations(error.getLocations())
                .queryPath(path).extensions(extensions);
        builder.validationErrorType(error instanceof ValidationError validation && validation.getValidationErrorType() != null
                ? validation.getValidationErrorType() : beanValidation ? Invalid.ARGUMENT : Invalid.VARIABLES);
        return builder.build();
    }

    enum Invalid implements ValidationErrorClassification {
        ARGUMENT, VARIABLES
    }
}
