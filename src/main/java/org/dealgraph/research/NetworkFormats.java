package org.dealgraph.research;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;

import org.dealgraph.research.NetworkExport.Column;
import org.dealgraph.research.NetworkExport.Kind;
import org.dealgraph.research.NetworkExport.Section;
import org.dealgraph.value.ExternalIdScheme;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The formats a network is exported in, each a {@link NetworkExport.Sink} writing rows as they come: GraphML (what
 * networkx's {@code read_graphml} and Gephi open), CSV tables in a zip (one per node type and edge type, typed
 * headers, for pandas and R), and JSON-LD (schema.org where it fits, the deal vocabulary under {@link #VOCABULARY}).
 */
public final class NetworkFormats {

    /** The deal vocabulary's namespace, and the prefix of every exported node's IRI ({@code urn:dealgraph:company:openai}). */
    public static final String VOCABULARY = "urn:dealgraph:vocab:";
    public static final String IDS = "urn:dealgraph:";

    private NetworkFormats() {
    }

    public enum Format {
        GRAPHML("application/graphml+xml", "graphml"), CSV("application/zip", "zip"), JSONLD("application/ld+json", "jsonld");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    public static NetworkExport.Sink of(Format format, OutputStream out) throws Exception {
        return switch (format) {
            case GRAPHML -> new GraphMl(out);
            case CSV -> new CsvTables(out);
            case JSONLD -> new JsonLd(out);
        };
    }

    /** A value as text: dates ISO, lists joined by "; " (GraphML) or ";" (CSV, as the header's string[] says). */
    private static String text(Value value, Kind kind, String separator) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (kind) {
            case STRINGS -> String.join(separator, value.asList(Value::asString));
            case DATE -> value.asLocalDate().toString();
            case DOUBLE -> String.valueOf(value.asDouble());
            case LONG -> String.valueOf(value.asLong());
            case BOOLEAN -> String.valueOf(value.asBoolean());
            case STRING -> value.asString();
        };
    }

    private static boolean endpoint(Section section, Column column) {
        return !section.node() && (column.name().equals("source") || column.name().equals("target"));
    }

    /** GraphML: one directed graph; attributes declared once per name, typed; ids {@code <type>:<business id>}. */
    static final class GraphMl implements NetworkExport.Sink {
        private static final String NS = "http://graphml.graphdrawing.org/xmlns";
        private final XMLStreamWriter xml;
        private final OutputStream out;
        private long edges;

        GraphMl(OutputStream out) throws Exception {
            this.out = out;
            this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        }

        private static String type(Kind kind) {
            return switch (kind) {
                case DOUBLE -> "double";
                case LONG -> "long";
                case BOOLEAN -> "boolean";
                default -> "string";
            };
        }

        @Override
        public void begin(List<Section> sections) throws Exception {
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("graphml");
            xml.writeDefaultNamespace(NS);
            var keys = new LinkedHashMap<String, String[]>();
            keys.put("n_type", new String[] {"node", "type", "string"});
            keys.put("e_type", new String[] {"edge", "type", "string"});
            for (var section : sections) {
                if (!section.inNetwork()) {
                    continue;
                }
                for (var column : section.columns()) {
                    if (endpoint(section, column)) {
                        continue;
                    }
                    var id = (section.node() ? "n_" : "e_") + column.name();
                    var declared = new String[] {section.node() ? "node" : "edge", column.name(), type(column.kind())};
                    var before = keys.putIfAbsent(id, declared);
                    if (before != null && !before[2].equals(declared[2])) {
                        throw new IllegalStateException("GraphML attribute " + id + " declared as " + before[2] + " and " + declared[2]);
                    }
                }
            }
            for (var key : keys.entrySet()) {
                xml.writeEmptyElement("key");
                xml.writeAttribute("id", key.getKey());
                xml.writeAttribute("for", key.getValue()[0]);
                xml.writeAttribute("attr.name", key.getValue()[1]);
                xml.writeAttribute("attr.type", key.getValue()[2]);
            }
            xml.writeStartElement("graph");
            xml.writeAttribute("id", "dealgraph");
            xml.writeAttribute("edgedefault", "directed");
        }

        @Override
        public void section(Section section) {
        }

        @Override
        public void row(Section section, Record row) throws Exception {
            if (!section.inNetwork()) {
                return;
            }
            if (section.node()) {
                xml.writeStartElement("node");
                xml.writeAttribute("id", section.name() + ":" + row.get("id").asString());
                data("n_type", section.name());
            } else {
                xml.writeStartElement("edge");
                xml.writeAttribute("id", "e" + edges++);
                xml.writeAttribute("source", section.sourceType() + ":" + row.get("source").asString());
                xml.writeAttribute("target", section.targetType() + ":" + row.get("target").asString());
                data("e_type", section.name());
            }
            for (var column : section.columns()) {
                if (!endpoint(section, column)) {
                    var text = text(row.get(column.name()), column.kind(), "; ");
                    if (text != null) {
                        data((section.node() ? "n_" : "e_") + column.name(), text);
                    }
                }
            }
            xml.writeEndElement();
        }

        private void data(String key, String text) throws Exception {
            xml.writeStartElement("data");
            xml.writeAttribute("key", key);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }

        @Override
        public void end() throws Exception {
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            out.flush();
        }
    }

    /** CSV tables in a zip: {@code nodes/<type>.csv}, {@code edges/<TYPE>.csv}; headers {@code name:type}. */
    static final class CsvTables implements NetworkExport.Sink {
        private final ZipOutputStream zip;
        private final Writer writer;
        private boolean open;

        CsvTables(OutputStream out) {
            this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            this.writer = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
        }

        private static String type(Kind kind) {
            return switch (kind) {
                case STRINGS -> "string[]";
                default -> kind.name().toLowerCase(java.util.Locale.ROOT);
            };
        }

        @Override
        public void begin(List<Section> sections) {
        }

        @Override
        public void section(Section section) throws Exception {
            closeEntry();
            zip.putNextEntry(new ZipEntry((section.node() ? "nodes/" : "edges/") + section.name() + ".csv"));
            open = true;
            var header = new StringBuilder();
            for (var column : section.columns()) {
                header.append(header.isEmpty() ? "" : ",").append(column.name()).append(':').append(type(column.kind()));
            }
            writer.write(header.append('\n').toString());
        }

        @Override
        public void row(Section section, Record row) throws Exception {
            var first = true;
            for (var column : section.columns()) {
                if (!first) {
                    writer.write(',');
                }
                first = false;
                var text = text(row.get(column.name()), column.kind(), ";");
                if (text != null) {
                    writer.write(quoted(text));
                }
            }
            writer.write('\n');
        }

        private static String quoted(String text) {
            if (text.isEmpty() || text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
            return text;
        }

        private void closeEntry() throws Exception {
            if (open) {
                writer.flush();
                zip.closeEntry();
                open = false;
            }
        }

        @Override
        public void end() throws Exception {
            closeEntry();
            zip.finish();
            zip.flush();
        }
    }

    /**
     * JSON-LD: one document, its {@code @context} inline (the same as {@code GET /research/context.jsonld}); nodes as
     * objects, edges as objects naming their subject again (JSON-LD merges objects of one {@code @id}).
     */
    static final class JsonLd implements NetworkExport.Sink {
        private static final JsonFactory FACTORY = new ObjectMapper().getFactory();
        private final JsonGenerator json;

        JsonLd(OutputStream out) throws Exception {
            this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        }

        @Override
        public void begin(List<Section> sections) throws Exception {
            json.writeStartObject();
            json.writeFieldName("@context");
            json.writeObject(CONTEXT);
            json.writeArrayFieldStart("@graph");
        }

        @Override
        public void section(Section section) {
        }

        private static String iri(String type, String id) {
            return IDS + type + ":" + id;
        }

        private void field(String name, Value value, Kind kind) throws Exception {
            if (value == null || value.isNull()) {
                return;
            }
            switch (kind) {
                case STRINGS -> {
                    json.writeArrayFieldStart(name);
                    for (var item : value.asList(Value::asString)) {
                        json.writeString(item);
                    }
                    json.writeEndArray();
                }
                case DOUBLE -> json.writeNumberField(name, value.asDouble());
                case LONG -> json.writeNumberField(name, value.asLong());
                case BOOLEAN -> json.writeBooleanField(name, value.asBoolean());
                case DATE -> json.writeStringField(name, value.asLocalDate().toString());
                case STRING -> json.writeStringField(name, value.asString());
            }
        }

        @Override
        public void row(Section section, Record row) throws Exception {
            json.writeStartObject();
            if (section.node()) {
                node(section, row);
            } else {
                edge(section, row);
            }
            json.writeEndObject();
        }

        private void node(Section section, Record row) throws Exception {
            json.writeStringField("@id", iri(section.name(), row.get("id").asString()));
            json.writeStringField("@type", switch (section.name()) {
                case "company" -> "Organization";
                case "person" -> "Person";
                case "product" -> "Product";
                case "agreement" -> "Agreement";
                default -> "CreativeWork";
            });
            var sameAs = new java.util.ArrayList<String>();
            for (var column : section.columns()) {
                var value = row.get(column.name());
                var scheme = ExternalIdScheme.of(column.name());
                if (scheme.isPresent()) {
                    if (!value.isNull()) {
                        sameAs.add(scheme.get().iri(value.asString(), section.name().equals("person")));
                    }
                    continue;
                }
                switch (column.name()) {
                    case "id" -> field("identifier", value, column.kind());
                    case "title" -> field("name", value, column.kind());
                    case "aliases" -> field("alternateName", value, column.kind());
                    case "published" -> field("datePublished", value, column.kind());
                    case "currency", "sources" -> {
                        // The currency goes with the amount; an agreement's sources are its sourcedBy claims.
                    }
                    case "amount" -> {
                        if (!value.isNull()) {
                            json.writeObjectFieldStart("amount");
                            json.writeStringField("@type", "MonetaryAmount");
                            json.writeNumberField("value", value.asDouble());
                            field("currency", row.get("currency"), Kind.STRING);
                            json.writeEndObject();
                        }
                    }
                    default -> field(column.name(), value, column.kind());
                }
            }
            if (!sameAs.isEmpty()) {
                json.writeArrayFieldStart("sameAs");
                for (var iri : sameAs) {
                    json.writeString(iri);
                }
                json.writeEndArray();
            }
        }

        private void edge(Section section, Record row) throws Exception {
            var source = iri(section.sourceType(), row.get("source").asString());
            var target = iri(section.targetType(), row.get("target").asString());
            // A party is the agreement's: its subject is the agreement, the company one of its parties.
            json.writeStringField("@id", section.name().equals("PARTY_TO") ? target : source);
            switch (section.name()) {
                case "PARTY_TO" -> {
                    json.writeObjectFieldStart("party");
                    json.writeStringField("@type", "Party");
                    json.writeStringField("company", source);
                    field("role", row.get("role"), Kind.STRING);
                    json.writeEndObject();
                }
                case "CONCERNS" -> json.writeStringField("concerns", target);
                case "OFFERS" -> json.writeStringField("offers", target);
                case "SUBSIDIARY_OF" -> json.writeStringField("parentOrganization", target);
                case "AMENDS" -> {
                    json.writeObjectFieldStart("amends");
                    json.writeStringField("@type", "Amendment");
                    json.writeStringField("agreement", target);
                    field("kind", row.get("kind"), Kind.STRING);
                    field("effective", row.get("effective"), Kind.DATE);
                    json.writeEndObject();
                }
                case "ROLE_AT" -> {
                    json.writeObjectFieldStart("holds");
                    json.writeStringField("@type", "Role");
                    field("roleName", row.get("title"), Kind.STRING);
                    json.writeStringField("at", target);
                    field("startDate", row.get("from"), Kind.DATE);
                    field("endDate", row.get("until"), Kind.DATE);
                    json.writeEndObject();
                }
                default -> {
                    json.writeObjectFieldStart("sourcedBy");
                    json.writeStringField("@type", "SourceClaim");
                    json.writeStringField("source", target);
                    field("confidence", row.get("confidence"), Kind.STRING);
                    field("claim", row.get("claim"), Kind.STRING);
                    json.writeEndObject();
                }
            }
        }

        @Override
        public void end() throws Exception {
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
        }
    }

    /** The JSON-LD context: schema.org's terms where they fit, the deal vocabulary's under {@link #VOCABULARY}. */
    public static final Map<String, Object> CONTEXT = context();

    private static Map<String, Object> context() {
        var c = new LinkedHashMap<String, Object>();
        c.put("schema", "https://schema.org/");
        c.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        c.put("dg", VOCABULARY);
        for (var type : List.of("Organization", "Person", "Product", "CreativeWork", "MonetaryAmount")) {
            c.put(type, "schema:" + type);
        }
        for (var type : List.of("Agreement", "Party", "Role", "SourceClaim", "Amendment")) {
            c.put(type, "dg:" + type);
        }
        for (var term : List.of("identifier", "name", "alternateName", "description", "publisher", "value", "currency", "roleName")) {
            c.put(term, "schema:" + term);
        }
        for (var term : List.of("url", "sameAs", "parentOrganization")) {
            c.put(term, Map.of("@id", "schema:" + term, "@type", "@id"));
        }
        for (var term : List.of("datePublished", "startDate", "endDate")) {
            c.put(term, Map.of("@id", "schema:" + term, "@type", "xsd:date"));
        }
        for (var term : List.of("kind", "kinds", "termYears", "exclusive", "ratePercent", "stakePercent", "confidence", "claim", "role",
                "amount", "party", "amends", "holds", "sourcedBy")) {
            c.put(term, "dg:" + term);
        }
        for (var term : List.of("announced", "effectiveFrom", "effectiveUntil", "effective", "launched")) {
            c.put(term, Map.of("@id", "dg:" + term, "@type", "xsd:date"));
        }
        for (var term : List.of("company", "concerns", "offers", "agreement", "at", "source")) {
            c.put(term, Map.of("@id", "dg:" + term, "@type", "@id"));
        }
        return java.util.Collections.unmodifiableMap(c);
    }
}
