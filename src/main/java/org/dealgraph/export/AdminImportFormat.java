package org.dealgraph.export;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dealgraph.export.AdminImportExport.NotImportable;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;

/**
 * How neo4j-admin import reads what the export writes: the header type of each stored or Cypher type, a cell's text, ids, file and shell names; pure functions of their arguments.
 */
final class AdminImportFormat {

    private AdminImportFormat() {
    }

    /** A type as Neo4j stores it ({@code db.schema.*TypeProperties}: {@code String}, {@code LongArray}, …) in a header. */
    static String storedType(String owner, String key, String stored) {
        var array = stored.endsWith("Array");
        var name = array ? stored.substring(0, stored.length() - 5) : stored;
        var type = switch (name) {
            case "String" -> "string";
            case "Long" -> "long";
            case "Integer" -> "int";
            case "Short" -> "short";
            case "Byte" -> "byte";
            case "Double" -> "double";
            case "Float" -> "float";
            case "Boolean" -> "boolean";
            case "Char" -> "char";
            case "Date" -> "date";
            case "DateTime" -> "datetime";
            case "LocalDateTime" -> "localdatetime";
            case "Time" -> "time";
            case "LocalTime" -> "localtime";
            case "Duration" -> "duration";
            case "Point" -> "point";
            default -> throw new NotImportable("Property '" + key + "' of " + owner + " is stored as " + stored
                    + ", which neo4j-admin's CSV import cannot read.");
        };
        return array ? type + "[]" : type;
    }

    /** Cypher's value types ({@code valueType()}) as neo4j-admin's header types; an empty list fits any list. */
    static String adminType(String owner, String key, Set<String> valueTypes) {
        var types = new TreeSet<String>();
        var emptyList = false;
        for (var valueType : valueTypes) {
            var type = valueType.replace(" NOT NULL", "");
            if (type.equals("LIST<NOTHING>")) {
                emptyList = true;
            } else {
                types.add(type);
            }
        }
        if (types.isEmpty()) {
            return emptyList ? "string[]" : "string";
        }
        if (types.size() > 1 || (emptyList && !types.first().startsWith("LIST<"))) {
            throw new NotImportable("Property '" + key + "' of " + owner + " has values of types " + valueTypes
                    + "; a neo4j-admin header gives each column one type. Make them one type (SET ... = toString(...)) and export again.");
        }
        var type = types.first();
        if (type.startsWith("LIST<")) {
            return scalar(owner, key, type.substring(5, type.length() - 1)) + "[]";
        }
        return scalar(owner, key, type);
    }

    static String unquoteType(String relType) {
        var type = relType.startsWith(":") ? relType.substring(1) : relType;
        return type.startsWith("`") && type.endsWith("`") ? type.substring(1, type.length() - 1).replace("``", "`") : type;
    }

    static String scalar(String owner, String key, String cypherType) {
        return switch (cypherType) {
            case "STRING" -> "string";
            case "INTEGER" -> "long";
            case "FLOAT" -> "double";
            case "BOOLEAN" -> "boolean";
            case "DATE" -> "date";
            case "ZONED DATETIME" -> "datetime";
            case "LOCAL DATETIME" -> "localdatetime";
            case "ZONED TIME" -> "time";
            case "LOCAL TIME" -> "localtime";
            case "DURATION" -> "duration";
            case "POINT" -> "point";
            default -> throw new NotImportable("Property '" + key + "' of " + owner + " has values of type " + cypherType
                    + ", which neo4j-admin's CSV import cannot read.");
        };
    }

    static String header(String ids, List<Column> columns) {
        var header = new StringBuilder(ids);
        columns.forEach(c -> header.append(',').append(c.header()));
        return header.append('\n').toString();
    }

    /** The number an element id ends in: unique per node within one database, compact for --id-type=integer. */
    static long nodeId(String elementId) {
        return Long.parseLong(elementId.substring(elementId.lastIndexOf(':') + 1));
    }

    static String scalarText(Object value) {
        if (value instanceof ZonedDateTime dateTime) {
            return DateTimeFormatter.ISO_ZONED_DATE_TIME.format(dateTime);
        }
        if (value instanceof LocalDateTime dateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
        }
        if (value instanceof OffsetTime time) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format(time);
        }
        if (value instanceof LocalTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof IsoDuration duration) {
            return duration.toString();
        }
        if (value instanceof Point point) {
            return Double.isNaN(point.z())
                    ? "{srid:%d, x:%s, y:%s}".formatted(point.srid(), point.x(), point.y())
                    : "{srid:%d, x:%s, y:%s, z:%s}".formatted(point.srid(), point.x(), point.y(), point.z());
        }
        return String.valueOf(value);
    }

    static String escape(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String fileName(String name) {
        var safe = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return safe.length() > 80 ? safe.substring(0, 80) : safe;
    }

    static String shellQuoted(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** The ids written so far, a bit per node id (a million nodes: 125 KB). */
    static final class NodeIds {
        private final Map<Long, BitSet> pages = new HashMap<>();

        void add(long id) {
            pages.computeIfAbsent(id >>> 30, k -> new BitSet()).set((int) (id & ((1 << 30) - 1)));
        }

        boolean contains(long id) {
            var page = pages.get(id >>> 30);
            return page != null && page.get((int) (id & ((1 << 30) - 1)));
        }
    }

    /** A column of a header: a property and the type neo4j-admin reads it as ({@code string}, {@code long[]}, …). */
    record Column(String key, String type) {
        boolean marked() {
            return type.endsWith("[]");
        }

        String header() {
            return key + ":" + type + (marked() ? "," + marker() + ":string" : "");
        }

        /**
         * neo4j-admin skips an empty field, and an empty array or a list of one empty string can only be written as one:
         * such a list is written in a column of its own ({@code []}, {@code [""]}), and {@code after-import.cypher} sets
         * it back. Every list column has one; it costs a comma a row when unused.
         */
        String marker() {
            return AdminImportExport.LIST_MARKER + key;
        }

        /** The marker's value for a list the CSV field cannot carry, or null. */
        static String markerOf(List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            return list.size() == 1 && "".equals(list.get(0)) ? "[\"\"]" : null;
        }
    }

    interface EntryBody {
        void write(Writer writer) throws IOException;
    }

    static void entry(ZipOutputStream zip, Writer writer, String name, EntryBody body) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        body.write(writer);
        writer.flush();
        zip.closeEntry();
    }
}
