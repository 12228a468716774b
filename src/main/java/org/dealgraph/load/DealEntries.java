package org.dealgraph.load;

import java.util.List;
import java.util.Set;

import org.dealgraph.dealfile.DealFile;

/**
 * A deal file's entries, read as often as a load needs them (once to check the file, once more to write it, again if
 * the database retries the transaction) without holding them all: a file's text is parsed as a stream.
 */
public interface DealEntries {

    /** Takes each entry as it is read; {@code entry} is null for an empty entry. */
    @FunctionalInterface
    interface Visitor {
        void entry(DealSection section, int index, Object entry);

        /** A section begins (every section the file gives, read or skipped). */
        default void section(DealSection section) {
        }
    }

    /**
     * Reads the entries of the given sections in the file's order, skipping the others; an unreadable file throws
     * {@link org.dealgraph.dealfile.InvalidDealFileException} with where and what.
     */
    void read(Set<DealSection> sections, Visitor visitor);

    /** A file given as structured input (the mutations): small, and already in memory. */
    static DealEntries of(DealFile file) {
        return (sections, visitor) -> {
            for (var section : DealSection.values()) {
                visitor.section(section);
                if (sections.contains(section)) {
                    List<?> entries = switch (section) {
                        case SOURCES -> file.sources();
                        case COMPANIES -> file.companies();
                        case PRODUCTS -> file.products();
                        case PEOPLE -> file.people();
                        case STATEMENTS -> file.statements();
                        case AGREEMENTS -> file.agreements();
                        case RETRACTIONS -> file.retractions();
                    };
                    for (int i = 0; i < entries.size(); i++) {
                        visitor.entry(section, i, entries.get(i));
                    }
                }
            }
        };
    }
}
