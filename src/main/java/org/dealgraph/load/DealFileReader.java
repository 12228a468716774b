package org.dealgraph.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.dealgraph.dealfile.DealFile;
import org.dealgraph.dealfile.DealText;
import org.dealgraph.dealfile.InvalidDealFileException;
import org.dealgraph.dealfile.InvalidDealFileException.Problem;
import org.dealgraph.value.Numbers;
import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a deal file (YAML, or JSON which is YAML too), checks every rule and turns it into the rows the
 * {@link DealWriter} writes. Every problem of a file is reported at once, with its path in the file.
 */
@ApplicationScoped
public class DealFileReader {

    private static final int MAX_CHARACTERS = 128 * 1024 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions()).build()).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** JSON is YAML too, but Jackson's JSON parser reads a large generated file many times faster. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static LoaderOptions loaderOptions() {
        var options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        return options;
    }

    private final Validator validator;

    DealFileReader(Validator validator) {
        this.validator = validator;
    }

    public DealPlan read(String fileName, String content) {
        DealFile file;
        try {
            file = (content.stripLeading().startsWith("{") ? JSON : YAML).readValue(content, DealFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidDealFileException(fileName, List.of(new Problem(path(e),
                    "unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds())));
        } catch (MismatchedInputException e) {
            throw new InvalidDealFileException(fileName, List.of(new Problem(path(e), e.getPath().isEmpty()
                    ? "a deal file is a mapping with the lists sources, companies, products, people, statements and agreements"
                    : "has the wrong type: expected " + simpleType(e.getTargetType()))));
        } catch (JsonProcessingException e) {
            var location = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidDealFileException(fileName, List.of(new Problem(path(e),
                    e.getOriginalMessage().lines().findFirst().orElse("unreadable") + location)));
        }
        if (file == null) {
            throw new InvalidDealFileException(fileName, List.of(new Problem("(file)", "is empty")));
        }
        return plan(fileName, file);
    }

    public DealPlan plan(String fileName, DealFile file) {
        var problems = new ArrayList<Problem>();
        for (var violation : validator.validate(file)) {
            problems.add(new Problem(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        DealText.check(file, "", problems);
        if (problems.stream().anyMatch(p -> p.message().contains(Numbers.BOUND))) {
            // The planner would compute with a number of a billion digits: refused before it does.
            throw new InvalidDealFileException(fileName, problems.stream().distinct().toList());
        }
        var structural = problems.size();
        DealPlan plan = null;
        try {
            plan = new DealPlanner(problems).plan(file);
        } catch (RuntimeException e) {
            // Only a file Bean Validation already faulted can trip the planner; its problems are reported.
            if (structural == 0) {
                throw e;
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(Problem::path));
            throw new InvalidDealFileException(fileName, problems.stream().distinct().toList());
        }
        return plan;
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

    private static String path(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            var sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        var location = e.getLocation();
        return location == null ? "(file)" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
