package org.dealgraph.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.dealfile.DealFile;
import org.dealgraph.dealfile.InvalidDealFileException;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/** The one way deals enter the graph: seed files at startup, the load endpoint, the mutations and the seed script. */
@ApplicationScoped
public class DealService {

    private static final Logger LOG = Logger.getLogger(DealService.class);

    private final DealFileReader reader;
    private final DealWriter writer;
    private final DealEvents events;
    private final HeapAfterLoad heap;

    DealService(DealFileReader reader, DealWriter writer, DealEvents events, HeapAfterLoad heap) {
        this.reader = reader;
        this.writer = writer;
        this.events = events;
        this.heap = heap;
    }

    /** Loads a deal file's text (YAML or JSON); a rejected file is reported, never half-written. */
    public LoadReport load(String fileName, String content, boolean dryRun) {
        return load(fileName, DealFileReader.text(fileName, content.getBytes(StandardCharsets.UTF_8)), dryRun);
    }

    /**
     * Loads a deal file from disk, read as a stream (twice: to check it, then to write it), so that its size is bounded
     * by the disk, not the heap. Bytes that are not UTF-8 reject it.
     */
    public LoadReport load(String fileName, Path file, boolean dryRun) {
        return notUtf8(fileName, file).orElseGet(() -> loadUtf8(fileName, file, dryRun));
    }

    /** The report rejecting a file whose bytes are not UTF-8 (read in blocks); empty when they are. */
    public Optional<LoadReport> notUtf8(String fileName, Path file) {
        try (var in = Files.newInputStream(file)) {
            var invalid = firstInvalidByte(in);
            return invalid < 0 ? Optional.empty() : Optional.of(LoadReport.rejected(fileName, List.of(new InvalidDealFileException.Problem(
                    "(file)", "is not valid UTF-8: byte " + invalid + " cannot be read; save the file as UTF-8")), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a deal file from disk whose bytes {@link #notUtf8} found to be UTF-8. */
    public LoadReport loadUtf8(String fileName, Path file, boolean dryRun) {
        return load(fileName, new StreamedDealFile(fileName, () -> Files.newInputStream(file)), dryRun);
    }

    /** Loads a deal file given as structured input (the GraphQL mutations). */
    public LoadReport load(String name, DealFile file, boolean dryRun) {
        return load(name, DealEntries.of(file), dryRun);
    }

    private LoadReport load(String name, DealEntries entries, boolean dryRun) {
        var started = System.nanoTime();
        LoadReport report;
        try {
            var plan = reader.check(name, entries);
            LOG.debugf("%s checked in %d ms", name, (System.nanoTime() - started) / 1_000_000);
            var loaded = writer.load(name, entries, plan, dryRun);
            report = loaded.report();
            // writer.load returns once the transaction has committed: only then do subscribers hear of it.
            if (loaded.announcement() != null) {
                events.announced(loaded.announcement(), Instant.now());
            }
            if (!dryRun) {
                heap.loaded(report);
            }
        } catch (InvalidDealFileException e) {
            report = LoadReport.rejected(name, e.problems(), (System.nanoTime() - started) / 1_000_000);
        } catch (ClientException e) {
            report = LoadReport.rejected(name, List.of(conflict(e)), (System.nanoTime() - started) / 1_000_000);
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new ApiErrors.DatabaseUnavailable();
        } catch (TransientException e) {
            if (!String.valueOf(e.code()).contains("MemoryPoolOutOfMemoryError") && !String.valueOf(e.getMessage()).contains("memory")) {
                throw e;
            }
            // Neo4j holds what a transaction wrote until it commits: this file's facts do not fit in one.
            report = LoadReport.rejected(name, List.of(new InvalidDealFileException.Problem("(file)", "needs more memory than one "
                    + "transaction may hold (" + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.code())
                    + "); nothing was written: cut it into parts that refer only to what earlier parts hold, and load them in order")),
                    (System.nanoTime() - started) / 1_000_000);
        }
        LOG.info(report.summary());
        return report;
    }

    /** The offset of the first byte that is not UTF-8, or -1; read in blocks, strictly (a lenient decoder would store U+FFFD). */
    static long firstInvalidByte(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var bytes = ByteBuffer.allocate(1 << 16);
        var chars = CharBuffer.allocate(1 << 16);
        long offset = 0;
        for (int n; (n = in.read(bytes.array(), bytes.position(), bytes.remaining())) >= 0 || bytes.position() > 0; ) {
            var last = n < 0;
            if (!last) {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            var start = bytes.position();
            var result = decoder.decode(bytes, chars, last);
            if (result.isError()) {
                return offset + bytes.position();
            }
            offset += bytes.position() - start;
            chars.clear();
            bytes.compact();
            if (last) {
                if (bytes.position() > 0) {
                    return offset;
                }
                break;
            }
        }
        return -1;
    }

    /** A write the database refused (a uniqueness constraint, say): the transaction rolled back, nothing was written. */
    private static InvalidDealFileException.Problem conflict(ClientException e) {
        return new InvalidDealFileException.Problem("(graph)", "the graph refused the file, nothing was written: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.code()));
    }
}
