package org.dealgraph.deal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.dealgraph.deal.DealFile.AgreementEntry;
import org.dealgraph.deal.DealFile.SourceRef;
import org.dealgraph.deal.InvalidDealFileException.Problem;
import org.dealgraph.deal.Vocabulary.AgreementKind;
import org.dealgraph.deal.Vocabulary.AmendmentKind;
import org.dealgraph.deal.Vocabulary.CompanyKind;
import org.dealgraph.deal.Vocabulary.PartyRole;
import org.dealgraph.graph.Confidence;
import org.dealgraph.graph.FuzzyDate;
import org.dealgraph.graph.Money;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a deal file (YAML, or JSON which is YAML too), checks every rule and turns it into the rows the
 * {@link DealWriter} writes. Every problem of a file is reported at once, with its path in the file.
 */
@ApplicationScoped
public class DealFileReader {

    private static final int MAX_CHARACTERS = 128 * 1024 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions()).build()).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** JSON is YAML too, but Jackson's JSON parser reads a large generated file many times faster. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        var options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        return options;
    }

    private final Validator validator;

    DealFileReader(Validator validator) {
        this.validator = validator;
    }

    public DealPlan read(String fileName, String content) {
        DealFile file;
        try {
            file = (content.stripLeading().startsWith("{") ? JSON : YAML).readValue(content, DealFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidDealFileException(fileName, List.of(new Problem(path(e),
                    "unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds())));
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new InvalidDealFileException(fileName, List.of(new Problem(path(e), e.getPath().isEmpty()
                    ? "a deal file is a mapping with the lists sources, companies, products, people, statements and agreements"
                    : "has the wrong type: expected " + simpleType(e.getTargetType()))));
        } catch (JsonProcessingException e) {
            var location = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidDealFileException(fileName, List.of(new Problem(path(e),
                    e.getOriginalMessage().lines().findFirst().orElse("unreadable") + location)));
        }
        if (file == null) {
            throw new InvalidDealFileException(fileName, List.of(new Problem("(file)", "is empty")));
        }
        return plan(fileName, file);
    }

    public DealPlan plan(String fileName, DealFile file) {
        var problems = new ArrayList<Problem>();
        for (var violation : validator.validate(file)) {
            problems.add(new Problem(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        DealText.check(file, "", problems);
        var structural = problems.size();
        DealPlan plan = null;
        try {
            plan = new Planner(problems).plan(file);
        } catch (RuntimeException e) {
            // Only a file Bean Validation already faulted can trip the planner; its problems are reported.
            if (structural == 0) {
                throw e;
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparing(Problem::path));
            throw new InvalidDealFileException(fileName, problems.stream().distinct().toList());
        }
        return plan;
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a mapping of fields";
        }
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("bigdecimal", "number").replace("string", "text");
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            var sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        var location = e.getLocation();
        return location == null ? "(file)" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Turns validated entries into graph rows, collecting every problem it meets on the way. */
    private static final class Planner {

        private final List<Problem> problems;
        private final Set<String> sourceIds = new HashSet<>();
        private final Set<String> companyIds = new HashSet<>();

        Planner(List<Problem> problems) {
            this.problems = problems;
        }

        DealPlan plan(DealFile file) {
            var plan = new DealPlan();
            var urls = new HashMap<String, String>();
            for (int i = 0; i < file.sources().size(); i++) {
                var s = file.sources().get(i);
                var at = "sources[" + i + "]";
                unique(sourceIds, s.id(), at + ".id");
                var other = urls.putIfAbsent(s.url(), s.id());
                if (other != null) {
                    problems.add(new Problem(at + ".url", "is also the url of source '" + other + "'"));
                }
                var row = new LinkedHashMap<String, Object>();
                row.put("id", s.id());
                row.put("url", s.url().strip());
                row.put("publisher", s.publisher().strip());
                putDate(row, "published", s.published(), at + ".published");
                putDate(row, "retrieved", s.retrieved(), at + ".retrieved");
                row.put("note", trim(s.note()));
                plan.sources.add(row);
            }
            for (int i = 0; i < file.companies().size(); i++) {
                var c = file.companies().get(i);
                var at = "companies[" + i + "]";
                unique(companyIds, c.id(), at + ".id");
                var kinds = new ArrayList<String>();
                var given = c.kinds() == null ? List.<String>of() : c.kinds();
                for (int k = 0; k < given.size(); k++) {
                    var kind = given.get(k) == null ? null : parse(CompanyKind.class, given.get(k), at + ".kinds[" + k + "]");
                    if (kind != null) {
                        kinds.add(kind.name());
                    }
                }
                var row = new LinkedHashMap<String, Object>();
                row.put("id", c.id());
                row.put("name", c.name().strip());
                row.put("aliases", aliases(c.aliases()));
                row.put("aliasText", String.join(" | ", aliases(c.aliases())));
                row.put("kinds", kinds);
                row.put("parent", c.parent());
                row.put("description", trim(c.description()));
                row.put("sources", sourceRefs(c.sources(), at + ".sources"));
                if (c.parent() != null) {
                    plan.referencedCompanies.put(c.parent(), at + ".parent");
                }
                plan.companies.add(row);
            }
            for (int i = 0; i < file.products().size(); i++) {
                var p = file.products().get(i);
                var at = "products[" + i + "]";
                var row = new LinkedHashMap<String, Object>();
                row.put("id", p.id());
                row.put("name", p.name().strip());
                row.put("aliases", aliases(p.aliases()));
                row.put("aliasText", String.join(" | ", aliases(p.aliases())));
                row.put("kind", p.kind().strip());
                row.put("owner", p.owner());
                putDate(row, "launched", p.launched(), at + ".launched");
                plan.referencedCompanies.put(p.owner(), at + ".owner");
                plan.products.add(row);
                plan.productIds.add(p.id());
            }
            for (int i = 0; i < file.people().size(); i++) {
                var p = file.people().get(i);
                var at = "people[" + i + "]";
                var roles = new ArrayList<Map<String, Object>>();
                var given = p.roles() == null ? List.<DealFile.RoleEntry>of() : p.roles();
                for (int r = 0; r < given.size(); r++) {
                    var role = given.get(r);
                    var rat = at + ".roles[" + r + "]";
                    var row = new LinkedHashMap<String, Object>();
                    row.put("id", p.id() + "@" + role.company() + ":" + slug(role.title()));
                    row.put("title", role.title().strip());
                    row.put("company", role.company());
                    putDate(row, "from", role.from(), rat + ".from");
                    putDate(row, "until", role.until(), rat + ".until");
                    row.put("sources", sourceRefs(role.sources(), rat + ".sources"));
                    plan.referencedCompanies.put(role.company(), rat + ".company");
                    roles.add(row);
                }
                var row = new LinkedHashMap<String, Object>();
                row.put("id", p.id());
                row.put("name", p.name().strip());
                row.put("aliases", aliases(p.aliases()));
                row.put("aliasText", String.join(" | ", aliases(p.aliases())));
                row.put("roles", roles);
                plan.people.add(row);
                plan.personIds.add(p.id());
            }
            for (int i = 0; i < file.statements().size(); i++) {
                var s = file.statements().get(i);
                var at = "statements[" + i + "]";
                var row = new LinkedHashMap<String, Object>();
                row.put("id", s.id());
                row.put("by", s.by());
                putDate(row, "date", s.date(), at + ".date");
                row.put("summary", s.summary().strip());
                row.put("quote", trim(s.quote()));
                row.put("about", s.about() == null ? List.of() : s.about());
                row.put("sources", sourceRefs(s.sources(), at + ".sources"));
                plan.statements.add(row);
            }
            var agreementIds = new HashSet<String>();
            for (int i = 0; i < file.agreements().size(); i++) {
                var a = file.agreements().get(i);
                unique(agreementIds, a.id(), "agreements[" + i + "].id");
                plan.agreements.add(agreement(a, "agreements[" + i + "]", plan));
            }
            plan.agreementIds.addAll(agreementIds);
            plan.referencedCompanies.keySet().removeAll(companyIds);
            plan.referencedProducts.keySet().removeAll(plan.productIds);
            plan.referencedAgreements.keySet().removeAll(agreementIds);
            sourceRefsSeen.forEach((id, at) -> {
                if (!sourceIds.contains(id)) {
                    plan.referencedSources.put(id, at);
                }
            });
            for (int i = 0; i < file.statements().size(); i++) {
                var s = file.statements().get(i);
                if (!plan.personIds.contains(s.by()) && !companyIds.contains(s.by())) {
                    plan.referencedSpeakers.put(s.by(), "statements[" + i + "].by");
                }
                var about = s.about() == null ? List.<String>of() : s.about();
                for (int k = 0; k < about.size(); k++) {
                    if (about.get(k) == null || !about.get(k).matches(DealFile.ID)) {
                        problems.add(new Problem("statements[" + i + "].about[" + k + "]", DealFile.ID_MESSAGE));
                    } else if (!agreementIds.contains(about.get(k))) {
                        plan.referencedAgreements.put(about.get(k), "statements[" + i + "].about[" + k + "]");
                    }
                }
            }
            return plan;
        }

        private Map<String, Object> agreement(AgreementEntry a, String at, DealPlan plan) {
            var row = new LinkedHashMap<String, Object>();
            var kind = parse(AgreementKind.class, a.kind(), at + ".kind");
            row.put("id", a.id());
            row.put("kind", kind == null ? null : kind.name());
            row.put("title", a.title().strip());
            row.put("summary", trim(a.summary()));
            putDate(row, "announced", a.announced(), at + ".announced");
            var from = putDate(row, "effectiveFrom", a.effectiveFrom(), at + ".effectiveFrom");
            var until = putDate(row, "effectiveUntil", a.effectiveUntil(), at + ".effectiveUntil");
            if (from != null && until != null && until.end().isBefore(from.start())) {
                problems.add(new Problem(at + ".effectiveUntil", "'" + until + "' is before effectiveFrom '" + from + "'"));
            }
            if (a.announced() == null && a.effectiveFrom() == null) {
                problems.add(new Problem(at + ".announced", "an agreement needs an announced or an effectiveFrom date"));
            }
            row.put("termYears", a.termYears() == null ? null : a.termYears().doubleValue());
            putMoney(row, "amount", a.money(), at + ".money");
            putMoney(row, "cap", a.cap(), at + ".cap");
            row.put("exclusive", a.exclusive());
            row.put("primary", a.primary());
            row.put("firstRelease", a.firstRelease());
            row.put("anyCloud", a.anyCloud());
            row.put("scope", trim(a.scope()));
            row.put("ratePercent", a.ratePercent() == null ? null : a.ratePercent().doubleValue());
            putPercent(row, "stakePercent", a.stakePercent(), at + ".stakePercent");
            row.put("binding", a.binding() == null ? Boolean.TRUE : a.binding());
            row.put("conditions", trim(a.conditions()));

            var parties = new ArrayList<Map<String, Object>>();
            var roles = new HashSet<PartyRole>();
            for (int p = 0; p < a.parties().size(); p++) {
                var party = a.parties().get(p);
                var role = parse(PartyRole.class, party.role(), at + ".parties[" + p + "].role");
                if (role != null && kind != null && !Vocabulary.allowedRoles(kind).contains(role)) {
                    problems.add(new Problem(at + ".parties[" + p + "].role", "role " + role + " does not fit a "
                            + kind + " agreement; expected one of " + Vocabulary.allowedRoles(kind)));
                }
                roles.add(role);
                parties.add(Map.of("company", party.company(), "role", role == null ? "" : role.name()));
                plan.referencedCompanies.put(party.company(), at + ".parties[" + p + "].company");
            }
            if (kind != null && !roles.containsAll(Vocabulary.requiredRoles(kind))) {
                problems.add(new Problem(at + ".parties", "a " + kind + " agreement needs parties in the roles "
                        + Vocabulary.requiredRoles(kind)));
            }
            row.put("parties", parties);
            row.put("products", a.products() == null ? List.of() : a.products());
            if (a.products() != null) {
                for (int p = 0; p < a.products().size(); p++) {
                    var product = a.products().get(p);
                    if (product == null || !product.matches(DealFile.ID)) {
                        problems.add(new Problem(at + ".products[" + p + "]", DealFile.ID_MESSAGE));
                    } else {
                        plan.referencedProducts.put(product, at + ".products[" + p + "]");
                    }
                }
            }

            var tranches = new ArrayList<Map<String, Object>>();
            var given = a.tranches() == null ? List.<DealFile.TrancheEntry>of() : a.tranches();
            for (int t = 0; t < given.size(); t++) {
                var tranche = given.get(t);
                var trow = new LinkedHashMap<String, Object>();
                trow.put("id", a.id() + "#" + (t + 1));
                trow.put("seq", t + 1);
                trow.put("label", tranche.label().strip());
                putMoney(trow, "amount", tranche.money(), at + ".tranches[" + t + "].money");
                trow.put("conditional", Boolean.TRUE.equals(tranche.conditional()));
                trow.put("conditions", trim(tranche.conditions()));
                tranches.add(trow);
            }
            row.put("tranches", tranches);

            var amends = new ArrayList<Map<String, Object>>();
            var givenAmends = a.amends() == null ? List.<DealFile.AmendmentEntry>of() : a.amends();
            for (int m = 0; m < givenAmends.size(); m++) {
                amends.add(amendment(givenAmends.get(m), at + ".amends[" + m + "]", a.id(), plan));
            }
            row.put("amends", amends);
            row.put("sources", sourceRefs(a.sources(), at + ".sources"));
            return row;
        }

        private Map<String, Object> amendment(DealFile.AmendmentEntry m, String at, String self, DealPlan plan) {
            var row = new LinkedHashMap<String, Object>();
            var kind = parse(AmendmentKind.class, m.kind(), at + ".kind");
            if (m.agreement().equals(self)) {
                problems.add(new Problem(at + ".agreement", "an agreement cannot amend itself"));
            }
            plan.referencedAgreements.put(m.agreement(), at + ".agreement");
            row.put("target", m.agreement());
            row.put("kind", kind == null ? null : kind.name());
            putDate(row, "effective", m.effective(), at + ".effective");
            row.put("summary", trim(m.summary()));
            row.put("confidence", m.confidence() == null ? null : confidence(m.confidence(), at + ".confidence"));
            var fields = new ArrayList<String>();
            var before = new ArrayList<String>();
            var after = new ArrayList<String>();
            var confidences = new ArrayList<String>();
            var changes = m.changes() == null ? List.<DealFile.ChangeEntry>of() : m.changes();
            for (int c = 0; c < changes.size(); c++) {
                var change = changes.get(c);
                var cat = at + ".changes[" + c + "]";
                var type = Vocabulary.AMENDABLE.get(change.field());
                if (type == null) {
                    problems.add(new Problem(cat + ".field", "'" + change.field() + "' cannot be amended; amendable: "
                            + new java.util.TreeSet<>(Vocabulary.AMENDABLE.keySet())));
                    continue;
                }
                fields.add(change.field());
                before.add(changeValue(type, change.from(), cat + ".from", true));
                after.add(changeValue(type, change.to(), cat + ".to", false));
                confidences.add(change.confidence() == null ? "" : confidence(change.confidence(), cat + ".confidence"));
            }
            row.put("changeFields", fields);
            row.put("changeFrom", before);
            row.put("changeTo", after);
            row.put("changeConfidence", confidences);
            return row;
        }

        private String changeValue(Vocabulary.FieldType type, String value, String at, boolean optional) {
            if (value == null || value.isBlank()) {
                if (!optional && type != Vocabulary.FieldType.TEXT) {
                    problems.add(new Problem(at, "is required"));
                }
                return "";
            }
            var text = value.strip();
            try {
                switch (type) {
                    case BOOLEAN -> {
                        if (!text.equals("true") && !text.equals("false")) {
                            throw new IllegalArgumentException("'" + text + "' is not true or false");
                        }
                    }
                    case DATE -> text = FuzzyDate.parse(text).text();
                    case PERCENT -> percent(text);
                    case MONEY -> text = Money.parse(text).text();
                    case TEXT -> {
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(at, e.getMessage()));
            }
            return text;
        }

        private List<Map<String, Object>> sourceRefs(List<SourceRef> refs, String at) {
            var rows = new ArrayList<Map<String, Object>>();
            if (refs == null) {
                return rows;
            }
            for (int i = 0; i < refs.size(); i++) {
                var ref = refs.get(i);
                var row = new LinkedHashMap<String, Object>();
                row.put("source", ref.source());
                row.put("confidence", confidence(ref.confidence(), at + "[" + i + "].confidence"));
                var facts = ref.facts() == null ? List.<String>of() : ref.facts();
                for (int f = 0; f < facts.size(); f++) {
                    if (facts.get(f) == null || facts.get(f).isBlank() || facts.get(f).length() > 60) {
                        problems.add(new Problem(at + "[" + i + "].facts[" + f + "]", "must be a field name such as 'money'"));
                    }
                }
                row.put("facts", facts.stream().filter(f -> f != null && !f.isBlank()).map(String::strip).toList());
                row.put("claim", trim(ref.claim()));
                row.put("note", trim(ref.note()));
                rows.add(row);
                sourceRefsSeen.put(ref.source(), at + "[" + i + "].source");
            }
            return rows;
        }

        final Map<String, String> sourceRefsSeen = new HashMap<>();

        private String confidence(String value, String at) {
            var parsed = parse(Confidence.class, value, at);
            return parsed == null ? null : parsed.name();
        }

        private <E extends Enum<E>> E parse(Class<E> type, String value, String at) {
            try {
                return Vocabulary.parse(type, value);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(at, e.getMessage()));
                return null;
            }
        }

        private FuzzyDate putDate(Map<String, Object> row, String field, String value, String at) {
            if (value == null) {
                row.put(field, null);
                row.put(field + "Precision", null);
                row.put(field + "Approximate", null);
                return null;
            }
            try {
                var date = FuzzyDate.parse(value);
                row.put(field, date.start());
                row.put(field + "Precision", date.precision().name());
                row.put(field + "Approximate", date.approximate());
                return date;
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(at, e.getMessage()));
                return null;
            }
        }

        private void putMoney(Map<String, Object> row, String field, String value, String at) {
            Money money = null;
            if (value != null) {
                try {
                    money = Money.parse(value);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(at, e.getMessage()));
                }
            }
            row.put(field, money == null ? null : money.amount().toPlainString());
            row.put(field + "Value", money == null ? null : money.amount().doubleValue());
            row.put(field + "Currency", money == null ? null : money.currency());
            row.put(field + "Ceiling", money == null ? null : money.ceiling());
            row.put(field + "Approximate", money == null ? null : money.approximate());
        }

        private void putPercent(Map<String, Object> row, String field, String value, String at) {
            row.put(field, null);
            row.put(field + "Approximate", null);
            if (value == null) {
                return;
            }
            try {
                row.put(field, percent(value).doubleValue());
                row.put(field + "Approximate", value.strip().startsWith("~"));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(at, e.getMessage()));
            }
        }

        private void unique(Set<String> seen, String id, String at) {
            if (!seen.add(id)) {
                problems.add(new Problem(at, "'" + id + "' appears twice in this file"));
            }
        }
    }

    static BigDecimal percent(String text) {
        var digits = text.strip().replaceFirst("^~", "").replaceFirst("%$", "");
        BigDecimal value;
        try {
            value = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage");
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is not between 0 and 100");
        }
        return value;
    }

    private static List<String> aliases(List<String> aliases) {
        return aliases == null ? List.of() : aliases.stream().filter(a -> a != null && !a.isBlank()).map(String::strip).toList();
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String slug(String text) {
        return text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static <T> T orElse(T value, Supplier<T> other) {
        return value != null ? value : other.get();
    }
}
