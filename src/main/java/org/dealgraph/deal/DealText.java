package org.dealgraph.deal;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;

import org.dealgraph.deal.InvalidDealFileException.Problem;

/**
 * What text a deal file may hold: no control characters (but tab, line feed and carriage return) and no invisible
 * bidirectional overrides, which make a name read differently from what it is. Checked over every text of the
 * file's records, with the path Bean Validation would give the field.
 */
final class DealText {

    private DealText() {
    }

    static void check(Object value, String path, List<Problem> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            var bad = firstForbidden(text);
            if (bad >= 0) {
                var c = text.codePointAt(bad);
                problems.add(new Problem(path, String.format(Locale.ROOT, "contains the %s U+%04X at position %d; text may not hold "
                        + "control characters or invisible direction overrides", describe(c), c, bad)));
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        if (value.getClass().isRecord()) {
            for (var component : value.getClass().getRecordComponents()) {
                try {
                    check(component.getAccessor().invoke(value), path.isEmpty() ? component.getName() : path + "." + component.getName(), problems);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
        }
    }

    private static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r' || isDirectionOverride(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDirectionOverride(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    private static String describe(int c) {
        return isDirectionOverride(c) ? "direction override" : "control character";
    }
}
