package org.dealgraph.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random deal files that are valid by construction, written as YAML the way a curator would, and the single
 * changes that each break one field (with the path the loader must name).
 */
public final class RandomDealFiles {

    private RandomDealFiles() {
    }

    public record Source(String id, String url, String publisher, String published) {
    }

    public record Company(String id, String name, String kind) {
    }

    public record Agreement(String id, String kind, String title, String role1, String role2, String money, String announced,
            String confidence) {
    }

    public record File(String prefix, List<Source> sources, List<Company> companies, List<Agreement> agreements) {

        public String yaml() {
            var out = new StringBuilder("sources:\n");
            for (var s : sources) {
                out.append("  - {id: ").append(s.id()).append(", url: \"").append(s.url()).append("\", publisher: \"")
                        .append(s.publisher()).append("\", published: ").append(s.published()).append("}\n");
            }
            out.append("companies:\n");
            for (var c : companies) {
                out.append("  - {id: ").append(c.id()).append(", name: \"").append(c.name()).append("\", kinds: [").append(c.kind()).append("]}\n");
            }
            out.append("agreements:\n");
            for (var a : agreements) {
                out.append("  - id: ").append(a.id()).append('\n')
                        .append("    kind: ").append(a.kind()).append('\n')
                        .append("    title: \"").append(a.title()).append("\"\n")
                        .append("    parties: [{company: ").append(companies.get(0).id()).append(", role: ").append(a.role1())
                        .append("}, {company: ").append(companies.get(companies.size() - 1).id()).append(", role: ").append(a.role2()).append("}]\n")
                        .append("    announced: ").append(a.announced()).append('\n')
                        .append("    money: ").append(a.money()).append('\n')
                        .append("    sources: [{source: ").append(sources.get(0).id()).append(", confidence: ").append(a.confidence()).append("}]\n");
            }
            return out.toString();
        }
    }

    /** A change that makes one field invalid: what it does to the file's text, and the path the loader must name. */
    public record Mutation(String path, String from, String to) {
        public String apply(String yaml) {
            var at = yaml.indexOf(from);
            if (at < 0) {
                throw new IllegalStateException(from + " not in " + yaml);
            }
            return yaml.substring(0, at) + to + yaml.substring(at + from.length());
        }
    }

    private static final List<List<String>> KINDS = List.of(List.of("COMPUTE_COMMITMENT", "CUSTOMER", "PROVIDER"),
            List.of("EQUITY_INVESTMENT", "INVESTOR", "INVESTEE"), List.of("IP_LICENSE", "LICENSEE", "LICENSOR"),
            List.of("REVENUE_SHARE", "PAYER", "PAYEE"), List.of("DISTRIBUTION", "DISTRIBUTOR", "SUPPLIER"));

    /** Letters of several scripts, digits, spaces and punctuation a title may hold; never a control character. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withChars("abcxyzABCXYZ0129 .,'&-éüß世界Ωж").ofMinLength(1).ofMaxLength(40)
                .filter(t -> !t.isBlank() && !t.startsWith(" ") && !t.endsWith(" "));
    }

    private static Arbitrary<String> date() {
        var year = Arbitraries.integers().between(2015, 2030);
        var month = Arbitraries.integers().between(1, 12);
        var day = Arbitraries.integers().between(1, 28);
        return Combinators.combine(year, month, day, Arbitraries.integers().between(0, 2)).as((y, m, d, precision) -> switch (precision) {
            case 0 -> String.valueOf(y);
            case 1 -> String.format(Locale.ROOT, "%d-%02d", y, m);
            default -> String.format(Locale.ROOT, "%d-%02d-%02d", y, m, d);
        });
    }

    private static Arbitrary<String> money() {
        var currency = Arbitraries.of("USD", "EUR", "GBP", "JPY");
        var amount = Arbitraries.integers().between(1, 999);
        var unit = Arbitraries.of("M", "B", "");
        var prefix = Arbitraries.of("", "~", "up to ");
        return Combinators.combine(prefix, currency, amount, unit).as((p, c, a, u) -> p + c + " " + a + u);
    }

    public static Arbitrary<File> files() {
        var prefix = Arbitraries.strings().withCharRange('a', 'z').ofLength(8);
        return prefix.flatMap(p -> {
            var sources = Combinators.combine(text(), date()).as((publisher, published) -> new Object[] {publisher, published})
                    .list().ofMinSize(1).ofMaxSize(3).map(list -> {
                        var out = new ArrayList<Source>();
                        for (int i = 0; i < list.size(); i++) {
                            out.add(new Source(p + "-src-" + i, "https://example.org/" + p + "/" + i, (String) list.get(i)[0], (String) list.get(i)[1]));
                        }
                        return out;
                    });
            var companies = Combinators.combine(text(), Arbitraries.of("AI_LAB", "BIG_TECH", "CLOUD_PROVIDER", "CHIP_MAKER", "INVESTOR"))
                    .as((name, kind) -> new String[] {name, kind}).list().ofMinSize(2).ofMaxSize(3).map(list -> {
                        var out = new ArrayList<Company>();
                        for (int i = 0; i < list.size(); i++) {
                            out.add(new Company(p + "-co-" + i, list.get(i)[0], list.get(i)[1]));
                        }
                        return out;
                    });
            var agreements = Combinators.combine(Arbitraries.of(KINDS), text(), money(), date(), Arbitraries.of("STATED", "REPORTED", "INFERRED"))
                    .as((kind, title, money, announced, confidence) -> new Object[] {kind, title, money, announced, confidence})
                    .list().ofMinSize(1).ofMaxSize(5).map(list -> {
                        var out = new ArrayList<Agreement>();
                        for (int i = 0; i < list.size(); i++) {
                            @SuppressWarnings("unchecked")
                            var kind = (List<String>) list.get(i)[0];
                            out.add(new Agreement(p + "-ag-" + i, kind.get(0), (String) list.get(i)[1], kind.get(1), kind.get(2),
                                    (String) list.get(i)[2], (String) list.get(i)[3], (String) list.get(i)[4]));
                        }
                        return out;
                    });
            return Combinators.combine(sources, companies, agreements).as((s, c, a) -> new File(p, s, c, a));
        });
    }

    /** Every single-field break the file allows, each naming the field it breaks. */
    public static List<Mutation> mutations(File file) {
        var all = new ArrayList<Mutation>();
        for (int i = 0; i < file.agreements().size(); i++) {
            var a = file.agreements().get(i);
            var at = "agreements[" + i + "]";
            var block = "  - id: " + a.id() + "\n";
            all.add(new Mutation(at + ".id", block, "  - id: " + a.id().toUpperCase(Locale.ROOT) + " !\n"));
            all.add(new Mutation(at + ".kind", block + "    kind: " + a.kind(), block + "    kind: LOAN"));
            all.add(new Mutation(at + ".title", block + "    kind: " + a.kind() + "\n    title: \"", block + "    kind: " + a.kind()
                    + "\n    title: \"\\0"));
            all.add(new Mutation(at + ".title", block + "    kind: " + a.kind() + "\n    title: \"", block + "    kind: " + a.kind()
                    + "\n    title: \"\\u202E"));
            var tail = "    money: " + a.money() + "\n    sources: [{source: " + file.sources().get(0).id() + ", confidence: " + a.confidence() + "}]";
            var blockTail = blockOf(file, i);
            all.add(new Mutation(at + ".money", blockTail, blockTail.replace("    money: " + a.money(), "    money: " + a.money().replace(" ", " -"))));
            all.add(new Mutation(at + ".money", blockTail, blockTail.replace("    money: " + a.money(), "    money: XYZ 5B")));
            all.add(new Mutation(at + ".announced", blockTail, blockTail.replace("    announced: " + a.announced(), "    announced: 2026-02-30")));
            all.add(new Mutation(at + ".parties[0].role", blockTail, blockTail.replace("role: " + a.role1() + "}", "role: BUYER}")));
            all.add(new Mutation(at + ".sources[0].confidence", blockTail, blockTail.replace("confidence: " + a.confidence() + "}", "confidence: RUMOURED}")));
            all.add(new Mutation(at + ".price", blockTail, blockTail.replace(tail, tail + "\n    price: USD 1B")));
        }
        for (int i = 0; i < file.sources().size(); i++) {
            var s = file.sources().get(i);
            all.add(new Mutation("sources[" + i + "].url", "url: \"" + s.url() + "\"", "url: \"ftp://example.org/x" + i + "\""));
            // The url makes the text unique: two sources may have the same publisher.
            var publisher = "url: \"" + s.url() + "\", publisher: \"" + s.publisher() + "\"";
            all.add(new Mutation("sources[" + i + "].publisher", publisher, publisher.substring(0, publisher.length() - 1) + "\\e\""));
        }
        for (int i = 0; i < file.companies().size(); i++) {
            var c = file.companies().get(i);
            var line = "  - {id: " + c.id() + ", name: \"" + c.name() + "\", kinds: [" + c.kind() + "]}";
            all.add(new Mutation("companies[" + i + "].kinds[0]", line, line.replace("kinds: [" + c.kind() + "]", "kinds: [WIZARD]")));
            all.add(new Mutation("companies[" + i + "].name", line, line.replace("name: \"" + c.name() + "\"", "name: \"" + c.name() + "\\a\"")));
        }
        return all;
    }

    private static String blockOf(File file, int index) {
        var yaml = file.yaml();
        var start = yaml.indexOf("  - id: " + file.agreements().get(index).id() + "\n");
        var next = index + 1 < file.agreements().size() ? yaml.indexOf("  - id: " + file.agreements().get(index + 1).id() + "\n") : yaml.length();
        return yaml.substring(start, next);
    }
}
