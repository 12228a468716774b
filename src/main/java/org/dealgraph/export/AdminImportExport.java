package org.dealgraph.export;

import static org.dealgraph.export.AdminImportFormat.*;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.database.GraphRevision;
import org.dealgraph.database.GraphSessions;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;

/**
 * The whole graph as the CSV and header files that Neo4j's {@code neo4j-admin database import full} takes, for a
 * first load of millions into an external server: one file per label set and per relationship type, every property
 * with its type, retracted facts and their history included (it is a copy of the database, not of the answers), and an
 * {@code import.sh} with the command that reads them. Labels that start with {@code _} are this service's own
 * bookkeeping (migrations, the load lock and log, startup leases) and stay out: the new server's first dealgraph
 * applies its migrations, creating constraints and indexes over the imported graph.
 */
@ApplicationScoped
public class AdminImportExport {

    /** Unit separator: never typed into a fact, so no array element needs escaping (neo4j-admin cannot escape one). */
    static final char ARRAY_DELIMITER = '\u001F';
    static final String LIST_MARKER = "_list_";

    private static final String BOOKKEEPING = "any(l IN labels(%1$s) WHERE l STARTS WITH '_')";

    // The database's own scan of what each label set and relationship type holds: a third of the time Cypher takes.
    private static final String NODE_COLUMNS = """
            CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName, propertyTypes
            WHERE NOT any(l IN nodeLabels WHERE l STARTS WITH '_')
            RETURN nodeLabels AS labels, propertyName AS key, propertyTypes AS types""";
    private static final String RELATIONSHIP_COLUMNS = """
            CALL db.schema.relTypeProperties() YIELD relType, propertyName, propertyTypes
            RETURN relType AS type, propertyName AS key, propertyTypes AS types""";
    /** When the stored types leave a doubt (an empty list is stored as a string array): Cypher's type of each value. */
    private static final String NODE_VALUE_TYPES = """
            MATCH (n%s) WHERE size(labels(n)) = $labelCount AND n[$key] IS NOT NULL
            RETURN collect(DISTINCT valueType(n[$key])) AS types""";
    private static final String RELATIONSHIP_VALUE_TYPES = """
            MATCH ()-[r:%s]->() WHERE r[$key] IS NOT NULL
            RETURN collect(DISTINCT valueType(r[$key])) AS types""";
    private static final String NODES = """
            MATCH (n%s) WHERE size(labels(n)) = $labelCount
            RETURN elementId(n) AS id, [key IN $keys | n[key]] AS values""";
    private static final String RELATIONSHIPS = """
            MATCH (a)-[r:%s]->(b) WHERE NOT %s AND NOT %s
            RETURN elementId(a) AS start, elementId(b) AS end, [key IN $keys | r[key]] AS values""";

    /** The nodes of one label set, or the relationships of one type, and the columns their file has. */
    record Group(List<String> labels, String type, List<Column> columns) {
        String name() {
            return type == null ? ":" + String.join(":", labels) : "[:" + type + "]";
        }
    }

    /** What an export will write: checked before the first byte, so that a graph it cannot write is refused whole. */
    public record Plan(List<Group> nodes, List<Group> relationships, GraphRevision.Revision startedAt) {
    }

    /**
     * What neo4j-admin's CSV cannot carry: a property with two types across one label set (a header column has one),
     * a type it cannot read, or an array element holding the array delimiter.
     */
    public static class NotImportable extends RuntimeException {
        NotImportable(String message) {
            super(message);
        }
    }

    private final GraphSessions sessions;
    private final GraphRevision revision;
    private final ExportConfig config;

    AdminImportExport(GraphSessions sessions, GraphRevision revision, ExportConfig config) {
        this.sessions = sessions;
        this.revision = revision;
        this.config = config;
    }

    /**
     * Opens the export: one read transaction for the plan and every file, so the columns are those of the data read.
     * The caller writes it with {@link Export#writeTo} and closes it.
     */
    public Export open() {
        var session = sessions.read();
        try {
            var tx = session.beginTransaction(TransactionConfig.builder().withTimeout(config.transactionTimeout())
                    .withMetadata(Map.of("app", "dealgraph export for neo4j-admin")).build());
            var plan = plan(tx);
            return new Export(session, tx, plan);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    Plan plan(Transaction tx) {
        var startedAt = revision.current();
        var nodeTypes = new TreeMap<String, Map<String, TreeSet<String>>>();
        var labelSets = new HashMap<String, List<String>>();
        tx.run(NODE_COLUMNS).forEachRemaining(r -> {
            var labels = List.copyOf(new TreeSet<>(r.get("labels").asList(Value::asString)));
            var name = String.join(":", labels);
            labelSets.put(name, labels);
            var columns = nodeTypes.computeIfAbsent(name, k -> new TreeMap<>());
            if (!r.get("key").isNull()) {
                columns.computeIfAbsent(r.get("key").asString(), k -> new TreeSet<>()).addAll(r.get("types").asList(Value::asString));
            }
        });
        var relationshipTypes = new TreeMap<String, Map<String, TreeSet<String>>>();
        tx.run(RELATIONSHIP_COLUMNS).forEachRemaining(r -> {
            var columns = relationshipTypes.computeIfAbsent(unquoteType(r.get("type").asString()), k -> new TreeMap<>());
            if (!r.get("key").isNull()) {
                columns.computeIfAbsent(r.get("key").asString(), k -> new TreeSet<>()).addAll(r.get("types").asList(Value::asString));
            }
        });
        var nodes = new ArrayList<Group>();
        nodeTypes.forEach((name, types) -> {
            var labels = labelSets.get(name);
            nodes.add(new Group(labels, null, columns(":" + name, types, key -> tx.run(NODE_VALUE_TYPES.formatted(labelPattern(labels)),
                    Map.of("labelCount", labels.size(), "key", key)).single().get("types").asList(Value::asString))));
        });
        var relationships = new ArrayList<Group>();
        relationshipTypes.forEach((type, types) -> relationships.add(new Group(null, type, columns("[:" + type + "]", types,
                key -> tx.run(RELATIONSHIP_VALUE_TYPES.formatted(escape(type)), Map.of("key", key)).single().get("types").asList(Value::asString)))));
        return new Plan(List.copyOf(nodes), List.copyOf(relationships), startedAt);
    }

    private static List<Column> columns(String owner, Map<String, TreeSet<String>> storedTypes,
            Function<String, List<String>> valueTypes) {
        var columns = new ArrayList<Column>();
        storedTypes.forEach((key, types) -> {
            var type = types.size() == 1 ? storedType(owner, key, types.first()) : null;
            if (type == null) {
                // Two stored types: a list column whose empty lists are stored as string arrays, or really two types.
                type = adminType(owner, key, new TreeSet<>(valueTypes.apply(key)));
            }
            columns.add(new Column(key, type));
        });
        return columns;
    }

    private static String labelPattern(List<String> labels) {
        var pattern = new StringBuilder();
        labels.forEach(l -> pattern.append(':').append(escape(l)));
        return pattern.toString();
    }

    /** An export being written: its transaction stays open until it is closed. */
    public final class Export implements AutoCloseable {

        private final Session session;
        private final Transaction tx;
        private final Plan plan;
        private final NodeIds written = new NodeIds();
        private final Set<String> markersWritten = new HashSet<>();
        private boolean multiline;
        private long skipped;

        private Export(Session session, Transaction tx, Plan plan) {
            this.session = session;
            this.tx = tx;
            this.plan = plan;
        }

        /** A zip: {@code nodes/…}, {@code relationships/…} (a header file and a data file each), then {@code import.sh}. */
        public void writeTo(OutputStream out) throws IOException {
            var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            // CSV shrinks to a fifth even at the fastest level; the better levels cost more time than the network saves.
            zip.setLevel(Deflater.BEST_SPEED);
            var writer = new BufferedWriter(new OutputStreamWriter(new FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    zip.write(b, off, len);
                }

                @Override
                public void close() {
                    // The zip is closed once, after its last entry.
                }
            }, StandardCharsets.UTF_8), 1 << 16);
            var arguments = new ArrayList<String>();
            var counts = new LinkedHashMap<String, Long>();
            var index = 0;
            for (var group : plan.nodes()) {
                var base = "nodes/%03d-%s".formatted(++index, fileName(group.labels().isEmpty() ? "unlabelled" : String.join("-", group.labels())));
                entry(zip, writer, base + ".header.csv", w -> w.write(header(":ID", group.columns())));
                var rows = new long[1];
                entry(zip, writer, base + ".csv", w -> rows[0] = writeNodes(w, group));
                arguments.add("--nodes=" + (group.labels().isEmpty() ? "" : String.join(":", group.labels()) + "=") + base + ".header.csv," + base + ".csv");
                counts.put(group.labels().isEmpty() ? "(no label)" : ":" + String.join(":", group.labels()), rows[0]);
            }
            index = 0;
            for (var group : plan.relationships()) {
                var base = "relationships/%03d-%s".formatted(++index, fileName(group.type()));
                entry(zip, writer, base + ".header.csv", w -> w.write(header(":START_ID,:END_ID", group.columns())));
                var rows = new long[1];
                entry(zip, writer, base + ".csv", w -> rows[0] = writeRelationships(w, group));
                arguments.add("--relationships=" + group.type() + "=" + base + ".header.csv," + base + ".csv");
                counts.put("[:" + group.type() + "]", rows[0]);
            }
            var endedAt = revision.current();
            var restore = listStatements();
            if (!restore.isEmpty()) {
                entry(zip, writer, AFTER_IMPORT, w -> w.write(restore));
            }
            entry(zip, writer, "import.sh", w -> w.write(script(arguments, counts, endedAt, !restore.isEmpty())));
            zip.finish();
            zip.flush();
        }

        private long writeNodes(Writer w, Group group) throws IOException {
            var keys = group.columns().stream().map(Column::key).toList();
            var result = tx.run(NODES.formatted(labelPattern(group.labels())), Map.of("labelCount", group.labels().size(), "keys", keys));
            long rows = 0;
            while (result.hasNext()) {
                var record = result.next();
                var id = nodeId(record.get("id").asString());
                written.add(id);
                w.write(Long.toString(id));
                writeValues(w, group, record.get("values"));
                rows++;
            }
            return rows;
        }

        private long writeRelationships(Writer w, Group group) throws IOException {
            var keys = group.columns().stream().map(Column::key).toList();
            var result = tx.run(RELATIONSHIPS.formatted(escape(group.type()), BOOKKEEPING.formatted("a"), BOOKKEEPING.formatted("b")),
                    Map.of("keys", keys));
            long rows = 0;
            while (result.hasNext()) {
                var record = result.next();
                var start = nodeId(record.get("start").asString());
                var end = nodeId(record.get("end").asString());
                // A node created after its label set was written (a load during the export): the file would name an
                // id the import does not know, and the import would stop.
                if (!written.contains(start) || !written.contains(end)) {
                    skipped++;
                    continue;
                }
                w.write(Long.toString(start));
                w.write(',');
                w.write(Long.toString(end));
                writeValues(w, group, record.get("values"));
                rows++;
            }
            return rows;
        }

        private void writeValues(Writer w, Group group, Value values) throws IOException {
            var columns = group.columns();
            for (int i = 0; i < columns.size(); i++) {
                w.write(',');
                var column = columns.get(i);
                var value = values.get(i);
                var marker = !value.isNull() && value.asObject() instanceof List<?> list ? Column.markerOf(list) : null;
                if (!value.isNull() && marker == null) {
                    w.write(field(column, value.asObject()));
                }
                if (column.marked()) {
                    w.write(',');
                    if (marker != null) {
                        w.write(quoted(marker));
                        markersWritten.add(group.name() + "." + column.key());
                    }
                }
            }
            w.write('\n');
        }

        private String field(Column column, Object value) {
            if (value instanceof List<?> list) {
                var text = new StringBuilder();
                for (int i = 0; i < list.size(); i++) {
                    var part = scalarText(list.get(i));
                    if (part.indexOf(ARRAY_DELIMITER) >= 0) {
                        throw new NotImportable("Property '" + column.key() + "' has a list element containing U+001F, the array delimiter of this export");
                    }
                    if (i > 0) {
                        text.append(ARRAY_DELIMITER);
                    }
                    text.append(part);
                }
                return quoted(text.toString());
            }
            // Quoted whatever the type: a point's map has commas, and a quoted empty string is "", not null.
            return quoted(scalarText(value));
        }

        private String quoted(String text) {
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                multiline = true;
            }
            return '"' + text.replace("\"", "\"\"") + '"';
        }

        /** Statements that set the marked lists back and drop the markers, in batches. */
        private String listStatements() {
            var text = new StringBuilder();
            for (var group : plan.nodes()) {
                listStatements(text, group, "(x" + labelPattern(group.labels()) + ")");
            }
            for (var group : plan.relationships()) {
                listStatements(text, group, "()-[x:" + escape(group.type()) + "]->()");
            }
            return text.isEmpty() ? "" : AFTER_IMPORT_HEADER + text;
        }

        private void listStatements(StringBuilder text, Group group, String pattern) {
            for (var column : group.columns()) {
                if (markersWritten.contains(group.name() + "." + column.key())) {
                    text.append(RESTORE_LISTS.formatted(pattern, escape(column.marker()), escape(column.key())));
                }
            }
        }

        private String script(List<String> arguments, Map<String, Long> counts, GraphRevision.Revision endedAt, boolean afterImport) {
            var text = new StringBuilder("""
                    #!/bin/sh
                    # dealgraph's graph as the files of neo4j-admin database import full (Neo4j 5.26, as tested), written %s.
                    #
                    #   sh import.sh [more neo4j-admin options] [database]      (NEO4J_ADMIN=/path/to/neo4j-admin if not on PATH)
                    #
                    # Run it on the Neo4j server's machine with the database not yet created (or add --overwrite-destination);
                    # then CREATE DATABASE it (if not the default), start dealgraph against it (NEO4J_URI, NEO4J_DATABASE), and
                    # its migrations create the constraints and indexes over the imported graph.
                    #
                    """.formatted(Instant.now()));
            counts.forEach((what, rows) -> text.append("#   ").append(what).append(": ").append(rows).append('\n'));
            text.append("#\n# Graph revision when the export began: ").append(plan.startedAt().tag())
                    .append("; when it ended: ").append(endedAt.tag()).append('\n');
            if (afterImport) {
                text.append("#\n# Then, with the server started and before anything reads the graph, set back the lists the CSV format\n")
                        .append("# cannot carry (empty, or one empty string):  cypher-shell -d <database> -f ").append(AFTER_IMPORT).append('\n');
            }
            if (!plan.startedAt().equals(endedAt) || skipped > 0) {
                text.append("# A load changed the graph while this export was written (").append(skipped)
                        .append(" relationships to nodes created meanwhile were left out): export again for an exact copy.\n");
            }
            text.append("set -e\ncd \"$(dirname \"$0\")\"\nexec \"${NEO4J_ADMIN:-neo4j-admin}\" database import full \\\n")
                    .append("  --id-type=integer --array-delimiter=U+001F --delimiter=, --quote='\"' --normalize-types=false \\\n");
            if (multiline) {
                text.append("  --multiline-fields=true \\\n");
            }
            arguments.forEach(a -> text.append("  ").append(shellQuoted(a)).append(" \\\n"));
            text.append("  \"$@\"\n");
            return text.toString();
        }

        @Override
        public void close() {
            try {
                tx.close();
            } finally {
                session.close();
            }
        }
    }

    static final String AFTER_IMPORT = "after-import.cypher";
    private static final String AFTER_IMPORT_HEADER = """
            // Run once on the imported database (cypher-shell -d <database> -f after-import.cypher): neo4j-admin's CSV import
            // cannot write an empty list or a list of one empty string, so the export marked each one; these statements set
            // them back and drop the marks.
            """;
    private static final String RESTORE_LISTS = """
            MATCH %1$s WHERE x.%2$s IS NOT NULL
            CALL (x) { SET x.%3$s = CASE x.%2$s WHEN '[]' THEN [] ELSE [''] END REMOVE x.%2$s } IN TRANSACTIONS OF 10000 ROWS;
            """;

}
