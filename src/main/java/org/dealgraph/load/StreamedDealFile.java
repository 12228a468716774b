package org.dealgraph.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.dealgraph.dealfile.InvalidDealFileException;
import org.dealgraph.dealfile.InvalidDealFileException.Problem;
import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A deal file's text (YAML, or JSON which is YAML too) read with Jackson's streaming parser: one entry is bound at a
 * time, so reading a file costs the entry being read, not the file. The text is opened anew for every read.
 */
final class StreamedDealFile implements DealEntries {

    /** Where the text comes from: the request's body in memory, or a file it was spooled to. */
    @FunctionalInterface
    interface Text {
        InputStream open() throws IOException;
    }

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(loaderOptions()).build())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** JSON is YAML too, but Jackson's JSON parser reads a large generated file many times faster. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Map<DealSection, ObjectReader> YAML_READERS = readers(YAML);
    private static final Map<DealSection, ObjectReader> JSON_READERS = readers(JSON);

    private static LoaderOptions loaderOptions() {
        var options = new LoaderOptions();
        // The upload limit bounds a file's size; SnakeYAML's own default (3 MB) would refuse a large one.
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    private static Map<DealSection, ObjectReader> readers(ObjectMapper mapper) {
        var readers = new EnumMap<DealSection, ObjectReader>(DealSection.class);
        for (var section : DealSection.values()) {
            readers.put(section, mapper.readerFor(section.entryType));
        }
        return readers;
    }

    private final String fileName;
    private final Text text;

    StreamedDealFile(String fileName, Text text) {
        this.fileName = fileName;
        this.text = text;
    }

    @Override
    public void read(Set<DealSection> sections, Visitor visitor) {
        try (var in = new BufferedInputStream(text.open(), 1 << 16)) {
            var json = startsWithBrace(in);
            var mapper = json ? JSON : YAML;
            var readers = json ? JSON_READERS : YAML_READERS;
            try (var parser = mapper.getFactory().createParser(in)) {
                read(parser, readers, sections, visitor);
            } catch (InvalidDealFileException e) {
                throw e;
            } catch (JsonProcessingException e) {
                throw invalid(where(e, ""), message(e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(JsonParser parser, Map<DealSection, ObjectReader> readers, Set<DealSection> sections, Visitor visitor)
            throws IOException {
        var token = parser.nextToken();
        if (token == null) {
            throw invalid("(file)", "is empty");
        }
        if (token != JsonToken.START_OBJECT) {
            throw invalid("(file)", "a deal file is a mapping with the lists sources, companies, products, people, statements and agreements");
        }
        var seen = EnumSet.noneOf(DealSection.class);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var field = parser.currentName();
            var value = parser.nextToken();
            var section = DealSection.byField(field).orElseThrow(() -> invalid(field,
                    "unknown field '" + field + "'; known fields: " + DealSection.fields()));
            if (!seen.add(section)) {
                throw invalid(field, "appears twice in the file");
            }
            visitor.section(section);
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                throw invalid(field, "has the wrong type: expected a list");
            }
            if (!sections.contains(section)) {
                parser.skipChildren();
                continue;
            }
            var reader = readers.get(section);
            for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                var at = field + "[" + i + "]";
                Object entry = null;
                if (parser.currentToken() != JsonToken.VALUE_NULL) {
                    try {
                        entry = reader.readValue(parser);
                    } catch (UnrecognizedPropertyException e) {
                        throw invalid(where(e, at), "unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds());
                    } catch (MismatchedInputException e) {
                        throw invalid(where(e, at), "has the wrong type: expected " + simpleType(e.getTargetType()));
                    } catch (JsonProcessingException e) {
                        throw invalid(where(e, at), message(e));
                    }
                }
                visitor.entry(section, i, entry);
            }
        }
    }

    private static boolean startsWithBrace(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        try {
            for (int i = 0; i < (1 << 16) - 1; i++) {
                int b = in.read();
                if (b < 0 || !(Character.isWhitespace(b) || b == 0xEF || b == 0xBB || b == 0xBF)) {
                    return b == '{';
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }

    private InvalidDealFileException invalid(String path, String message) {
        return new InvalidDealFileException(fileName, List.of(new Problem(path, message)));
    }

    private static String message(JsonProcessingException e) {
        var location = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("unreadable") + location;
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a mapping of fields";
        }
        return type.getSimpleName().toLowerCase(Locale.ROOT).replace("bigdecimal", "number").replace("string", "text");
    }

    /** The path of a problem inside the entry at {@code at} ("agreements[3].parties[0].role"), or its line and column. */
    private static String where(JsonProcessingException e, String at) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            var sb = new StringBuilder(at);
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        if (!at.isEmpty() && e instanceof JsonMappingException) {
            return at;
        }
        var location = e.getLocation();
        return location == null ? "(file)" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
