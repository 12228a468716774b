package org.dealgraph.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** A Relay page request: {@code first} rows after an opaque cursor. */
public record Page(int offset, int limit) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static Page of(Integer first, String after) {
        int size = first == null ? DEFAULT_SIZE : first;
        if (size < 0 || size > MAX_SIZE) {
            throw new ApiErrors.BadArgument("first", "must be between 0 and " + MAX_SIZE + ", was " + size);
        }
        return new Page(after == null ? 0 : decode(after) + 1, size);
    }

    public String cursor(int indexInPage) {
        return encode(offset + indexInPage);
    }

    public PageInfo info(boolean hasNext, int returned) {
        return new PageInfo(hasNext, offset > 0,
                returned == 0 ? null : cursor(0), returned == 0 ? null : cursor(returned - 1));
    }

    static String encode(int position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("pos:" + position).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("pos:")) {
                throw new IllegalArgumentException();
            }
            int position = Integer.parseInt(text.substring(4));
            if (position < 0) {
                throw new IllegalArgumentException();
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadArgument("after", "is not a cursor this API returned");
        }
    }

    @Type("PageInfo")
    @Description("Relay page information.")
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }
}
