package org.dealgraph.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.internal.InternalRecord;
import org.neo4j.driver.internal.value.BooleanValue;
import org.neo4j.driver.internal.value.FloatValue;
import org.neo4j.driver.internal.value.IntegerValue;
import org.neo4j.driver.internal.value.ListValue;
import org.neo4j.driver.internal.value.MapValue;
import org.neo4j.driver.internal.value.StringValue;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.TransactionTerminatedException;

import inet.ipaddr.IPAddressString;

/**
 * A Neo4j Community server running inside this JVM, reachable over Bolt like any other Neo4j.
 * The service only ever talks to it through the driver, so that the same code serves an external server.
 */
public final class EmbeddedNeo4j implements AutoCloseable, InProcessReads {

    /**
     * {@code transactionMemoryMax} bounds what one transaction may hold in memory Neo4j tracks (its transaction state,
     * and what its operators keep: collect, sort, distinct, aggregations, eager buffers); {@code transactionMemoryTotal}
     * bounds all transactions at once. 0 leaves a bound off.
     */
    public record Settings(Path directory, String listenAddress, int boltPort, boolean authEnabled,
            String username, String password, long pageCacheBytes, Duration transactionTimeout,
            long transactionMemoryMax, long transactionMemoryTotal, boolean transactionStateOffHeap) {

        public Settings(Path directory, String listenAddress, int boltPort, boolean authEnabled, String username, String password,
                long pageCacheBytes, Duration transactionTimeout) {
            this(directory, listenAddress, boltPort, authEnabled, username, password, pageCacheBytes, transactionTimeout, 0, 0, false);
        }
    }

    private static final List<IPAddressString> BLOCK_EVERY_ADDRESS =
            List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0"));

    private final Settings settings;
    private final DatabaseManagementService managementService;
    private final GraphDatabaseService database;

    /** The servers running in this process, by Bolt address: a service configured with one reads from it in-process. */
    private static final Map<String, EmbeddedNeo4j> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    private EmbeddedNeo4j(Settings settings, DatabaseManagementService managementService) {
        this.settings = settings;
        this.managementService = managementService;
        this.database = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        RUNNING.put(boltUri(), this);
    }

    /** The server running in this process at Bolt address {@code uri}, if any. */
    static java.util.Optional<EmbeddedNeo4j> runningAt(String uri) {
        return java.util.Optional.ofNullable(RUNNING.get(uri));
    }

    @Override
    public <T> List<T> read(String cypher, Map<String, Object> parameters, Duration timeout, Function<Record, T> mapper) {
        try (var tx = database.beginTx(timeout.toMillis(), TimeUnit.MILLISECONDS); var result = tx.execute(cypher, parameters)) {
            var keys = result.columns();
            var rows = new ArrayList<T>();
            while (result.hasNext()) {
                var row = result.next();
                var values = new ArrayList<Value>(keys.size());
                for (var key : keys) {
                    values.add(value(row.get(key)));
                }
                rows.add(mapper.apply(new InternalRecord(keys, values)));
            }
            return rows;
        } catch (TransactionTerminatedException e) {
            throw new InProcessReads.TimedOut(e);
        } catch (QueryExecutionException e) {
            var code = String.valueOf(e.getStatusCode());
            if (code.contains("TransactionTimedOut") || code.contains("Terminated")) {
                throw new InProcessReads.TimedOut(e);
            }
            throw e;
        } catch (org.neo4j.graphdb.DatabaseShutdownException | org.neo4j.dbms.api.DatabaseNotFoundException
                | org.neo4j.graphdb.TransientFailureException e) {
            throw new InProcessReads.Unavailable(e);
        }
    }

    /**
     * The shapes the service's statements return, converted by hand: {@code Values.value} tries some twenty types in
     * turn and builds every map through a stream, 13 % of a nested request's CPU. Anything else (temporal values,
     * arrays, points) still goes through the driver's conversion; InProcessReadsTest holds both equal to the driver's.
     */
    private static Value value(Object embedded) {
        if (embedded == null) {
            return Values.NULL;
        } else if (embedded instanceof String text) {
            return new StringValue(text);
        } else if (embedded instanceof Long number) {
            return new IntegerValue(number);
        } else if (embedded instanceof Boolean flag) {
            return BooleanValue.fromBoolean(flag);
        } else if (embedded instanceof Double number) {
            return new FloatValue(number);
        } else if (embedded instanceof Map<?, ?> map) {
            var values = new HashMap<String, Value>(Math.max(4, (int) (map.size() / 0.75f) + 1));
            for (var entry : map.entrySet()) {
                values.put((String) entry.getKey(), value(entry.getValue()));
            }
            return new MapValue(values);
        } else if (embedded instanceof List<?> list) {
            var values = new ArrayList<Value>(list.size());
            for (var element : list) {
                values.add(value(element));
            }
            return new ListValue(values);
        }
        try {
            return Values.value(embedded);
        } catch (org.neo4j.driver.exceptions.ClientException e) {
            throw new InProcessReads.Unconvertible(e);
        }
    }

    public static EmbeddedNeo4j start(Settings settings) {
        var service = new DatabaseManagementServiceBuilder(settings.directory().toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(settings.listenAddress(), settings.boltPort()))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, settings.authEnabled())
                .setConfig(GraphDatabaseSettings.pagecache_memory, settings.pageCacheBytes())
                .setConfig(GraphDatabaseSettings.transaction_timeout, settings.transactionTimeout())
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, settings.transactionMemoryMax())
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, settings.transactionMemoryTotal())
                // Where a transaction keeps what it wrote until it commits; see DatabaseConfig.transactionStateOffHeap.
                .setConfig(GraphDatabaseSettings.tx_state_memory_allocation, settings.transactionStateOffHeap()
                        ? GraphDatabaseSettings.TransactionStateMemoryAllocation.OFF_HEAP
                        : GraphDatabaseSettings.TransactionStateMemoryAllocation.ON_HEAP)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 days")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // The graph is reached by researchers through Cypher: LOAD CSV may read no file of this host and
                // reach no network address, whatever a statement looks like (the database enforces it, not a filter).
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, emptyImportDirectory(settings.directory()))
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist, BLOCK_EVERY_ADDRESS)
                // No plugin procedure or function is loaded, even if a jar lands in the plugins folder.
                .setConfig(GraphDatabaseSettings.procedure_allowlist, List.of())
                // Netty's default quiet periods make every stop of the service wait ten seconds for nothing.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        var embedded = new EmbeddedNeo4j(settings, service);
        try {
            if (settings.authEnabled()) {
                embedded.applyPassword();
            }
        } catch (RuntimeException e) {
            service.shutdown();
            throw e;
        }
        return embedded;
    }

    private static Path emptyImportDirectory(Path directory) {
        var path = directory.toAbsolutePath().resolve("import");
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the import directory " + path, e);
        }
        return path;
    }

    public String boltUri() {
        var host = settings.listenAddress();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        }
        return "bolt://" + host + ":" + settings.boltPort();
    }

    private void applyPassword() {
        var system = managementService.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        var params = Map.<String, Object>of("user", settings.username(), "password", settings.password());
        var exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n", params,
                result -> ((Number) result.next().get("n")).longValue() > 0);
        if (!exists) {
            system.executeTransactionally(
                    "CREATE USER $user SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED", params);
            return;
        }
        try {
            system.executeTransactionally(
                    "ALTER USER $user SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED", params);
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to its current value; that is the normal restart case.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        RUNNING.remove(boltUri(), this);
        managementService.shutdown();
    }
}
