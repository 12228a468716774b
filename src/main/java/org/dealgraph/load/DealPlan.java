package org.dealgraph.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.dealgraph.agreement.TermType;
import org.dealgraph.value.ExternalIdScheme;
import org.dealgraph.value.FuzzyDate;
import org.dealgraph.value.Money;

/**
 * What checking a deal file learnt about it as a whole: the ids it defines and where, the ids it expects the graph to
 * hold already, its retractions. The facts themselves are not kept: the writer reads them again, a batch at a time.
 * Each fact gives the parameters its Cypher write takes ({@link Fact#row()}); the writer fingerprints that row to tell
 * a changed fact from an unchanged one.
 */
public final class DealPlan {

    /** A fact the writer merges on its business id. */
    public interface Fact {
        String id();

        /** The parameters of its write: property values and links, as the driver takes them. */
        Map<String, Object> row();
    }

    public record Citation(String source, String confidence, List<String> facts, String claim, String note) {
        Map<String, Object> row() {
            return map("source", source, "confidence", confidence, "facts", facts, "claim", claim, "note", note);
        }
    }

    public record PlannedSource(String id, String url, String publisher, FuzzyDate published, FuzzyDate retrieved, String note)
            implements Fact {
        @Override
        public Map<String, Object> row() {
            var row = map("id", id, "url", url, "publisher", publisher, "note", note);
            date("published", published, row);
            date("retrieved", retrieved, row);
            return row;
        }
    }

    public record PlannedCompany(String id, String name, List<String> aliases, List<String> kinds, String parent,
            String description, Map<ExternalIdScheme, String> ids, List<Citation> sources) implements Fact {
        @Override
        public Map<String, Object> row() {
            var row = map("id", id, "name", name, "aliases", aliases, "aliasText", String.join(" | ", aliases), "kinds", kinds,
                    "parent", parent, "description", description, "sources", rows(sources, Citation::row));
            externalIds(ids, row);
            return row;
        }
    }

    /**
     * External ids go into a row only when given, one key per scheme: a fact without any keeps the fingerprint it had
     * before external ids existed, so files loaded before reload unchanged.
     */
    private static void externalIds(Map<ExternalIdScheme, String> ids, Map<String, Object> row) {
        ids.forEach((scheme, value) -> row.put(scheme.property, value));
    }

    public record PlannedProduct(String id, String name, List<String> aliases, String kind, String owner, FuzzyDate launched)
            implements Fact {
        @Override
        public Map<String, Object> row() {
            var row = map("id", id, "name", name, "aliases", aliases, "aliasText", String.join(" | ", aliases), "kind", kind,
                    "owner", owner);
            date("launched", launched, row);
            return row;
        }
    }

    public record PlannedRole(String id, String title, String company, FuzzyDate from, FuzzyDate until, List<Citation> sources) {
        Map<String, Object> row() {
            var row = map("id", id, "title", title, "company", company, "sources", rows(sources, Citation::row));
            date("from", from, row);
            date("until", until, row);
            return row;
        }
    }

    public record PlannedPerson(String id, String name, List<String> aliases, Map<ExternalIdScheme, String> ids, List<PlannedRole> roles)
            implements Fact {
        @Override
        public Map<String, Object> row() {
            var row = map("id", id, "name", name, "aliases", aliases, "aliasText", String.join(" | ", aliases),
                    "roles", rows(roles, PlannedRole::row));
            externalIds(ids, row);
            return row;
        }
    }

    public record PlannedStatement(String id, String by, FuzzyDate date, String summary, String quote, List<String> about,
            List<Citation> sources) implements Fact {
        @Override
        public Map<String, Object> row() {
            var row = map("id", id, "by", by, "summary", summary, "quote", quote, "about", about,
                    "sources", rows(sources, Citation::row));
            DealPlan.date("date", date, row);
            return row;
        }
    }

    public record PlannedParty(String company, String role) {
    }

    public record PlannedTranche(String id, int seq, String label, Money money, boolean conditional, String conditions) {
        /** The tranche node's properties. */
        Map<String, Object> properties() {
            var props = map("id", id, "seq", seq, "label", label, "conditional", conditional, "conditions", conditions);
            TermType.MONEY.store("amount", money, props);
            return props;
        }
    }

    /** An AMENDS link to {@code target}; each change is a term with its text before and after. */
    public record PlannedAmendment(String target, String kind, FuzzyDate effective, String summary, String confidence,
            List<String> changeFields, List<String> changeFrom, List<String> changeTo, List<String> changeConfidence) {
        /** The relationship's properties. */
        Map<String, Object> properties() {
            var props = map("kind", kind, "summary", summary, "confidence", confidence, "changeFields", changeFields,
                    "changeFrom", changeFrom, "changeTo", changeTo, "changeConfidence", changeConfidence);
            date("effective", effective, props);
            return props;
        }
    }

    /** An agreement: its node properties (identity and every term of the catalogue) and its links. */
    public record PlannedAgreement(String id, String kind, String title, String summary, Map<String, Object> terms,
            List<PlannedParty> parties, List<String> products, List<PlannedTranche> tranches, List<PlannedAmendment> amends,
            List<Citation> sources) implements Fact {

        /** The node's properties; absent terms are null, so that writing them over a changed node removes them. */
        Map<String, Object> properties() {
            var props = map("id", id, "kind", kind, "title", title, "summary", summary);
            props.putAll(terms);
            return props;
        }

        @Override
        public Map<String, Object> row() {
            var row = properties();
            row.put("parties", parties.stream().map(p -> map("company", p.company(), "role", p.role())).toList());
            row.put("products", products);
            row.put("tranches", rows(tranches, PlannedTranche::properties));
            row.put("amends", amends.stream().map(m -> {
                var amendment = m.properties();
                amendment.put("target", m.target());
                return amendment;
            }).toList());
            row.put("sources", rows(sources, Citation::row));
            return row;
        }
    }

    /** The ids the file defines, by section, each with its place in its list. */
    private final Map<DealSection, Map<String, Integer>> defined = new EnumMap<>(DealSection.class);
    /** Source id → url, for urls the graph holds under another source id. */
    final Map<String, String> sourceUrls = new LinkedHashMap<>();
    /** Retractions (and restorations) the file asks for, each with where it stands in the file. */
    final List<PlannedRetraction> retractions = new ArrayList<>();
    /** The file's lists in the order the file gives them. */
    final List<DealSection> order = new ArrayList<>();

    public record PlannedRetraction(RetractionWrites.Fact fact, String reason, boolean restore, String path) {
    }
    /** Referenced id → where in the file, for ids the file does not define itself. */
    final Map<String, String> referencedCompanies = new LinkedHashMap<>();
    final Map<String, String> referencedProducts = new LinkedHashMap<>();
    final Map<String, String> referencedAgreements = new LinkedHashMap<>();
    final Map<String, String> referencedSources = new LinkedHashMap<>();
    /** Statement authors: a person or a company. */
    final Map<String, String> referencedSpeakers = new LinkedHashMap<>();

    /** Notes an id the file defines; the place it had already, when it appeared before. */
    Integer define(DealSection section, String id, int index) {
        return defined.computeIfAbsent(section, s -> new LinkedHashMap<>()).putIfAbsent(id, index);
    }

    /** The ids a section defines, in file order. */
    Set<String> ids(DealSection section) {
        return defined.getOrDefault(section, Map.of()).keySet();
    }

    boolean defines(DealSection section, String id) {
        return defined.getOrDefault(section, Map.of()).containsKey(id);
    }

    /** The place in its list of an id the section defines; -1 when it does not. */
    int position(DealSection section, String id) {
        var index = defined.getOrDefault(section, Map.of()).get(id);
        return index == null ? -1 : index;
    }

    int count(DealSection section) {
        return defined.getOrDefault(section, Map.of()).size();
    }

    public int agreementCount() {
        return count(DealSection.AGREEMENTS);
    }

    /** A mutable map of alternating keys and values, nulls allowed (Map.of takes none). */
    static Map<String, Object> map(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static <T> List<Map<String, Object>> rows(List<T> items, Function<T, Map<String, Object>> row) {
        return items.stream().map(row).toList();
    }

    private static void date(String property, FuzzyDate date, Map<String, Object> into) {
        TermType.DATE.store(property, date, into);
    }

    /** The map without its null values: for {@code SET n = $map} of a node created afresh. */
    static Map<String, Object> present(Map<String, Object> map) {
        var copy = new LinkedHashMap<>(map);
        copy.values().removeIf(Objects::isNull);
        return copy;
    }
}
