package org.dealgraph.load;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.dealgraph.dealfile.DealFile;

/**
 * The lists of a deal file, with the type of their entries, the label their facts get in the graph and the sections
 * whose facts they link to (which the writer must have written first).
 */
enum DealSection {
    SOURCES("sources", DealFile.SourceEntry.class, "Source"),
    COMPANIES("companies", DealFile.CompanyEntry.class, "Company"),
    PRODUCTS("products", DealFile.ProductEntry.class, "Product"),
    PEOPLE("people", DealFile.PersonEntry.class, "Person"),
    STATEMENTS("statements", DealFile.StatementEntry.class, "Statement"),
    AGREEMENTS("agreements", DealFile.AgreementEntry.class, "Agreement"),
    RETRACTIONS("retractions", DealFile.RetractionEntry.class, null);

    /** The sections whose entries become nodes, in the order their ids are checked. */
    static final List<DealSection> NODES = List.of(SOURCES, COMPANIES, PRODUCTS, PEOPLE, AGREEMENTS, STATEMENTS);

    final String field;
    final Class<?> entryType;
    final String label;

    DealSection(String field, Class<?> entryType, String label) {
        this.field = field;
        this.entryType = entryType;
        this.label = label;
    }

    /** The sections this one links to; a link to its own section is handled by the writer (parents, amendments). */
    Set<DealSection> linksTo() {
        return switch (this) {
            case SOURCES, RETRACTIONS -> Set.of();
            case COMPANIES -> Set.of(SOURCES);
            case PRODUCTS -> Set.of(COMPANIES);
            case PEOPLE -> Set.of(COMPANIES, SOURCES);
            case STATEMENTS -> Set.of(PEOPLE, COMPANIES, AGREEMENTS, SOURCES);
            case AGREEMENTS -> Set.of(COMPANIES, PRODUCTS, SOURCES);
        };
    }

    static Optional<DealSection> byField(String field) {
        for (var section : values()) {
            if (section.field.equals(field)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    static List<String> fields() {
        return java.util.Arrays.stream(values()).map(s -> s.field).toList();
    }
}
