package org.dealgraph.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** GraphQL over HTTP: a GET may only read. A mutation sent over GET is refused with 405 before it can run. */
@ApplicationScoped
public class GraphQLOverHttp {

    void install(@Observes Router router) {
        router.route(HttpMethod.GET, "/graphql").order(-100).handler(this::refuseMutationsOverGet);
    }

    private void refuseMutationsOverGet(RoutingContext context) {
        var query = context.request().getParam("query");
        if (query != null && isMutation(query, context.request().getParam("operationName"))) {
            context.response().setStatusCode(405).putHeader("Allow", "POST").putHeader("Content-Type", "application/json")
                    .end("{\"errors\":[{\"message\":\"Mutations are not allowed over GET; send them with POST\","
                            + "\"extensions\":{\"code\":\"METHOD_NOT_ALLOWED\"}}]}");
            return;
        }
        context.next();
    }

    private static boolean isMutation(String query, String operationName) {
        try {
            return Parser.parse(query).getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(op -> operationName == null || operationName.equals(op.getName()))
                    .anyMatch(op -> op.getOperation() == OperationDefinition.Operation.MUTATION
                            || op.getOperation() == OperationDefinition.Operation.SUBSCRIPTION);
        } catch (RuntimeException e) {
            // Not parseable: the GraphQL engine answers with its own parse error.
            return false;
        }
    }
}
