package org.dealgraph.dealfile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.agreement.AmendmentKind;
import org.dealgraph.agreement.PartyRole;
import org.dealgraph.company.CompanyKind;
import org.dealgraph.value.Confidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;

/**
 * The JSON Schema of a deal file, generated from the records the reader reads ({@link DealFile}) with their
 * constraints, the closed vocabularies (kinds, roles, confidences) from the enums the loader checks against, and the
 * shapes of money and dates the loader parses. Editors that know JSON Schema validate and complete deal files with
 * it (YAML too: {@code # yaml-language-server: $schema=http://localhost:8080/schemas/deal-file.json}).
 */
@Path("/schemas/deal-file.json")
@ApplicationScoped
public class DealFileSchema {

    public static final String ID = "https://dealgraph.org/schemas/deal-file.json";

    /** Shapes the loader parses: a money amount ('USD 38B', 'up to USD 50B', '~USD 2B') and a date of some precision. */
    static final String MONEY = "^(up to )?~?[A-Z]{3} ~?[0-9]+([.][0-9]+)?[KMBT]?( (pre|post)-money)?$";
    static final String DATE = "^~?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";

    private static final Map<String, List<String>> VOCABULARY = Map.of(
            "confidence", names(Confidence.values()),
            "role", names(PartyRole.values()),
            "kinds", names(CompanyKind.values()));

    private final String text = generate().toPrettyString();

    @GET
    @Produces("application/schema+json")
    public Response schema() {
        return Response.ok(text).header("Cache-Control", "public, max-age=3600").build();
    }

    public String text() {
        return text;
    }

    static ObjectNode generate() {
        var validation = new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS);
        var builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(validation)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.DEFINITIONS_FOR_ALL_OBJECTS,
                        Option.NULLABLE_FIELDS_BY_DEFAULT);
        builder.forFields().withEnumResolver(field -> {
            var name = field.getName();
            var owner = field.getDeclaringType().getErasedType();
            if (name.equals("kind") && owner == DealFile.AgreementEntry.class) {
                return names(AgreementKind.values());
            }
            if (name.equals("kind") && owner == DealFile.AmendmentEntry.class) {
                return names(AmendmentKind.values());
            }
            if (name.equals("kinds")) {
                return field.isFakeContainerItemScope() ? VOCABULARY.get("kinds") : null;
            }
            return VOCABULARY.get(name);
        });
        builder.forFields().withStringPatternResolver(field -> {
            var name = field.getName();
            if (List.of("money", "cap", "roundSize", "valuation").contains(name)) {
                return MONEY;
            }
            if (List.of("published", "retrieved", "announced", "effectiveFrom", "effectiveUntil", "effective", "from", "until",
                    "date", "launched").contains(name) && field.getDeclaringType().getErasedType() != DealFile.ChangeEntry.class) {
                return DATE;
            }
            return null;
        });
        var schema = new SchemaGenerator(builder.build()).generateSchema(DealFile.class);
        adjust(schema, null);
        schema.put("$id", ID);
        schema.put("title", "dealgraph deal file");
        schema.put("description", "Sources, companies, products, people, statements and agreements, each fact with its sources "
                + "(seed/README.md). Generated from the records the loader reads; the loader checks more (references, dates, "
                + "global ids) and names the same paths.");
        return schema;
    }

    private static final Set<String> DATES = Set.of("published", "retrieved", "announced", "effectiveFrom",
            "effectiveUntil", "effective", "from", "until", "date", "launched");

    /**
     * What the records cannot say. Bean Validation's patterns match the whole value, JSON Schema's any part: they are
     * anchored. YAML gives a year-only date as a number, and an amendment's old and new values as whatever they are
     * (true, 20, 'USD 38B'): the reader takes them as text, so the schema lets them be.
     */
    private static void adjust(JsonNode node, String property) {
        if (node instanceof ObjectNode object) {
            var pattern = object.get("pattern");
            if (pattern != null && pattern.isTextual() && !pattern.asText().startsWith("^")) {
                object.put("pattern", "^(?:" + pattern.asText() + ")$");
            }
            var properties = object.get("properties");
            if (properties instanceof ObjectNode fields) {
                var change = fields.has("field") && fields.has("to");
                fields.fields().forEachRemaining(entry -> {
                    var field = (ObjectNode) entry.getValue();
                    if (change && (entry.getKey().equals("from") || entry.getKey().equals("to"))) {
                        field.remove("pattern");
                        field.set("type", JSON.valueToTree(List.of("string", "number", "boolean", "null")));
                    } else if (DATES.contains(entry.getKey()) && field.has("pattern")) {
                        field.set("type", JSON.valueToTree(List.of("string", "integer", "null")));
                    }
                });
            }
            object.fields().forEachRemaining(entry -> adjust(entry.getValue(), entry.getKey()));
        } else if (node != null && node.isArray()) {
            node.forEach(item -> adjust(item, property));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
