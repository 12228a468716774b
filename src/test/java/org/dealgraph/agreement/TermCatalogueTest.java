package org.dealgraph.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.dealgraph.dealfile.DealFile;
import org.dealgraph.derived.AgreementState;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

/** Every term of the catalogue has its face in each record that shows it, and round-trips through its storage. */
class TermCatalogueTest {

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
    }

    @Test
    void everyTermIsAFieldOfTheAgreementAndOfTheDealFile() {
        for (var term : Term.values()) {
            assertTrue(components(Agreement.class).contains(term.field()), term + " in Agreement");
            assertTrue(components(DealFile.AgreementEntry.class).contains(term.field()), term + " in the deal file");
        }
    }

    @Test
    void everyAmendableTermIsAFieldOfTheStateOnADate() {
        for (var term : Term.amendableTerms()) {
            assertTrue(components(AgreementState.class).contains(term.field()), term + " in AgreementState");
        }
    }

    @Test
    void noTwoTermsShareAProperty() {
        var seen = new HashSet<String>();
        for (var term : Term.values()) {
            for (var property : term.properties()) {
                assertTrue(seen.add(property), property + " of " + term);
            }
        }
    }

    @Test
    void everyTermReadsBackWhatItStores() {
        var samples = new HashMap<TermType, String>();
        samples.put(TermType.BOOLEAN, "true");
        samples.put(TermType.TEXT, "some words");
        samples.put(TermType.NUMBER, "7.5");
        samples.put(TermType.PERCENT, "~27");
        samples.put(TermType.DATE, "~2025-09");
        samples.put(TermType.MONEY, "up to USD 2.5B");
        samples.put(TermType.VALUATION, "~USD 730B pre-money");
        for (var term : Term.values()) {
            var value = term.parseText(samples.get(term.type()));
            var stored = new HashMap<String, Object>();
            term.store(value, stored);
            assertEquals(Set.copyOf(term.properties()), stored.keySet(), term + " stores its properties");
            var read = term.read(Values.value(stored));
            assertEquals(samples.get(term.type()), term.text(read), term + " reads back");
        }
    }
}
