package org.dealgraph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.validation.Validation;

import org.dealgraph.synthetic.SyntheticDeals;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * A deal file is read as a stream: an entry is handed on before the rest of the file has been read, and the writer's
 * batches are read only a few ahead of the one being written. Files are generated while they are read, so no test
 * holds one whole either.
 */
class StreamedDealFileTest {

    private static final int AGREEMENTS = 60_000;

    private final DealFileReader reader = new DealFileReader(Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());

    /** Counts the bytes read from a file generated on the fly. */
    private static final class Counted extends FilterInputStream {
        final AtomicLong read;

        Counted(InputStream in, AtomicLong read) {
            super(in);
            this.read = read;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                read.addAndGet(n);
            }
            return n;
        }
    }

    private static StreamedDealFile generated(AtomicLong read) {
        return new StreamedDealFile("generated.json", () -> {
            var in = new PipedInputStream(1 << 16);
            var out = new PipedOutputStream(in);
            var writer = new Thread(() -> {
                try (out) {
                    SyntheticDeals.write(out, 2_000, AGREEMENTS, 7);
                } catch (IOException e) {
                    // The reader stopped early: the rest of the file is not wanted.
                }
            }, "generated-deal-file");
            writer.setDaemon(true);
            writer.start();
            read.set(0);
            return new Counted(in, read);
        });
    }

    private static long size() {
        var counted = new AtomicLong();
        try (var out = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                counted.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                counted.addAndGet(len);
            }
        }) {
            SyntheticDeals.write(out, 2_000, AGREEMENTS, 7);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counted.get();
    }

    @Test
    void anEntryIsHandedOnBeforeTheRestOfTheFileIsRead() {
        var read = new AtomicLong();
        var atFirstAgreement = new AtomicLong(-1);
        var agreements = new AtomicLong();
        generated(read).read(EnumSet.of(DealSection.AGREEMENTS), (section, index, entry) -> {
            if (index == 0) {
                atFirstAgreement.set(read.get());
            }
            agreements.incrementAndGet();
        });
        var total = read.get();
        assertEquals(AGREEMENTS, agreements.get());
        assertTrue(total > 10_000_000, "the generated file has " + total + " bytes");
        assertTrue(atFirstAgreement.get() < total / 4,
                "the first agreement was handed on after " + atFirstAgreement.get() + " of " + total + " bytes had been read");
    }

    @Test
    void theWriterIsHandedBatchesReadOnlyAFewAhead() throws Exception {
        var read = new AtomicLong();
        var file = generated(read);
        var plan = reader.check("generated.json", file);
        assertEquals(AGREEMENTS, plan.agreementCount());
        var total = size();
        try (var batches = DealBatches.start("generated.json", file, plan)) {
            var first = batches.next();
            assertEquals(DealSection.SOURCES, first.section());
            // Time for the reader to run as far ahead as it may: until it stops reading (or the file ends).
            long ahead = -1;
            for (long waited = 0; waited < 20_000 && ahead != read.get(); waited += 400) {
                ahead = read.get();
                Thread.sleep(400);
            }
            assertTrue(ahead < total / 3, "while the first batch was being written, " + ahead + " of " + total
                    + " bytes had been read: the reader may be only " + DealBatches.AHEAD + " batches ahead");
            int facts = first.facts().size();
            for (var batch = batches.next(); batch != null; batch = batches.next()) {
                assertTrue(batch.facts().size() <= DealBatches.SIZE);
                facts += batch.facts().size();
            }
            assertEquals(AGREEMENTS / 2 + 2_000 + AGREEMENTS, facts, "every source, company and agreement, once");
        }
    }
}
