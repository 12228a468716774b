package org.dealgraph.api;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/**
 * A Relay page request, read by keyset: {@code first} rows after a cursor, or {@code last} rows before one. Rows are
 * ordered by a sort key (rows without one last) and then by business id, and a cursor holds the sort key and the id
 * of its row, so a page continues after that row wherever it now stands: rows a load adds before it do not shift the
 * next page, as offsets did.
 *
 * @param order the ordering the cursors belong to (a cursor of another ordering is refused)
 */
public record Page(String order, int size, boolean backward, Cursor cursor) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /** Where a row stands: its sort key (null when it has none) and its business id. */
    public record Cursor(Object key, String id) {
    }

    /** A row read for a page, with what its cursor needs. */
    public record Row<N>(N node, Object key, String id) {
    }

    /** The rows a page's statement read (one more than the page when more follow), and the total when counted (else -1). */
    public record Rows<N>(long total, List<Row<N>> rows) {
    }

    public static Page of(String order, Integer first, String after, Integer last, String before) {
        if (first != null && last != null) {
            throw new ApiErrors.BadArgument("last", "give either 'first' (with 'after') or 'last' (with 'before'), not both");
        }
        if (after != null && before != null) {
            throw new ApiErrors.BadArgument("before", "give either 'after' or 'before', not both");
        }
        var backward = last != null || before != null;
        if (backward && first != null) {
            throw new ApiErrors.BadArgument("first", "pages before a cursor are asked with 'last'");
        }
        if (!backward && after == null && last != null) {
            backward = true;
        }
        int size = backward ? (last == null ? DEFAULT_SIZE : last) : (first == null ? DEFAULT_SIZE : first);
        if (size < 0 || size > MAX_SIZE) {
            throw new ApiErrors.BadArgument(backward ? "last" : "first", "must be between 0 and " + MAX_SIZE + ", was " + size);
        }
        var cursor = backward ? before : after;
        return new Page(order, size, backward, cursor == null ? null : decode(order, cursor, backward ? "before" : "after"));
    }

    public static Page of(String order, Integer first, String after) {
        return of(order, first, after, null, null);
    }

    /** {@code $cursorKey}, {@code $cursorId} and {@code $take} (one row more than the page, to know whether more follow). */
    public Map<String, Object> parameters() {
        var params = new HashMap<String, Object>();
        params.put("cursorKey", cursor == null ? null : cursor.key());
        params.put("cursorId", cursor == null ? null : cursor.id());
        params.put("take", size + 1);
        return params;
    }

    public String cursorOf(Row<?> row) {
        return encode(order, row.key(), row.id());
    }

    public static String encode(String order, Object key, String id) {
        String typed;
        if (key == null) {
            typed = "x:";
        } else if (key instanceof LocalDate date) {
            typed = "d:" + date;
        } else if (key instanceof Number number) {
            typed = "n:" + number;
        } else {
            typed = "s:" + URLEncoder.encode(key.toString(), StandardCharsets.UTF_8);
        }
        var text = "v2|" + order + "|" + typed + "|" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String order, String cursor, String argument) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadArgument(argument, "is not a cursor this API returned");
        }
        if (parts.length != 4 || !parts[0].equals("v2") || parts[2].length() < 2 || parts[2].charAt(1) != ':') {
            throw new ApiErrors.BadArgument(argument, "is not a cursor this API returned");
        }
        if (!parts[1].equals(order)) {
            throw new ApiErrors.BadArgument(argument, "is a cursor of another ordering (" + parts[1] + "); this page is ordered by " + order);
        }
        var value = parts[2].substring(2);
        try {
            Object key = switch (parts[2].charAt(0)) {
                case 'x' -> null;
                case 'd' -> LocalDate.parse(value);
                case 'n' -> Double.valueOf(value);
                case 's' -> URLDecoder.decode(value, StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException();
            };
            return new Cursor(key, URLDecoder.decode(parts[3], StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ApiErrors.BadArgument(argument, "is not a cursor this API returned");
        }
    }

    @Type("PageInfo")
    @Description("Relay page information.")
    public record PageInfo(
            @Description("More rows follow this page (when paging forward: read; backward: a cursor was given).") boolean hasNextPage,
            @Description("Rows come before this page (when paging backward: read; forward: a cursor was given).") boolean hasPreviousPage,
            @Description("Cursor of the first row of this page.") String startCursor,
            @Description("Cursor of the last row of this page.") String endCursor) {
    }
}
