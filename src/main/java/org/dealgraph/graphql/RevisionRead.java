package org.dealgraph.graphql;

import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;

import org.dealgraph.api.PinnedRevision;
import org.dealgraph.database.GraphRevision;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.quarkus.arc.Arc;

/**
 * Every response names the graph revision it was answered from, in {@code extensions.revision} ({@code epoch} and
 * {@code number}, as the ETag knows them): a report can cite the revision behind a figure. It is the revision this
 * replica knew when the request began (a load committing while the request runs may already show in its answer),
 * or the revision a resolver pinned its answer to ({@link PinnedRevision}).
 */
final class RevisionRead extends SimplePerformantInstrumentation {

    static final String EXTENSION = "revision";

    private volatile GraphRevision revisions;

    /** The revision when the request began. */
    record Began(GraphRevision.Revision revision) implements InstrumentationState {
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        var known = revisions();
        return CompletableFuture.completedFuture(new Began(known == null ? null : known.current()));
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        PinnedRevision pinned = parameters.getGraphQLContext() == null ? null : parameters.getGraphQLContext().get(PinnedRevision.KEY);
        var read = pinned != null ? new GraphRevision.Revision(pinned.epoch(), pinned.number())
                : state instanceof Began began ? began.revision() : null;
        if (read == null) {
            return CompletableFuture.completedFuture(result);
        }
        var revision = new LinkedHashMap<String, Object>();
        revision.put("epoch", read.epoch());
        revision.put("number", read.number());
        if (pinned != null) {
            revision.put("pinned", true);
        }
        return CompletableFuture.completedFuture(result.transform(b -> b.addExtension(EXTENSION, revision)));
    }

    private GraphRevision revisions() {
        var known = revisions;
        if (known == null) {
            // Built by SmallRye's service loader before CDI hands out beans to it; looked up once, on first use.
            // After a live reload in dev mode an engine step built by the old class loader finds no bean of its own
            // GraphRevision class: the answer then goes without extensions.revision rather than failing.
            known = Arc.container().instance(GraphRevision.class).get();
            revisions = known;
        }
        return known;
    }
}
