package org.dealgraph.research;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Value;
import org.neo4j.driver.types.Entity;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;
import org.neo4j.driver.types.TypeSystem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders Cypher values as JSON faithfully: nodes with their element id, labels and properties; relationships with
 * type and ends; paths as their nodes and relationships; temporal values as ISO-8601 text; integers and floats as
 * numbers; money, which the graph keeps as exact decimal strings, stays a string.
 */
final class CypherValues {

    private CypherValues() {
    }

    static Object json(Value value) {
        var type = value.type();
        var types = TypeSystem.getDefault();
        if (value.isNull()) {
            return null;
        }
        if (type.equals(types.NODE())) {
            return node(value.asNode());
        }
        if (type.equals(types.RELATIONSHIP())) {
            return relationship(value.asRelationship());
        }
        if (type.equals(types.PATH())) {
            return path(value.asPath());
        }
        if (type.equals(types.LIST())) {
            return value.asList(CypherValues::json);
        }
        if (type.equals(types.MAP())) {
            var map = new LinkedHashMap<String, Object>();
            value.keys().forEach(k -> map.put(k, json(value.get(k))));
            return map;
        }
        if (type.equals(types.INTEGER())) {
            return value.asLong();
        }
        if (type.equals(types.FLOAT())) {
            var d = value.asDouble();
            return Double.isFinite(d) ? d : String.valueOf(d);
        }
        if (type.equals(types.BOOLEAN())) {
            return value.asBoolean();
        }
        if (type.equals(types.STRING())) {
            return value.asString();
        }
        if (type.equals(types.BYTES())) {
            return Base64.getEncoder().encodeToString(value.asByteArray());
        }
        if (type.equals(types.POINT())) {
            var p = value.asPoint();
            var point = new LinkedHashMap<String, Object>();
            point.put("srid", p.srid());
            point.put("x", p.x());
            point.put("y", p.y());
            if (!Double.isNaN(p.z())) {
                point.put("z", p.z());
            }
            return point;
        }
        // Dates, times, datetimes and durations: their ISO-8601 text.
        return value.asObject().toString();
    }

    static Map<String, Object> node(Node node) {
        var map = new LinkedHashMap<String, Object>();
        map.put("elementId", node.elementId());
        var labels = new ArrayList<String>();
        node.labels().forEach(labels::add);
        map.put("labels", labels);
        map.put("properties", properties(node));
        return map;
    }

    static Map<String, Object> relationship(Relationship relationship) {
        var map = new LinkedHashMap<String, Object>();
        map.put("elementId", relationship.elementId());
        map.put("type", relationship.type());
        map.put("startElementId", relationship.startNodeElementId());
        map.put("endElementId", relationship.endNodeElementId());
        map.put("properties", properties(relationship));
        return map;
    }

    static Map<String, Object> path(Path path) {
        var nodes = new ArrayList<Object>();
        path.nodes().forEach(n -> nodes.add(node(n)));
        var relationships = new ArrayList<Object>();
        path.relationships().forEach(r -> relationships.add(relationship(r)));
        var map = new LinkedHashMap<String, Object>();
        map.put("nodes", nodes);
        map.put("relationships", relationships);
        return map;
    }

    private static Map<String, Object> properties(Entity entity) {
        var map = new LinkedHashMap<String, Object>();
        entity.keys().forEach(k -> map.put(k, json(entity.get(k))));
        return map;
    }

    /** About how many bytes a value takes as JSON: text by its length, numbers and the rest by a few bytes. */
    static long bytes(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence text) {
            return text.length() + 3L;
        }
        if (value instanceof Map<?, ?> map) {
            long sum = 2;
            for (var entry : map.entrySet()) {
                sum += bytes(String.valueOf(entry.getKey())) + 1 + bytes(entry.getValue());
            }
            return sum;
        }
        if (value instanceof List<?> list) {
            long sum = 2;
            for (var element : list) {
                sum += bytes(element) + 1;
            }
            return sum;
        }
        return String.valueOf(value).length() + 1L;
    }

    /**
     * One CSV cell: nested values as their JSON text. Text a spreadsheet would run as a formula (it starts with
     * {@code = + - @}, a tab or a carriage return: OWASP's CSV injection rule) gets a leading apostrophe, which
     * spreadsheets show as text; numbers stay numbers.
     */
    static String csv(Object value, ObjectMapper mapper) {
        if (value == null) {
            return "";
        }
        String text;
        if (value instanceof Number || value instanceof Boolean) {
            text = String.valueOf(value);
        } else if (value instanceof Map || value instanceof List) {
            try {
                text = mapper.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                text = String.valueOf(value);
            }
        } else {
            text = String.valueOf(value);
        }
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
