package org.dealgraph.deal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated deal file as rows for the graph, and the ids it expects the graph to hold already. */
public final class DealPlan {

    final List<Map<String, Object>> sources = new ArrayList<>();
    final List<Map<String, Object>> companies = new ArrayList<>();
    final List<Map<String, Object>> products = new ArrayList<>();
    final List<Map<String, Object>> people = new ArrayList<>();
    final List<Map<String, Object>> statements = new ArrayList<>();
    final List<Map<String, Object>> agreements = new ArrayList<>();
    final Set<String> productIds = new HashSet<>();
    final Set<String> personIds = new HashSet<>();
    final Set<String> agreementIds = new HashSet<>();
    /** Referenced id → where in the file, for ids the file does not define itself. */
    final Map<String, String> referencedCompanies = new LinkedHashMap<>();
    final Map<String, String> referencedProducts = new LinkedHashMap<>();
    final Map<String, String> referencedAgreements = new LinkedHashMap<>();
    final Map<String, String> referencedSources = new LinkedHashMap<>();
    /** Statement authors: a person or a company. */
    final Map<String, String> referencedSpeakers = new LinkedHashMap<>();

    public int agreementCount() {
        return agreements.size();
    }
}
