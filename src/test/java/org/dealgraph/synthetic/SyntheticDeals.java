package org.dealgraph.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Generates a deal file of N companies and M agreements with the shape of the real graph: a few hubs with many
 * deals (power law), chains of amendments and expansions, several sources per agreement, dates over 2015–2030.
 * The same seed number always gives the same file. Written as JSON (which is YAML too) for speed.
 * <p>
 * A big graph can be cut into parts of at most {@code chunk} entries each, a deal file of its own (one transaction
 * when loaded): sources first, then companies, then agreements, each part referring to what earlier parts loaded.
 * Loaded in order, the parts make the same graph as the single file.
 */
public final class SyntheticDeals {

    private static final String[][] KINDS = {
            {"EQUITY_INVESTMENT", "INVESTOR", "INVESTEE"}, {"COMPUTE_COMMITMENT", "CUSTOMER", "PROVIDER"},
            {"IP_LICENSE", "LICENSEE", "LICENSOR"}, {"REVENUE_SHARE", "PAYER", "PAYEE"},
            {"DISTRIBUTION", "DISTRIBUTOR", "SUPPLIER"}, {"SUPPLY", "CUSTOMER", "PROVIDER"}};
    private static final String[] COMPANY_KINDS = {"AI_LAB", "BIG_TECH", "CLOUD_PROVIDER", "CHIP_MAKER", "INVESTOR"};
    private static final String[] CONFIDENCES = {"STATED", "STATED", "REPORTED", "INFERRED"};

    private SyntheticDeals() {
    }

    public static void main(String[] args) throws IOException {
        int agreements = 10_000;
        int companies = -1;
        long seed = 42;
        int chunk = 0;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--agreements" -> agreements = Integer.parseInt(args[i + 1]);
                case "--companies" -> companies = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--chunk" -> chunk = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            System.err.println("usage: SyntheticDeals --agreements M [--companies N] [--seed S] [--chunk C] --out FILE.json");
            System.exit(2);
        }
        if (companies < 0) {
            companies = Math.max(50, agreements / 10);
        }
        if (chunk <= 0) {
            try (var stream = Files.newOutputStream(out)) {
                write(stream, companies, agreements, seed);
            }
            System.out.printf(Locale.ROOT, "%s: %d companies, %d agreements (seed %d)%n", out, companies, agreements, seed);
            return;
        }
        var parts = writeParts(out, companies, agreements, seed, chunk);
        System.out.printf(Locale.ROOT, "%s ... %s: %d files, %d companies, %d agreements (seed %d); load them in this order%n",
                parts.get(0), parts.get(parts.size() - 1), parts.size(), companies, agreements, seed);
    }

    /** Writes the graph as files of at most {@code chunk} entries beside {@code out}; returns them in loading order. */
    public static List<Path> writeParts(Path out, int companies, int agreements, long seed, int chunk) throws IOException {
        int count = write(part -> {
            try {
                return Files.newOutputStream(part(out, part));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, companies, agreements, seed, chunk);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> part(out, i)).toList();
    }

    /** The file of part {@code index} (0-based) of a graph cut into parts: {@code deals.json} gives {@code deals-001.json}... */
    private static Path part(Path out, int index) {
        var name = out.getFileName().toString();
        var stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return out.resolveSibling(String.format(Locale.ROOT, "%s-%03d.json", stem, index + 1));
    }

    /** Writes the file; {@code prefix}-free ids are {@code syn-co-N}, {@code syn-ag-N}, {@code syn-src-N}. */
    public static void write(OutputStream stream, int companies, int agreements, long seed) throws IOException {
        write(part -> stream, companies, agreements, seed, Integer.MAX_VALUE);
    }

    /**
     * Writes the graph as parts of at most {@code chunk} entries (sources, companies and agreements together) to the
     * streams {@code parts} opens (0, 1, ...), closing each when done; returns how many parts it wrote.
     */
    public static int write(IntFunction<OutputStream> parts, int companies, int agreements, long seed, int chunk) throws IOException {
        var random = new SplittableRandom(seed);
        int sources = Math.max(10, agreements / 2);
        try (var out = new Parts(parts, chunk)) {
            for (int s = 0; s < sources; s++) {
                var json = out.entry("sources");
                json.writeStartObject();
                json.writeStringField("id", "syn-src-" + s);
                json.writeStringField("url", "https://news.example.org/deals/" + s);
                json.writeStringField("publisher", "Publisher " + (s % 97));
                json.writeStringField("published", date(random).toString());
                json.writeEndObject();
            }
            for (int c = 0; c < companies; c++) {
                var json = out.entry("companies");
                json.writeStartObject();
                json.writeStringField("id", "syn-co-" + c);
                json.writeStringField("name", "Synthetic Company " + c);
                json.writeArrayFieldStart("kinds");
                json.writeString(COMPANY_KINDS[c % COMPANY_KINDS.length]);
                json.writeEndArray();
                json.writeEndObject();
            }
            for (int a = 0; a < agreements; a++) {
                agreement(out.entry("agreements"), random, a, companies, sources);
            }
            return out.count();
        }
    }

    /** One agreement between two companies, hubs more often than others, with what its kind states. */
    private static void agreement(JsonGenerator json, SplittableRandom random, int a, int companies, int sources) throws IOException {
        var kind = KINDS[random.nextInt(KINDS.length)];
        int first = hub(random, companies);
        int second = hub(random, companies);
        if (second == first) {
            second = (first + 1) % companies;
        }
        var start = date(random);
        json.writeStartObject();
        json.writeStringField("id", "syn-ag-" + a);
        json.writeStringField("kind", kind[0]);
        json.writeStringField("title", kind[0].toLowerCase(Locale.ROOT).replace('_', ' ') + " " + a);
        json.writeArrayFieldStart("parties");
        party(json, first, kind[1]);
        party(json, second, kind[2]);
        json.writeEndArray();
        json.writeStringField("announced", start.toString());
        json.writeStringField("effectiveFrom", start.toString());
        if (random.nextInt(3) == 0) {
            json.writeStringField("effectiveUntil", String.valueOf(Math.min(2030, start.getYear() + 1 + random.nextInt(8))));
        }
        int term = 1 + random.nextInt(10);
        json.writeNumberField("termYears", term);
        long millions = 1 + (long) Math.pow(10, random.nextDouble() * 4.7);
        boolean ceiling = random.nextInt(10) == 0;
        json.writeStringField("money", (ceiling ? "up to " : "") + "USD " + millions + "M");
        if (ceiling) {
            ceilingTranches(json, millions);
        }
        if (kind[0].equals("IP_LICENSE") || kind[0].equals("DISTRIBUTION")) {
            json.writeBooleanField("exclusive", random.nextBoolean());
        }
        if (kind[0].equals("REVENUE_SHARE")) {
            json.writeNumberField("ratePercent", 5 + random.nextInt(30));
        }
        if (a > 0 && random.nextInt(8) == 0) {
            amendment(json, random, a, start);
        }
        citations(json, random, sources);
        json.writeEndObject();
    }

    /** An "up to" amount's parts: a third committed, the rest optional. */
    private static void ceilingTranches(JsonGenerator json, long millions) throws IOException {
        json.writeArrayFieldStart("tranches");
        json.writeStartObject();
        json.writeStringField("label", "committed");
        json.writeStringField("money", "USD " + Math.max(1, millions / 3) + "M");
        json.writeEndObject();
        json.writeStartObject();
        json.writeStringField("label", "optional");
        json.writeStringField("money", "up to USD " + Math.max(1, millions - millions / 3) + "M");
        json.writeBooleanField("conditional", true);
        json.writeEndObject();
        json.writeEndArray();
    }

    /** One to three sources; those after the first support only the money. */
    private static void citations(JsonGenerator json, SplittableRandom random, int sources) throws IOException {
        json.writeArrayFieldStart("sources");
        int count = 1 + random.nextInt(3);
        for (int s = 0; s < count; s++) {
            json.writeStartObject();
            json.writeStringField("source", "syn-src-" + random.nextInt(sources));
            json.writeStringField("confidence", CONFIDENCES[random.nextInt(CONFIDENCES.length)]);
            if (s > 0) {
                json.writeArrayFieldStart("facts");
                json.writeString("money");
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Deal files written one after the other, each ending when it holds {@code chunk} entries. */
    private static final class Parts implements AutoCloseable {
        private final IntFunction<OutputStream> open;
        private final int chunk;
        private final JsonFactory factory = new JsonFactory();
        private JsonGenerator json;
        private String list;
        private int entries;
        private int count;

        Parts(IntFunction<OutputStream> open, int chunk) {
            this.open = open;
            this.chunk = chunk;
        }

        /** The generator to write one more entry of {@code name} to, in a new part when this one is full. */
        JsonGenerator entry(String name) throws IOException {
            if (json != null && entries == chunk) {
                finish();
            }
            if (json == null) {
                json = factory.createGenerator(open.apply(count++));
                json.writeStartObject();
                list = null;
                entries = 0;
            }
            if (!name.equals(list)) {
                if (list != null) {
                    json.writeEndArray();
                }
                json.writeArrayFieldStart(name);
                list = name;
            }
            entries++;
            return json;
        }

        int count() {
            return count;
        }

        private void finish() throws IOException {
            if (list != null) {
                json.writeEndArray();
            }
            json.writeEndObject();
            json.close();
            json = null;
        }

        @Override
        public void close() throws IOException {
            if (json != null) {
                finish();
            }
        }
    }

    /** An earlier agreement this one expands or amends: chains form because recent agreements are preferred. */
    private static void amendment(JsonGenerator json, SplittableRandom random, int a, LocalDate start) throws IOException {
        int target = Math.max(0, a - 1 - (int) Math.pow(random.nextDouble(), 3) * Math.min(a, 5_000));
        json.writeArrayFieldStart("amends");
        json.writeStartObject();
        json.writeStringField("agreement", "syn-ag-" + Math.min(target, a - 1));
        boolean expansion = random.nextBoolean();
        json.writeStringField("kind", expansion ? "EXPANSION" : "AMENDMENT");
        json.writeStringField("effective", start.toString());
        if (!expansion) {
            json.writeArrayFieldStart("changes");
            json.writeStartObject();
            json.writeStringField("field", "exclusive");
            json.writeStringField("to", "false");
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void party(JsonGenerator json, int company, String role) throws IOException {
        json.writeStartObject();
        json.writeStringField("company", "syn-co-" + company);
        json.writeStringField("role", role);
        json.writeEndObject();
    }

    /** A few hubs get most deals: company index drawn with a power-law tilt towards 0. */
    private static int hub(SplittableRandom random, int companies) {
        return Math.min(companies - 1, (int) (companies * Math.pow(random.nextDouble(), 3)));
    }

    private static LocalDate date(SplittableRandom random) {
        return LocalDate.of(2015, 1, 1).plusDays(random.nextInt(16 * 365));
    }

    static List<String> kinds() {
        return List.of(KINDS).stream().map(k -> k[0]).toList();
    }
}
