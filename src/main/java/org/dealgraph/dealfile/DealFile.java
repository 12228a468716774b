package org.dealgraph.dealfile;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.dealgraph.agreement.Term;
import org.dealgraph.value.ExternalIdScheme;
import org.eclipse.microprofile.graphql.Ignore;


/**
 * One deal file of {@code seed/}: sources, companies, products, people, statements and agreements, all by business
 * id. Dates are written "2025-11-03", "2025-11", "2021" (a leading "~" for approximate); money "USD 38B",
 * "~USD 2.9B", "up to USD 50B".
 */
public record DealFile(
        List<@Valid SourceEntry> sources,
        List<@Valid CompanyEntry> companies,
        List<@Valid ProductEntry> products,
        List<@Valid PersonEntry> people,
        List<@Valid StatementEntry> statements,
        List<@Valid AgreementEntry> agreements,
        List<@Valid RetractionEntry> retractions) {

    public static final String ID = "[a-z0-9][a-z0-9-]{0,79}";
    public static final String ID_MESSAGE = "must be a lowercase slug: a-z, 0-9 and '-', at most 80 characters";

    public DealFile {
        sources = sources == null ? List.of() : sources;
        companies = companies == null ? List.of() : companies;
        products = products == null ? List.of() : products;
        people = people == null ? List.of() : people;
        statements = statements == null ? List.of() : statements;
        agreements = agreements == null ? List.of() : agreements;
        retractions = retractions == null ? List.of() : retractions;
    }

    /** Takes back (or, with restore, brings back) an agreement, a source's claim about one, or a company's alias. */
    public record RetractionEntry(
            @Pattern(regexp = ID, message = ID_MESSAGE) String agreement,
            @Pattern(regexp = ID, message = ID_MESSAGE) String source,
            @Pattern(regexp = ID, message = ID_MESSAGE) String company,
            @Size(max = 200) String alias,
            @Pattern(regexp = ID, message = ID_MESSAGE) String person,
            @Size(max = 200) String title,
            @Pattern(regexp = ID, message = ID_MESSAGE) String into,
            @NotBlank @Size(max = 2000) String reason,
            Boolean restore) {
    }

    public record SourceEntry(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://[^\\s/$.?#][^\\s]*", message = "must be an absolute http(s) URL") String url,
            @NotBlank @Size(max = 200) String publisher,
            String published,
            String retrieved,
            @Size(max = 2000) String note) {
    }

    public record SourceRef(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String source,
            @NotNull String confidence,
            List<String> facts,
            @Size(max = 1000) String claim,
            @Size(max = 2000) String note) {
    }

    public record CompanyEntry(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            List<String> aliases,
            List<String> kinds,
            @Pattern(regexp = ID, message = ID_MESSAGE) String parent,
            @Size(max = 2000) String description,
            @Valid CompanyIds ids,
            List<@Valid SourceRef> sources) {
    }

    static final String WIKIDATA_MESSAGE = "must be a Wikidata item id: Q and a number (Q2283)";
    static final String CRUNCHBASE_MESSAGE = "must be a Crunchbase permalink: a-z, 0-9 and '-'";

    /** A company's identifiers in other data sets, in their published formats (ExternalIdScheme). */
    public record CompanyIds(
            @Pattern(regexp = ExternalIdScheme.WIKIDATA_FORMAT, message = WIKIDATA_MESSAGE) String wikidata,
            @Pattern(regexp = ExternalIdScheme.LEI_FORMAT, message = "must be a Legal Entity Identifier: 18 capital letters or digits and 2 check digits (ISO 17442)") String lei,
            @Pattern(regexp = ExternalIdScheme.CRUNCHBASE_FORMAT, message = CRUNCHBASE_MESSAGE) String crunchbase) {
    }

    /** A person's identifiers in other data sets (a person has no LEI). */
    public record PersonIds(
            @Pattern(regexp = ExternalIdScheme.WIKIDATA_FORMAT, message = WIKIDATA_MESSAGE) String wikidata,
            @Pattern(regexp = ExternalIdScheme.CRUNCHBASE_FORMAT, message = CRUNCHBASE_MESSAGE) String crunchbase) {
    }

    public record ProductEntry(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            List<String> aliases,
            @NotBlank String kind,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String owner,
            String launched) {
    }

    public record PersonEntry(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            List<String> aliases,
            @Valid PersonIds ids,
            List<@Valid RoleEntry> roles) {
    }

    public record RoleEntry(
            @NotBlank @Size(max = 200) String title,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String company,
            String from,
            String until,
            @NotEmpty List<@Valid SourceRef> sources) {
    }

    public record StatementEntry(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String by,
            @NotNull String date,
            @NotBlank @Size(max = 4000) String summary,
            @Size(max = 4000) String quote,
            List<String> about,
            @NotEmpty List<@Valid SourceRef> sources) {
    }

    public record AgreementEntry(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @NotNull String kind,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 4000) String summary,
            @NotNull @Size(min = 2, message = "must name at least two parties") List<@Valid PartyEntry> parties,
            List<String> products,
            String announced,
            String effectiveFrom,
            String effectiveUntil,
            @Positive @DecimalMax("100") BigDecimal termYears,
            String money,
            List<@Valid TrancheEntry> tranches,
            Boolean exclusive,
            Boolean primary,
            Boolean firstRelease,
            Boolean anyCloud,
            @Size(max = 1000) String scope,
            @DecimalMin("0") @DecimalMax("100") BigDecimal ratePercent,
            String cap,
            String stakePercent,
            String valuation,
            String roundSize,
            Boolean binding,
            @Size(max = 1000) String conditions,
            List<@Valid AmendmentEntry> amends,
            @NotEmpty(message = "must cite at least one source") List<@Valid SourceRef> sources) {

        /** What the entry gives for a term of the catalogue: text, or a number or boolean where the file has one. */
        @Ignore
        public Object term(Term term) {
            var accessor = TERM_ACCESSORS.get(term.field());
            if (accessor == null) {
                throw new IllegalStateException("the deal file has no field for the term '" + term.field() + "'");
            }
            try {
                return accessor.invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static final Map<String, Method> TERM_ACCESSORS = Arrays.stream(AgreementEntry.class.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getAccessor));
    }

    public record PartyEntry(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String company,
            @NotNull String role) {
    }

    public record TrancheEntry(
            @NotBlank @Size(max = 200) String label,
            @NotNull String money,
            Boolean conditional,
            @Size(max = 1000) String conditions) {
    }

    public record AmendmentEntry(
            @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String agreement,
            @NotNull String kind,
            @NotNull String effective,
            @Size(max = 2000) String summary,
            String confidence,
            List<@Valid ChangeEntry> changes) {
    }

    public record ChangeEntry(
            @NotNull String field,
            @Size(max = 1000) String from,
            @Size(max = 1000) String to,
            String confidence) {
    }
}
