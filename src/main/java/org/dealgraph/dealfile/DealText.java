package org.dealgraph.dealfile;

import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.dealgraph.dealfile.InvalidDealFileException.Problem;
import org.dealgraph.value.Numbers;

/**
 * What text a deal file may hold: no control characters (but tab, line feed and carriage return), no invisible
 * formatting characters and no bidirectional overrides, which make a name read differently from what it is; and
 * what numbers it may hold (Numbers' bounds). Checked over every text of the
 * file's records, with the path Bean Validation would give the field.
 */
public final class DealText {

    private DealText() {
    }

    /** A record's components, asked of the class once: {@code getRecordComponents} builds them anew at every call. */
    private static final ClassValue<java.lang.reflect.RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected java.lang.reflect.RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    public static void check(Object value, String path, List<Problem> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal number) {
            var problem = Numbers.problem(number);
            if (problem != null) {
                problems.add(new Problem(path, Numbers.abbreviated(number) + " " + problem));
            }
            return;
        }
        if (value instanceof String text) {
            var bad = firstForbidden(text);
            if (bad >= 0) {
                var c = text.codePointAt(bad);
                problems.add(new Problem(path, String.format(Locale.ROOT, "contains the %s U+%04X at position %d; text may not hold "
                        + "control characters, invisible formatting or direction overrides", describe(c), c, bad)));
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
            for (var component : COMPONENTS.get(value.getClass())) {
                try {
                    check(component.getAccessor().invoke(value), path.isEmpty() ? component.getName() : path + "." + component.getName(), problems);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
        }
    }

    static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r' || isDirectionOverride(c) || isInvisible(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDirectionOverride(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /**
     * Invisible formatting (Unicode's Cf: zero-width space, direction marks U+200E/U+200F/U+061C, the byte-order mark…)
     * and the line and paragraph separators U+2028/U+2029: a name holding them looks like another name. The
     * zero-width non-joiner and joiner (U+200C, U+200D) stay: Persian, Indic scripts and emoji are written with them.
     */
    private static boolean isInvisible(int c) {
        return Character.getType(c) == Character.FORMAT && c != 0x200C && c != 0x200D && !isDirectionOverride(c)
                || c == 0x2028 || c == 0x2029;
    }

    private static String describe(int c) {
        return isDirectionOverride(c) ? "direction override" : isInvisible(c) ? "invisible formatting character" : "control character";
    }
}
