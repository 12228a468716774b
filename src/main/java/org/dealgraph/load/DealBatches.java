package org.dealgraph.load;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * A checked file's facts in batches of at most {@value #SIZE}, read (parsed, planned, fingerprinted) on a thread of
 * their own while the load's transaction writes the batch before: at most {@value #AHEAD} batches wait, so a load holds
 * a few batches of the file, never the file. Sections come in an order where every fact's links point to facts written
 * before it: in one read when the file's order allows (sources, companies, products, people, agreements, statements),
 * or in as many reads as it takes.
 */
final class DealBatches implements AutoCloseable {

    static final int SIZE = 5_000;
    static final int AHEAD = 2;

    /** Facts of one section, the first at {@code first} in the section's list. */
    record Batch(DealSection section, int first, List<DealWriter.Hashed> facts) {
        int end() {
            return first + facts.size();
        }
    }

    private static final Batch END = new Batch(null, 0, List.of());

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread reader;
    private volatile boolean closed;

    private DealBatches(String fileName, DealEntries entries, DealPlan plan) {
        reader = new Thread(() -> read(entries, plan), "deal-file-reader " + fileName);
        reader.setDaemon(true);
    }

    static DealBatches start(String fileName, DealEntries entries, DealPlan plan) {
        var batches = new DealBatches(fileName, entries, plan);
        batches.reader.start();
        return batches;
    }

    /** The next batch, or null after the last; a failure of the reader is thrown here. */
    Batch next() {
        try {
            var next = queue.take();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
            return next == END ? null : (Batch) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the deal file's next batch");
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        reader.interrupt();
    }

    /** The reads a file needs: each a set of sections whose links point only to sections written before. */
    static List<Set<DealSection>> reads(List<DealSection> order) {
        var remaining = new ArrayList<>(order.stream().filter(s -> s.label != null).toList());
        var written = EnumSet.allOf(DealSection.class);
        written.removeAll(remaining);
        var reads = new ArrayList<Set<DealSection>>();
        while (!remaining.isEmpty()) {
            var read = EnumSet.noneOf(DealSection.class);
            for (var section : remaining) {
                if (written.containsAll(section.linksTo())) {
                    read.add(section);
                    written.add(section);
                }
            }
            remaining.removeAll(read);
            reads.add(read);
        }
        return reads;
    }

    private void read(DealEntries entries, DealPlan plan) {
        try {
            for (var sections : reads(plan.order)) {
                var pending = new Pending();
                entries.read(sections, (section, index, entry) -> {
                    if (closed) {
                        throw new CancellationException("the load's transaction ended");
                    }
                    if (pending.section != section || pending.facts.size() == SIZE) {
                        pending.flush(this);
                        pending.section = section;
                        pending.first = index;
                    }
                    pending.facts.add(DealWriter.Hashed.of(pending.planner.accept(section, index, entry)));
                });
                pending.flush(this);
            }
            put(END);
        } catch (RuntimeException | Error e) {
            if (!closed) {
                put(e);
            }
        }
    }

    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new CancellationException("the load's transaction ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the load's transaction ended");
        }
    }

    private static final class Pending {
        DealSection section;
        int first;
        List<DealWriter.Hashed> facts = new ArrayList<>();
        /** Planned again from checked entries: what it notes of the file is not needed, so it lives for one batch. */
        DealPlanner planner = new DealPlanner(new ArrayList<>());

        void flush(DealBatches batches) {
            if (!facts.isEmpty()) {
                batches.put(new Batch(section, first, facts));
                facts = new ArrayList<>();
                planner = new DealPlanner(new ArrayList<>());
            }
        }
    }
}
