package org.dealgraph.person;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.Page;
import org.dealgraph.database.Graph;
import org.dealgraph.database.Keyset;

/** Reads people: one Cypher query per call. */
@ApplicationScoped
public class PersonRepository {

    private static final String BY_ID = """
            MATCH (person:Person {id: $id})
            RETURN %s AS person""".formatted(Person.PROJECTION);

    /** By name, then id, from the cursor on; counted only when asked. */
    private static final String PAGE = """
            CALL () {
                MATCH (person:Person)
                WHERE $name IS NULL OR toLower(person.name) CONTAINS toLower($name)
                RETURN %1$s AS total
            }
            CALL () {
                MATCH (person:Person)
                WHERE ($name IS NULL OR toLower(person.name) CONTAINS toLower($name)) AND %2$s
                WITH person ORDER BY person.name %3$s, person.id %3$s
                LIMIT $take
                RETURN collect({node: %4$s, key: person.name, id: person.id}) AS rows
            }
            RETURN total, rows""";

    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();

    private static final String AT_COMPANIES = """
            UNWIND $ids AS companyId
            OPTIONAL MATCH (person:Person)-[:HOLDS]->(:Role)-[:AT]->(:Company {id: companyId})
            WITH companyId, person ORDER BY person.name
            RETURN companyId, collect(DISTINCT %s) AS people""".formatted(Person.PROJECTION);

    private final Graph graph;

    PersonRepository(Graph graph) {
        this.graph = graph;
    }


    Optional<Person> byId(String id) {
        return graph.readOne(BY_ID, Map.of("id", id), r -> Person.from(r.get("person")));
    }

    Page.Rows<Person> page(String nameContains, Page page, boolean counted) {
        var params = new HashMap<String, Object>(page.parameters());
        params.put("name", nameContains);
        var where = Keyset.where(page, "person.name", "person.id", true);
        var query = PAGES.computeIfAbsent(counted + where + page.backward(), k -> PAGE.formatted(counted ? "count(person)" : "-1", where,
                Keyset.direction(page, true), Person.PROJECTION));
        return graph.readOne(query, params, r -> new Page.Rows<>(r.get("total").asLong(), r.get("rows").asList(
                v -> new Page.Row<>(Person.from(v.get("node")), v.get("key").asObject(), v.get("id").asString())))).orElseThrow();
    }

    /** The people holding roles at each company, by company id. */
    Map<String, List<Person>> atCompanies(List<String> companyIds) {
        var found = new HashMap<String, List<Person>>();
        graph.read(AT_COMPANIES, Map.of("ids", companyIds),
                r -> found.put(r.get("companyId").asString(), r.get("people").asList(Person::from)));
        return found;
    }
}
