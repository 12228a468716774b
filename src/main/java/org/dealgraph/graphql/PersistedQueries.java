package org.dealgraph.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import graphql.language.OperationDefinition;
import graphql.parser.Parser;

/**
 * Apollo's automatic persisted queries: a client sends the SHA-256 of a document instead of its text; an unknown hash
 * is answered {@code PERSISTED_QUERY_NOT_FOUND}, and the client sends hash and text once, which registers it. In
 * allow-list mode only documents registered ahead (a directory of {@code .graphql} files) run at all.
 */
@ApplicationScoped
public class PersistedQueries {

    private static final Logger LOG = Logger.getLogger(PersistedQueries.class);

    private final Map<String, String> registered = new LinkedHashMap<>();
    /** Hashes of the texts the engine is handed for registered documents: each operation alone, as GET sends it. */
    private final Set<String> engineForms = new HashSet<>();
    private final Map<String, String> remembered;
    private final boolean allowListOnly;

    PersistedQueries(GraphQLConfig config) {
        var persisted = config.persistedQueries();
        this.allowListOnly = persisted.allowListOnly();
        int max = persisted.maxRemembered();
        this.remembered = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > max;
            }
        });
        persisted.directory().ifPresent(directory -> {
            try (var files = Files.walk(directory)) {
                files.filter(f -> f.toString().endsWith(".graphql")).forEach(file -> {
                    try {
                        var text = Files.readString(file);
                        registered.put(sha256(text), text);
                        engineForms.addAll(engineForms(text));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("persisted queries: cannot read " + directory, e);
            }
            LOG.infof("%d persisted queries registered from %s%s", registered.size(), directory, allowListOnly ? " (allow-list only)" : "");
        });
    }

    public boolean allowListOnly() {
        return allowListOnly;
    }

    /** The document a hash names, registered ahead or (unless allow-list only) remembered from a client. */
    public Optional<String> document(String hash) {
        var found = registered.get(hash);
        if (found == null && !allowListOnly) {
            found = remembered.get(hash);
        }
        return Optional.ofNullable(found);
    }

    /** Whether this text may run: always, unless allow-list only and it is not registered. */
    public boolean allowed(String query) {
        return !allowListOnly || registered.containsKey(sha256(query));
    }

    /** Whether the engine may run this text: a registered document, or one operation of one as GET passes it on. */
    public boolean allowedInEngine(String query) {
        if (!allowListOnly) {
            return true;
        }
        var hash = sha256(query);
        return registered.containsKey(hash) || engineForms.contains(hash);
    }

    private static List<String> engineForms(String text) {
        try {
            return Parser.parse(text).getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(op -> op.getName() != null).map(op -> sha256(HttpAnswers.onlyOperation(text, op.getName()))).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Remembers a document a client sent with its hash; false when the hash is not the document's. */
    public boolean remember(String hash, String query) {
        if (!sha256(query).equalsIgnoreCase(hash)) {
            return false;
        }
        if (!allowListOnly) {
            remembered.put(hash.toLowerCase(Locale.ROOT), query);
        }
        return true;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
