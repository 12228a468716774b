package org.dealgraph.graphql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;

/**
 * The request's instrumentations (limits, error codes, SmallRye's query cache) chained at the level of the
 * operation only. graphql-java's {@link ChainedInstrumentation} asks every member about every field of every row —
 * five calls and a list per field, a quarter of the time of a request answering a few thousand fields — although
 * none of ours looks at fields but {@link RequestBudget}, whose field hooks it calls itself. {@link #of} falls back to
 * the plain chain when another member does look at them (a tracing instrumentation that SmallRye adds for federation, say).
 */
final class OperationInstrumentation extends ChainedInstrumentation {

    /** The per-object and per-field hooks this chain skips. */
    static final Set<String> FIELD_HOOKS = Set.of("beginExecuteObject", "beginDeferredField", "beginSubscribedFieldEvent",
            "beginFieldExecution", "beginFieldFetch", "beginFieldFetching", "beginFieldCompletion", "beginFieldListCompletion",
            "instrumentDataFetcher");

    private OperationInstrumentation(List<Instrumentation> members) {
        super(members);
    }

    /** The members, nested chains flattened, chained at the operation level when none of them looks at fields. */
    static Instrumentation of(List<Instrumentation> members) {
        var flat = new ArrayList<Instrumentation>();
        flatten(members, flat);
        return flat.stream().allMatch(m -> m instanceof RequestBudget || operationLevelOnly(m))
                ? new OperationInstrumentation(flat) : new ChainedInstrumentation(flat);
    }

    private static void flatten(List<Instrumentation> members, List<Instrumentation> into) {
        for (var member : members) {
            // Each of our engine steps chains what the step before it left: without flattening our own chain too,
            // the outer chain would find a member with field hooks and fall back to asking every member per field.
            if (member instanceof ChainedInstrumentation chain
                    && (member.getClass() == ChainedInstrumentation.class || member instanceof OperationInstrumentation)) {
                flatten(chain.getInstrumentations(), into);
            } else {
                into.add(member);
            }
        }
    }

    /** True when no class between the member's and graphql-java's do-nothing bases overrides a field hook. */
    static boolean operationLevelOnly(Instrumentation member) {
        for (Class<?> type = member.getClass(); type != SimplePerformantInstrumentation.class && type != SimpleInstrumentation.class;
                type = type.getSuperclass()) {
            if (type == null || type == Object.class) {
                return false; // not built on a do-nothing base: its field hooks may do something
            }
            for (Method method : type.getDeclaredMethods()) {
                if (FIELD_HOOKS.contains(method.getName())) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return ExecuteObjectInstrumentationContext.NOOP;
    }

    @Override
    public InstrumentationContext<Object> beginDeferredField(InstrumentationState state) {
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters, InstrumentationState state) {
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return FieldFetchingInstrumentationContext.NOOP;
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        RequestBudget.completing(parameters, false);
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        RequestBudget.completing(parameters, true);
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return RequestBudget.fetching(dataFetcher, parameters);
    }
}
