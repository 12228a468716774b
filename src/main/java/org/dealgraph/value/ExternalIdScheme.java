package org.dealgraph.value;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.graphql.Description;

/**
 * The identifiers other data sets give companies and people, by their published formats: what a deal file's
 * {@code ids} may hold, what the graph stores (a property per scheme, named as in deal files), what GraphQL looks up
 * ({@code company(externalId:)}) and what the exports link to ({@code sameAs}).
 */
@Description("An identifier scheme of another data set.")
public enum ExternalIdScheme {
    @Description("A Wikidata item: Q and a number (Q2283). https://www.wikidata.org/wiki/Wikidata:Identifiers")
    WIKIDATA("wikidata", ExternalIdScheme.WIKIDATA_FORMAT, "http://www.wikidata.org/entity/%s"),
    @Description("A Legal Entity Identifier (ISO 17442): 20 characters, the last two check digits (ISO 7064 MOD 97-10). Companies only.")
    LEI("lei", ExternalIdScheme.LEI_FORMAT, "https://search.gleif.org/#/record/%s"),
    @Description("A Crunchbase permalink: lowercase letters, digits and hyphens (openai).")
    CRUNCHBASE("crunchbase", ExternalIdScheme.CRUNCHBASE_FORMAT, "https://www.crunchbase.com/%2$s/%1$s");

    /** The published formats, as constants for the deal file's Bean Validation (and its JSON Schema). */
    public static final String WIKIDATA_FORMAT = "Q[1-9][0-9]{0,11}";
    public static final String LEI_FORMAT = "[A-Z0-9]{18}[0-9]{2}";
    public static final String CRUNCHBASE_FORMAT = "[a-z0-9][a-z0-9-]{0,99}";

    /** Its name in deal files ({@code ids: {wikidata: Q…}}) and the node property its value is stored in. */
    public final String property;
    /** The published format, as a regular expression (whole value). */
    public final String format;
    private final Pattern pattern;
    private final String iri;

    ExternalIdScheme(String property, String format, String iri) {
        this.property = property;
        this.format = format;
        this.pattern = Pattern.compile(format);
        this.iri = iri;
    }

    /** What is wrong with {@code value} as an identifier of this scheme; empty when it is one. */
    public Optional<String> problem(String value) {
        if (value == null || !pattern.matcher(value).matches()) {
            return Optional.of("is not a " + property + " identifier (" + format + "): '" + value + "'");
        }
        if (this == LEI && !new BigInteger(digits(value)).mod(BigInteger.valueOf(97)).equals(BigInteger.ONE)) {
            return Optional.of("is not a valid LEI: its check digits do not match (ISO 17442, ISO 7064 MOD 97-10): '" + value + "'");
        }
        return Optional.empty();
    }

    /** The identifier as an IRI of the data set that gives it ({@code person} says which kind of Crunchbase page). */
    public String iri(String value, boolean person) {
        return iri.formatted(value, person ? "person" : "organization");
    }

    public static Optional<ExternalIdScheme> of(String property) {
        for (var scheme : values()) {
            if (scheme.property.equals(property.toLowerCase(Locale.ROOT))) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /** Letters as ISO 7064 reads them (A = 10 … Z = 35), digits as they are. */
    private static String digits(String value) {
        var digits = new StringBuilder();
        for (var c : value.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return digits.toString();
    }
}
