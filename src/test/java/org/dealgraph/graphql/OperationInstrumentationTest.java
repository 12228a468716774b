package org.dealgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import io.smallrye.graphql.execution.QueryCache;

/** The request's instrumentations skip the per-field hooks only when none of them uses one. */
class OperationInstrumentationTest {

    @Test
    void ourLimitsCodesAndSmallRyesCacheLookAtOperationsOnly() {
        var chain = OperationInstrumentation.of(List.of(new EngineAllowList(), new RequestLimits.Depth(10), new RequestLimits.Cost(100, 3),
                new ValidationCodes(), new RequestBudget(100, 1000, java.time.Duration.ofSeconds(1)),
                new ChainedInstrumentation(List.of(new QueryCache()))));
        assertInstanceOf(OperationInstrumentation.class, chain, "the budget's field hooks are called by the chain itself");
        assertEquals(6, ((ChainedInstrumentation) chain).getInstrumentations().size(), "the nested chain is flattened");
    }

    @Test
    void theChainOfOneEngineStepWithinTheNextsStaysAtTheOperationLevel() {
        var limits = OperationInstrumentation.of(List.of(new EngineAllowList(), new ValidationCodes(),
                new RequestBudget(100, 1000, java.time.Duration.ofSeconds(1)), new ChainedInstrumentation(List.of(new QueryCache()))));
        var metrics = OperationInstrumentation.of(List.of(new OperationMetrics.Measure(), new RevisionRead(), limits));
        assertInstanceOf(OperationInstrumentation.class, metrics, "no member left that looks at fields");
        assertEquals(6, ((ChainedInstrumentation) metrics).getInstrumentations().size(), "our own inner chain is flattened too");
        var reversed = OperationInstrumentation.of(List.of(new EngineAllowList(), OperationInstrumentation.of(List.of(new OperationMetrics.Measure()))));
        assertInstanceOf(OperationInstrumentation.class, reversed);
    }

    @Test
    void aMemberThatWatchesFieldsKeepsThePlainChain() {
        var tracing = new SimplePerformantInstrumentation() {
            @Override
            public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                return FieldFetchingInstrumentationContext.NOOP;
            }
        };
        assertFalse(OperationInstrumentation.operationLevelOnly(tracing));
        var chain = OperationInstrumentation.of(List.of(new ValidationCodes(), tracing));
        assertTrue(chain.getClass() == ChainedInstrumentation.class, chain.getClass().getName());
    }
}
