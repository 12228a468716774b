package org.dealgraph.database;

import java.util.ArrayList;
import java.util.List;

import org.dealgraph.api.Page;

/**
 * Keyset paging in Cypher: the predicate and the parts a page's statement reads after (or before) its cursor, over a
 * sort key and the id, and the directions it reads in. The page itself (size, cursor, direction) is {@link Page}.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * The rows the page may take, as a Cypher predicate over the sort key and the id (parameters {@code $cursorKey},
     * {@code $cursorId}): those after the cursor, or before it when reading backwards; {@code true} without one.
     */
    public static String where(Page page, String key, String id, boolean ascending) {
        var cursor = page.cursor();
        var backward = page.backward();
        if (cursor == null) {
            return "true";
        }
        var beyond = ascending != backward ? ">" : "<";
        var idBeyond = backward ? "<" : ">";
        if (!backward) {
            return cursor.key() == null ? "(" + key + " IS NULL AND " + id + " > $cursorId)"
                    : "(" + key + " IS NULL OR " + key + " " + beyond + " $cursorKey OR (" + key + " = $cursorKey AND " + id + " > $cursorId))";
        }
        return cursor.key() == null ? "(" + key + " IS NOT NULL OR " + id + " < $cursorId)"
                : "(" + key + " IS NOT NULL AND (" + key + " " + beyond + " $cursorKey OR (" + key + " = $cursorKey AND " + id + " " + idBeyond + " $cursorId)))";
    }

    /** One part of a keyset read: rows with a sort key ({@code keyed}) or without, and which of them. */
    public record Segment(boolean keyed, String condition) {
    }

    /**
     * The page's rows as parts to read one after the other, each a range an index can seek in order (no {@code OR},
     * which the planner would turn into a union of seeks and a sort): after a cursor, the rows tied with it on the
     * key and after it by id, then those beyond it on the key, then those without a key; backwards the reverse.
     */
    public static List<Segment> segments(Page page, String key, String id, boolean ascending) {
        var cursor = page.cursor();
        var backward = page.backward();
        var beyond = ascending != backward ? ">" : "<";
        var keyed = key + " IS NOT NULL";
        var unkeyed = key + " IS NULL";
        if (cursor == null) {
            return backward ? List.of(new Segment(false, unkeyed), new Segment(true, keyed))
                    : List.of(new Segment(true, keyed), new Segment(false, unkeyed));
        }
        var idBeyond = backward ? "<" : ">";
        if (cursor.key() == null) {
            var nulls = new Segment(false, unkeyed + " AND " + id + " " + idBeyond + " $cursorId");
            return backward ? List.of(nulls, new Segment(true, keyed)) : List.of(nulls);
        }
        var parts = new ArrayList<Segment>(List.of(
                new Segment(true, key + " = $cursorKey AND " + id + " " + idBeyond + " $cursorId"),
                new Segment(true, key + " " + beyond + " $cursorKey")));
        if (!backward) {
            parts.add(new Segment(false, unkeyed));
        }
        return parts;
    }

    /** Sort direction as read: reversed when reading backwards. */
    public static String direction(Page page, boolean ascending) {
        return ascending != page.backward() ? "ASC" : "DESC";
    }

    /** Id direction as read: ascending, or descending when reading backwards. */
    public static String idDirection(Page page) {
        return page.backward() ? "DESC" : "ASC";
    }
}
