package org.dealgraph.testing;

/** Deal files written by hand the way seed/README.md says, for the loading tests. */
public final class DealFiles {

    private DealFiles() {
    }

    public static final String XAI_ORACLE = """
            sources:
              - {id: test-xai-oracle, url: "https://example.com/xai-oracle", publisher: Example News, published: 2026-05-02}
            companies:
              - {id: xai, name: "  xAI  ", aliases: [X.AI Corp], kinds: [AI_LAB]}
            agreements:
              - id: xai-oracle-compute-2026
                kind: COMPUTE_COMMITMENT
                title: xAI's compute commitment with Oracle
                parties: [{company: xai, role: CUSTOMER}, {company: oracle, role: PROVIDER}]
                announced: 2026-05-02
                effectiveFrom: 2026-06
                effectiveUntil: "2031"
                termYears: 5
                money: USD 20B
                sources: [{source: test-xai-oracle, confidence: REPORTED}]
            """;

    public static final String XAI_ORACLE_CORRECTED = XAI_ORACLE
            .replace("publisher: Example News, published: 2026-05-02}",
                    "publisher: Example News, published: 2026-05-02}\n  - {id: test-xai-oracle-filing, url: \"https://example.com/xai-oracle-filing\", publisher: Oracle 8-K, published: 2026-05-09}")
            .replace("money: USD 20B", "money: USD 22.5B")
            .replace("sources: [{source: test-xai-oracle, confidence: REPORTED}]",
                    "sources: [{source: test-xai-oracle, confidence: REPORTED}, {source: test-xai-oracle-filing, confidence: STATED, facts: [money]}]");

    /** Valid, except its last agreement names a party that exists nowhere. */
    public static final String ONE_BAD_ROW = """
            sources:
              - {id: test-partial, url: "https://example.com/partial", publisher: Example News}
            agreements:
              - id: partial-good-1
                kind: EQUITY_INVESTMENT
                title: A good one
                parties: [{company: softbank, role: INVESTOR}, {company: openai, role: INVESTEE}]
                announced: 2026-06-01
                money: USD 1B
                sources: [{source: test-partial, confidence: STATED}]
              - id: partial-bad
                kind: EQUITY_INVESTMENT
                title: Names a company nobody defined
                parties: [{company: softbank, role: INVESTOR}, {company: no-such-company, role: INVESTEE}]
                announced: 2026-06-01
                money: USD 1B
                sources: [{source: test-partial, confidence: STATED}]
            """;
}
