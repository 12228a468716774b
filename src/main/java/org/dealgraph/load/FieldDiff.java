package org.dealgraph.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.dealgraph.agreement.Term;
import org.dealgraph.agreement.TermType;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;

/**
 * What a load changes in a fact the graph holds, field by field, old → new: an agreement's terms as a deal file writes
 * them ({@code money: USD 38B → USD 40B}), other facts' fields as stored. Links (parties, sources, tranches) are
 * compared as a whole, by the fingerprint, and named when nothing else differs.
 */
public final class FieldDiff {

    /** Stored beside the facts, not facts themselves. */
    private static final Set<String> BOOKKEEPING = Set.of("id", "hash", "contentHash", "recordedAt", "firstRecordedAt", "recordedFrom", "recordedBy",
            "aliasText", "nameKey", "retractedAliases", "seq");

    private FieldDiff() {
    }

    public static List<LoadReport.FieldChange> of(String label, Value before, Map<String, Object> after) {
        var now = Values.value(after);
        var fields = new ArrayList<LoadReport.FieldChange>();
        var covered = new TreeSet<String>(BOOKKEEPING);
        if (label.equals("Agreement")) {
            for (var term : Term.values()) {
                covered.addAll(term.properties());
                var from = text(term.read(before));
                var to = text(term.read(now));
                if (!same(from, to)) {
                    fields.add(new LoadReport.FieldChange(term.field(), from, to));
                }
            }
        }
        var keys = new TreeSet<String>();
        before.keys().forEach(keys::add);
        after.forEach((key, value) -> {
            if (!(value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map)) {
                keys.add(key);
            }
        });
        for (var key : keys) {
            if (covered.contains(key) || after.get(key) instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
                continue;
            }
            var from = text(before.get(key).isNull() ? null : before.get(key).asObject());
            var to = text(after.get(key));
            if (!same(from, to)) {
                fields.add(new LoadReport.FieldChange(key, from, to));
            }
        }
        if (fields.isEmpty()) {
            fields.add(new LoadReport.FieldChange("links", null, "its parties, products, tranches, amendments or sources"));
        }
        return fields;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list && list.isEmpty()) {
            return null;
        }
        return TermType.textOf(value);
    }
}
