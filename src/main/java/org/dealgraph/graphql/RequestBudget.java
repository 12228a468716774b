package org.dealgraph.graphql;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.FetchedValue;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLTypeUtil;

/**
 * What a request may spend while it runs, whatever its cost was estimated at: rows (objects) and bytes in its answer,
 * counted as the engine completes each field, and one deadline for the whole request. Once a bound is passed, every
 * field not yet read answers null without running its resolver (no more Cypher, no more completion), and the answer
 * becomes one {@code LIMIT_EXCEEDED} error with the {@code limit} passed ({@code rows}, {@code bytes} or
 * {@code timeout}), its maximum and what was measured, and no data: a partial answer past a bound is not an answer.
 * <p>
 * Its field hooks are called by {@link OperationInstrumentation} directly, so the rest of the chain stays at the
 * operation level.
 */
final class RequestBudget extends SimplePerformantInstrumentation {

    private static final Object KEY = RequestBudget.class;
    private static final DataFetcher<Object> NOTHING = environment -> null;

    private final long maxRows;
    private final long maxBytes;
    private final Duration timeout;

    RequestBudget(long maxRows, long maxBytes, Duration timeout) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** A request's spending so far, kept in its GraphQL context. */
    static final class Spent {
        private final long maxRows;
        private final long maxBytes;
        private final long deadline;
        private final long timeoutMillis;
        final AtomicLong rows = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        volatile GraphQLError exceeded;

        Spent(long maxRows, long maxBytes, Duration timeout) {
            this.maxRows = maxRows;
            this.maxBytes = maxBytes;
            this.timeoutMillis = timeout.toMillis();
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        void rows(long count) {
            var now = rows.addAndGet(count);
            if (now > maxRows && exceeded == null) {
                exceeded = error("rows", "The answer grew past " + maxRows + " rows (objects) while it was read; ask for smaller "
                        + "pages, fewer nested lists or fewer aliases", maxRows, now);
            }
        }

        void bytes(long count) {
            var now = bytes.addAndGet(count);
            if (now > maxBytes && exceeded == null) {
                exceeded = error("bytes", "The answer grew past " + maxBytes + " bytes while it was read; ask for fewer rows or fields",
                        maxBytes, now);
            }
        }

        boolean pastDeadline() {
            if (exceeded == null && System.nanoTime() - deadline > 0) {
                exceeded = error("timeout", "The request ran longer than " + timeoutMillis + " ms and was stopped", timeoutMillis,
                        null);
            }
            return exceeded != null;
        }
    }

    private static GraphQLError error(String limit, String message, long maximum, Long measured) {
        return GraphqlErrorBuilder.newError().message(message).errorType(ErrorType.ExecutionAborted)
                .extensions(RequestLimits.extensions(limit, maximum, measured)).build();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        parameters.getGraphQLContext().put(KEY, new Spent(maxRows, maxBytes, timeout));
        return null;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Spent spent = parameters.getGraphQLContext().get(KEY);
        if (spent == null || spent.exceeded == null) {
            return CompletableFuture.completedFuture(result);
        }
        GraphQLOverHttp.requestError();
        return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult().addError(spent.exceeded).build());
    }

    // Called by a plain ChainedInstrumentation, should another member make OperationInstrumentation fall back to one.
    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return fetching(dataFetcher, parameters);
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        completing(parameters, false);
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        completing(parameters, true);
        return null;
    }

    private static Spent spent(GraphQLContext context) {
        return context == null ? null : context.get(KEY);
    }

    /** Before a field is read: nothing more runs once a bound is passed; a resolver (not a record's field) checks the clock. */
    static DataFetcher<?> fetching(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters) {
        var spent = spent(parameters.getExecutionContext().getGraphQLContext());
        if (spent == null) {
            return fetcher;
        }
        if (spent.exceeded != null || !parameters.isTrivialDataFetcher() && spent.pastDeadline()) {
            return NOTHING;
        }
        return fetcher;
    }

    /** As a field's value is completed: an object is a row, a list's elements are rows, a leaf's text is bytes. */
    static void completing(InstrumentationFieldCompleteParameters parameters, boolean list) {
        var spent = spent(parameters.getExecutionContext().getGraphQLContext());
        if (spent == null || spent.exceeded != null) {
            return;
        }
        var value = parameters.getFetchedValue();
        if (value instanceof FetchedValue fetched) {
            value = fetched.getFetchedValue();
        }
        if (value == null) {
            return;
        }
        var field = parameters.getField();
        var leaf = GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(field.getType()));
        if (list) {
            long size = value instanceof Collection<?> collection ? collection.size() : 1;
            if (leaf) {
                spent.bytes(field.getName().length() + 4L + size * 8L);
            } else {
                spent.rows(size);
            }
        } else if (leaf) {
            spent.bytes(field.getName().length() + 4L + (value instanceof CharSequence text ? text.length() + 2L : 8L));
        } else if (!GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(field.getType()))) {
            spent.rows(1);
        }
    }
}
