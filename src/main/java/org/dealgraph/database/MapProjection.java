package org.dealgraph.database;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Cypher map projection such as {@code a {.id, .title, parties: [...]}}, or a map literal when it has no variable,
 * built from typed entries: the one place where projections become text.
 */
public record MapProjection(String variable, List<Entry> entries) {

    public sealed interface Entry permits AllProperties, Property, Computed {
    }

    /** {@code .*}: every property of the node. */
    public record AllProperties() implements Entry {
    }

    /** {@code .name}: one property. */
    public record Property(String name) implements Entry {
    }

    /** {@code key: expression}, the expression being Cypher (a nested projection, a pattern comprehension...). */
    public record Computed(String key, String expression) implements Entry {
    }

    public static MapProjection of(String variable, List<String> properties) {
        return new MapProjection(variable, properties.stream().<Entry>map(Property::new).toList());
    }

    public static MapProjection literal(List<Entry> entries) {
        return new MapProjection("", entries);
    }

    public MapProjection with(Entry entry) {
        var more = new ArrayList<>(entries);
        more.add(entry);
        return new MapProjection(variable, more);
    }

    public String cypher() {
        var body = entries.stream().map(MapProjection::cypher).collect(Collectors.joining(", "));
        return (variable.isEmpty() ? "" : variable + " ") + "{" + body + "}";
    }

    private static String cypher(Entry entry) {
        if (entry instanceof Property property) {
            return "." + property.name();
        }
        if (entry instanceof Computed computed) {
            return computed.key() + ": " + computed.expression();
        }
        return ".*";
    }
}
