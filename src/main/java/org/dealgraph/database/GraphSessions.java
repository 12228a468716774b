package org.dealgraph.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Bookmark;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.BookmarkManagerConfig;
import org.neo4j.driver.BookmarkManagers;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Every session of the service opens here: reads routed to readers and writes to the leader of a cluster, on the
 * configured database, and causally chained.
 * <ul>
 * <li>Within a replica, one bookmark manager: every read begins after every write this replica committed.</li>
 * <li>Across replicas, the client carries the chain: a write answers the {@code Dealgraph-Bookmark} header, and a
 * request that sends it back to any replica reads only once that replica's database has the write.</li>
 * </ul>
 */
@ApplicationScoped
public class GraphSessions {

    public static final String BOOKMARK_HEADER = "Dealgraph-Bookmark";

    private static final Pattern BOOKMARK = Pattern.compile("[A-Za-z0-9:+/=_.-]{1,1000}");
    private static final int MAX_BOOKMARKS = 16;

    private final Driver driver;
    private final DatabaseConfig config;
    private final BookmarkManager bookmarks = BookmarkManagers.defaultManager(BookmarkManagerConfig.builder().build());

    GraphSessions(Driver driver, DatabaseConfig config) {
        this.driver = driver;
        this.config = config;
    }

    public Session read() {
        return driver.session(config(AccessMode.READ));
    }

    public Session write() {
        return driver.session(config(AccessMode.WRITE));
    }

    /** The session settings, for another driver on the same database (the researchers' own sign-in). */
    public SessionConfig config(AccessMode mode) {
        var builder = SessionConfig.builder().withDefaultAccessMode(mode).withBookmarkManager(bookmarks);
        config.name().ifPresent(builder::withDatabase);
        var asked = askedFor();
        if (!asked.isEmpty()) {
            builder.withBookmarks(asked);
        }
        return builder.build();
    }

    /** True when the current request carries bookmarks (checked: a malformed one is BAD_ARGUMENT, as for any read). */
    public boolean bookmarked() {
        return !askedFor().isEmpty();
    }

    /** After a write committed: its bookmark goes back to the client that asked for it, for its next request. */
    public void committed(Session session) {
        var request = currentRequest();
        if (request == null) {
            return;
        }
        var values = session.lastBookmarks().stream().map(Bookmark::value).sorted().toList();
        if (!values.isEmpty() && !request.response().headWritten()) {
            request.response().headers().set(BOOKMARK_HEADER, String.join(",", values));
        }
    }

    /** The bookmarks the current HTTP request carries, checked: a malformed one is the client's error, said so. */
    private Set<Bookmark> askedFor() {
        var request = currentRequest();
        var header = request == null ? null : request.request().getHeader(BOOKMARK_HEADER);
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        var values = new ArrayList<String>();
        for (var value : header.split(",")) {
            var trimmed = value.trim();
            if (!BOOKMARK.matcher(trimmed).matches()) {
                throw new ApiErrors.BadArgument(BOOKMARK_HEADER + " header",
                        "holds a value that is not a bookmark this service gave out (send back the header exactly as received)");
            }
            values.add(trimmed);
        }
        if (values.size() > MAX_BOOKMARKS) {
            throw new ApiErrors.BadArgument(BOOKMARK_HEADER + " header", "holds more than " + MAX_BOOKMARKS + " bookmarks");
        }
        return Set.copyOf(List.copyOf(values).stream().map(Bookmark::from).toList());
    }

    private static RoutingContext currentRequest() {
        try {
            var container = Arc.container();
            if (container == null || !container.requestContext().isActive()) {
                return null;
            }
            var current = container.instance(CurrentVertxRequest.class);
            return current.isAvailable() ? current.get().getCurrent() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
