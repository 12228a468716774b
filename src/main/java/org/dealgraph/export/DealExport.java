package org.dealgraph.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.agreement.Term;
import org.dealgraph.agreement.TermType;
import org.dealgraph.database.GraphSessions;
import org.dealgraph.load.FieldDiff;
import org.dealgraph.value.DateValue;
import org.dealgraph.value.ExternalIdScheme;
import org.dealgraph.value.Money;
import org.dealgraph.value.Percent;
import org.dealgraph.value.Valuation;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * The graph written back as a deal file in the documented format: every source, company, product, person,
 * statement and agreement as it now stands (retracted facts left out, as from every answer), so that facts entered
 * through mutations live in files too, and loading the file into an empty database gives the same graph. One
 * company's deals: its agreements, with the companies, products and sources they name.
 */
@ApplicationScoped
public class DealExport {

    private static final String SOURCES = """
            MATCH (s:Source) WHERE $ids IS NULL OR s.id IN $ids
            RETURN s AS node ORDER BY s.id""";
    private static final String COMPANIES = """
            MATCH (c:Company) WHERE $ids IS NULL OR c.id IN $ids
            RETURN c AS node, [(c)-[:SUBSIDIARY_OF]->(p:Company) | p.id][0] AS parent, %s AS sources ORDER BY c.id""";
    private static final String PRODUCTS = """
            MATCH (p:Product) WHERE $ids IS NULL OR p.id IN $ids
            RETURN p AS node, [(o:Company)-[:OFFERS]->(p) | o.id][0] AS owner ORDER BY p.id""";
    private static final String PEOPLE = """
            MATCH (p:Person) WHERE $ids IS NULL
            RETURN p AS node, [(p)-[:HOLDS]->(r:Role)-[:AT]->(c:Company) | {role: r, company: c.id, sources: %s}] AS roles
            ORDER BY p.id""";
    private static final String STATEMENTS = """
            MATCH (st:Statement) WHERE $ids IS NULL
            RETURN st AS node, [(by)-[:MADE]->(st) WHERE by:Person OR by:Company | by.id][0] AS by,
                   COLLECT { MATCH (st)-[:ABOUT]->(a:Agreement) RETURN a.id ORDER BY a.id } AS about, %s AS sources ORDER BY st.id""";
    private static final String AGREEMENTS = """
            MATCH (a:Agreement) WHERE $company IS NULL OR EXISTS { (:Company {id: $company})-[:PARTY_TO]->(a) }
            RETURN a AS node,
                   COLLECT { MATCH (c:Company)-[r:PARTY_TO]->(a) RETURN {company: c.id, role: r.role} AS p ORDER BY c.id, r.role } AS parties,
                   COLLECT { MATCH (a)-[:CONCERNS]->(p:Product) RETURN p.id ORDER BY p.id } AS products,
                   [(a)-[:HAS_TRANCHE]->(t:Tranche) | t] AS tranches,
                   COLLECT { MATCH (a)-[r:AMENDS]->(t:Agreement) RETURN {target: t.id, link: r} AS m ORDER BY t.id, r.effective } AS amends,
                   %s AS sources
            ORDER BY a.announced, a.id""";

    /** A fact's sources as a file cites them: those attached later too; a retracted claim stays out. */
    private static String cited(String node) {
        return "[(" + node + ")-[cite:SOURCED_BY]->(s:Source) | {source: s.id, confidence: cite.confidence, facts: cite.facts, claim: cite.claim, note: cite.note}]";
    }

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

    private final GraphSessions sessions;

    DealExport(GraphSessions sessions) {
        this.sessions = sessions;
    }

    /** The whole graph, or ({@code company} given) that company's agreements and what they name. */
    public String yaml(String company) {
        try {
            return "# dealgraph export" + (company == null ? "" : " of " + company + "'s deals") + ": a deal file (seed/README.md)\n"
                    + YAML.writeValueAsString(file(company));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> file(String company) {
        try (var session = sessions.read()) {
            return session.executeRead(tx -> {
                var file = new LinkedHashMap<String, Object>();
                var agreements = tx.run(AGREEMENTS.formatted(cited("a")), parameters("company", company)).list(r -> agreement(r.get("node"), r));
                List<String> companyIds = null;
                List<String> productIds = null;
                List<String> sourceIds = null;
                if (company != null) {
                    var companies = new TreeSet<String>(List.of(company));
                    var products = new TreeSet<String>();
                    var sources = new TreeSet<String>();
                    for (var a : agreements) {
                        list(a.get("parties")).forEach(p -> companies.add((String) ((Map<?, ?>) p).get("company")));
                        list(a.get("products")).forEach(p -> products.add((String) p));
                        list(a.get("sources")).forEach(s -> sources.add((String) ((Map<?, ?>) s).get("source")));
                    }
                    productIds = List.copyOf(products);
                    tx.run(PRODUCTS, parameters("ids", productIds)).list(r -> r.get("owner").asString(null)).stream()
                            .filter(Objects::nonNull).forEach(companies::add);
                    // Their parent companies too, up the chain: a file must define what it refers to.
                    List<Record> companyRows;
                    int known;
                    do {
                        known = companies.size();
                        companyRows = tx.run(COMPANIES.formatted(cited("c")), parameters("ids", List.copyOf(companies))).list();
                        companyRows.forEach(r -> {
                            if (!r.get("parent").isNull()) {
                                companies.add(r.get("parent").asString());
                            }
                        });
                    } while (companies.size() > known);
                    companyIds = List.copyOf(companies);
                    companyRows.forEach(r -> r.get("sources").asList(s -> s.get("source").asString()).forEach(sources::add));
                    sourceIds = List.copyOf(sources);
                }
                file.put("sources", tx.run(SOURCES, parameters("ids", sourceIds)).list(r -> source(r.get("node"))));
                file.put("companies", tx.run(COMPANIES.formatted(cited("c")), parameters("ids", companyIds)).list(this::company));
                file.put("products", tx.run(PRODUCTS, parameters("ids", productIds)).list(r -> product(r.get("node"), r.get("owner"))));
                if (company == null) {
                    file.put("people", tx.run(PEOPLE.formatted(cited("r")), parameters("ids", null)).list(this::person));
                    file.put("statements", tx.run(STATEMENTS.formatted(cited("st")), parameters("ids", null)).list(this::statement));
                }
                file.put("agreements", agreements);
                file.values().removeIf(v -> v instanceof List<?> l && l.isEmpty());
                return file;
            });
        }
    }

    private static Map<String, Object> parameters(String name, Object value) {
        var map = new LinkedHashMap<String, Object>();
        map.put("ids", null);
        map.put("company", null);
        map.put(name, value);
        return map;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static Map<String, Object> source(Value s) {
        var out = entry("id", s.get("id").asString(), "url", s.get("url").asString(), "publisher", s.get("publisher").asString(null));
        put(out, "published", date(s, "published"));
        put(out, "retrieved", date(s, "retrieved"));
        put(out, "note", s.get("note").asString(null));
        return out;
    }

    private Map<String, Object> company(Record r) {
        var c = r.get("node");
        var out = entry("id", c.get("id").asString(), "name", c.get("name").asString());
        put(out, "aliases", strings(c.get("aliases")));
        put(out, "kinds", strings(c.get("kinds")));
        put(out, "parent", r.get("parent").asString(null));
        put(out, "description", c.get("description").asString(null));
        put(out, "ids", ids(c, List.of(ExternalIdScheme.WIKIDATA, ExternalIdScheme.LEI, ExternalIdScheme.CRUNCHBASE)));
        put(out, "sources", citations(r.get("sources")));
        return out;
    }

    private static Map<String, Object> product(Value p, Value owner) {
        var out = entry("id", p.get("id").asString(), "name", p.get("name").asString());
        put(out, "aliases", strings(p.get("aliases")));
        put(out, "kind", p.get("kind").asString(null));
        put(out, "owner", owner.asString(null));
        put(out, "launched", date(p, "launched"));
        return out;
    }

    private Map<String, Object> person(Record r) {
        var p = r.get("node");
        var out = entry("id", p.get("id").asString(), "name", p.get("name").asString());
        put(out, "aliases", strings(p.get("aliases")));
        put(out, "ids", ids(p, List.of(ExternalIdScheme.WIKIDATA, ExternalIdScheme.CRUNCHBASE)));
        var roles = new ArrayList<Map<String, Object>>();
        for (var held : r.get("roles").asList(v -> v)) {
            var role = held.get("role");
            var entry = entry("title", role.get("title").asString(), "company", held.get("company").asString());
            put(entry, "from", date(role, "from"));
            put(entry, "until", date(role, "until"));
            put(entry, "sources", citations(held.get("sources")));
            roles.add(entry);
        }
        roles.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("company")))
                .thenComparing(m -> String.valueOf(m.get("title"))).thenComparing(m -> String.valueOf(m.get("from"))));
        put(out, "roles", roles);
        return out;
    }

    private Map<String, Object> statement(Record r) {
        var st = r.get("node");
        var out = entry("id", st.get("id").asString(), "by", r.get("by").asString(null));
        put(out, "date", date(st, "date"));
        put(out, "summary", st.get("summary").asString(null));
        put(out, "quote", st.get("quote").asString(null));
        put(out, "about", strings(r.get("about")));
        put(out, "sources", citations(r.get("sources")));
        return out;
    }

    private static Map<String, Object> agreement(Value a, Record r) {
        var out = entry("id", a.get("id").asString(), "kind", a.get("kind").asString(), "title", a.get("title").asString());
        put(out, "summary", a.get("summary").asString(null));
        put(out, "parties", r.get("parties").asList(p -> entry("company", p.get("company").asString(), "role", p.get("role").asString())));
        put(out, "products", strings(r.get("products")));
        for (var term : Term.values()) {
            put(out, term.field(), FieldDiff.text(term.read(a)) == null ? null : fileValue(term.read(a)));
        }
        var tranches = new ArrayList<>(r.get("tranches").asList(v -> v));
        tranches.sort(Comparator.comparingInt(t -> t.get("seq").asInt(0)));
        put(out, "tranches", tranches.stream().map(t -> {
            var entry = entry("label", t.get("label").asString(), "money", ((Money) TermType.MONEY.read(t, "amount")).text());
            if (t.get("conditional").asBoolean(false)) {
                entry.put("conditional", true);
            }
            put(entry, "conditions", t.get("conditions").asString(null));
            return entry;
        }).toList());
        put(out, "amends", r.get("amends").asList(m -> {
            var link = m.get("link");
            var entry = entry("agreement", m.get("target").asString(), "kind", link.get("kind").asString(null), "effective", date(link, "effective"));
            put(entry, "summary", link.get("summary").asString(null));
            put(entry, "confidence", link.get("confidence").asString(null));
            var fields = strings(link.get("changeFields"));
            var changes = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < fields.size(); i++) {
                var change = entry("field", fields.get(i));
                // Lists in the graph cannot hold nulls: an absent value is kept as ''.
                put(change, "from", blankless(strings(link.get("changeFrom")), i));
                put(change, "to", blankless(strings(link.get("changeTo")), i));
                put(change, "confidence", blankless(strings(link.get("changeConfidence")), i));
                changes.add(change);
            }
            put(entry, "changes", changes);
            return entry;
        }));
        put(out, "sources", citations(r.get("sources")));
        return out;
    }

    /** A term as a deal file writes it: money, dates and valuations as text, numbers and booleans as themselves. */
    private static Object fileValue(Object value) {
        if (value instanceof Money || value instanceof DateValue || value instanceof Valuation || value instanceof Percent) {
            return TermType.textOf(value);
        }
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
        return value;
    }

    private static String date(Value node, String property) {
        var date = TermType.DATE.read(node, property);
        return date == null ? null : ((DateValue) date).text();
    }

    private static List<Map<String, Object>> citations(Value sources) {
        var out = new ArrayList<Map<String, Object>>();
        for (var s : sources.asList(v -> v)) {
            var entry = entry("source", s.get("source").asString(), "confidence", s.get("confidence").asString());
            put(entry, "facts", strings(s.get("facts")));
            put(entry, "claim", s.get("claim").asString(null));
            put(entry, "note", s.get("note").asString(null));
            out.add(entry);
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("source"))).thenComparing(Map::toString));
        return out;
    }

    private static String blankless(List<String> values, int i) {
        return i < values.size() && values.get(i) != null && !values.get(i).isEmpty() ? values.get(i) : null;
    }

    private static List<String> strings(Value value) {
        return value == null || value.isNull() ? List.of() : value.asList(v -> v.isNull() ? null : v.asString());
    }

    private static Map<String, Object> entry(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            put(map, (String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A node's external ids as a deal file gives them ({@code ids: {wikidata: Q…}}); null without any. */
    private static Map<String, Object> ids(Value node, List<ExternalIdScheme> schemes) {
        var ids = new LinkedHashMap<String, Object>();
        for (var scheme : schemes) {
            if (!node.get(scheme.property).isNull()) {
                ids.put(scheme.property, node.get(scheme.property).asString());
            }
        }
        return ids.isEmpty() ? null : ids;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
            map.put(key, value);
        }
    }
}
