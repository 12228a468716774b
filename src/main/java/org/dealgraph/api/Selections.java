package org.dealgraph.api;

import java.util.ArrayList;
import java.util.List;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import io.smallrye.graphql.api.Context;

/** What the current GraphQL field selects, so that a resolver reads only what is asked for. */
public final class Selections {

    private Selections() {
    }

    /**
     * The selection of the field being resolved; null (read everything) when it is not known. Its {@code getFields()}
     * answers nothing (SmallRye would render it as JSON on every call: FieldFetchers); read the immediate fields,
     * {@code contains} or the sub-selections of a selected field.
     */
    public static DataFetchingFieldSelectionSet of(Context context) {
        try {
            return context.unwrap(DataFetchingEnvironment.class).getSelectionSet();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** For a connection: the row fields selected under {@code nodes} and under {@code edges { node }}. */
    public static List<SelectedField> rowFields(DataFetchingFieldSelectionSet connection) {
        var fields = new ArrayList<SelectedField>();
        for (var field : connection.getImmediateFields()) {
            if (field.getName().equals("nodes")) {
                fields.addAll(field.getSelectionSet().getImmediateFields());
            } else if (field.getName().equals("edges")) {
                field.getSelectionSet().getImmediateFields().stream().filter(f -> f.getName().equals("node"))
                        .forEach(node -> fields.addAll(node.getSelectionSet().getImmediateFields()));
            }
        }
        return fields;
    }

    /** Whether a connection's {@code totalCount} is asked for (true when the selection is not known). */
    public static boolean countsRows(DataFetchingFieldSelectionSet selection) {
        return selection == null || selection.contains("totalCount");
    }
}
