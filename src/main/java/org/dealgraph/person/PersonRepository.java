package org.dealgraph.person;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.Page;
import org.dealgraph.database.Graph;

/** Reads people: one Cypher query per call. */
@ApplicationScoped
public class PersonRepository {

    private static final String BY_ID = """
            MATCH (person:Person {id: $id})
            RETURN %s AS person""".formatted(Person.PROJECTION);

    private static final String PAGE = """
            MATCH (person:Person)
            WHERE $name IS NULL OR toLower(person.name) CONTAINS toLower($name)
            WITH person ORDER BY person.name, person.id
            WITH collect(person) AS matched
            RETURN size(matched) AS total, [person IN matched[$skip..$end] | %s] AS people""".formatted(Person.PROJECTION);

    private static final String AT_COMPANIES = """
            UNWIND $ids AS companyId
            OPTIONAL MATCH (person:Person)-[:HOLDS]->(:Role)-[:AT]->(:Company {id: companyId})
            WITH companyId, person ORDER BY person.name
            RETURN companyId, collect(DISTINCT %s) AS people""".formatted(Person.PROJECTION);

    private final Graph graph;

    PersonRepository(Graph graph) {
        this.graph = graph;
    }

    record Found(long total, List<Person> people) {
    }

    Optional<Person> byId(String id) {
        return graph.readOne(BY_ID, Map.of("id", id), r -> Person.from(r.get("person")));
    }

    Found page(String nameContains, Page page) {
        var params = new HashMap<String, Object>();
        params.put("name", nameContains);
        params.put("skip", page.offset());
        params.put("end", page.offset() + page.limit());
        return graph.readOne(PAGE, params, r -> new Found(r.get("total").asLong(), r.get("people").asList(Person::from)))
                .orElseThrow();
    }

    /** The people holding roles at each company, by company id. */
    Map<String, List<Person>> atCompanies(List<String> companyIds) {
        var found = new HashMap<String, List<Person>>();
        graph.read(AT_COMPANIES, Map.of("ids", companyIds),
                r -> found.put(r.get("companyId").asString(), r.get("people").asList(Person::from)));
        return found;
    }
}
