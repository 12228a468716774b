package org.dealgraph.graphql;

import java.util.List;
import java.util.Map;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.quarkus.arc.Arc;

/**
 * The allow-list where every operation runs, whatever carried it: HTTP answers a document that is not registered with
 * 403 before the engine sees it, but a WebSocket's {@code subscribe} message reaches the engine directly, and a
 * mutation or an unregistered query sent there would run. Here the engine refuses any document the allow-list does
 * not hold, before it executes.
 */
final class EngineAllowList extends SimplePerformantInstrumentation {

    static final String CODE = "PERSISTED_QUERY_NOT_ALLOWED";

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var container = Arc.container();
        if (container == null) {
            return null;
        }
        var persisted = container.instance(PersistedQueries.class);
        if (!persisted.isAvailable() || !persisted.get().allowListOnly()) {
            return null;
        }
        var query = parameters.getExecutionContext().getExecutionInput().getQuery();
        if (!persisted.get().allowedInEngine(query)) {
            throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                    .message("Only registered queries run here: this document is not on the allow-list")
                    .errorType(ErrorType.ExecutionAborted).extensions(Map.of("code", CODE)).build()));
        }
        return null;
    }
}
