package org.dealgraph.graphql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.smallrye.graphql.spi.EventingService;

/**
 * One timer per GraphQL operation name and outcome, in Prometheus as {@code dealgraph_graphql_operations_seconds}:
 * how many, how long, how many failed. Operation names are the client's words, so a name gets a series of its own
 * only once an operation of that name has run (not refused) {@value #ADMIT_AFTER} times, and only the first
 * {@value #MAX_NAMES} such names: junk names (refused, invalid, or sent once each) stay {@code other} and cannot take
 * the slots of the operations the frontends really run. Unnamed operations are {@code anonymous}.
 */
public class OperationMetrics implements EventingService {

    static final String METRIC = "dealgraph.graphql.operations";
    static final int MAX_NAMES = 500;
    static final int ADMIT_AFTER = 3;
    private static final int MAX_CANDIDATES = 10_000;
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();
    /** Names seen to run, not yet admitted, with how often; forgotten all at once when it fills. */
    private static final Map<String, AtomicInteger> CANDIDATES = new ConcurrentHashMap<>();

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        var existing = builder.build().getInstrumentation();
        return builder.instrumentation(OperationInstrumentation.of(List.of(new Measure(), new RevisionRead(), existing)));
    }

    /** The label an operation of this name is counted under, given how it ended. */
    static String operation(String name, String outcome) {
        if (name == null || name.isBlank()) {
            return "anonymous";
        }
        if (!NAME.matcher(name).matches()) {
            return "other";
        }
        if (NAMES.contains(name)) {
            return name;
        }
        if (outcome.equals("refused") || NAMES.size() >= MAX_NAMES) {
            return "other";
        }
        if (CANDIDATES.size() >= MAX_CANDIDATES) {
            CANDIDATES.clear();
        }
        if (CANDIDATES.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() >= ADMIT_AFTER) {
            CANDIDATES.remove(name);
            if (NAMES.size() < MAX_NAMES && NAMES.add(name)) {
                return name;
            }
        }
        return "other";
    }

    /** Outcome: ok, error (data with errors, or a field failed), refused (no data: a limit or validation). */
    static String outcome(ExecutionResult result, Throwable failure) {
        if (failure != null || result == null) {
            return "error";
        }
        if (result.getErrors().isEmpty()) {
            return "ok";
        }
        return result.isDataPresent() ? "error" : "refused";
    }

    /** The operation's name as the document gives it, known once the operation is chosen. */
    static final class Named implements InstrumentationState {
        volatile String name;
    }

    static final class Measure extends SimplePerformantInstrumentation {
        @Override
        public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
            return CompletableFuture.completedFuture(new Named());
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            if (state instanceof Named named) {
                named.name = parameters.getExecutionContext().getOperationDefinition().getName();
            }
            return null;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            var started = System.nanoTime();
            return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
                var named = state instanceof Named n && n.name != null ? n.name : parameters.getOperation();
                var outcome = outcome(result, failure);
                Timer.builder(METRIC)
                        .description("GraphQL operations by name and outcome")
                        .tag("operation", operation(named, outcome))
                        .tag("outcome", outcome)
                        .register(Metrics.globalRegistry)
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            });
        }
    }
}
