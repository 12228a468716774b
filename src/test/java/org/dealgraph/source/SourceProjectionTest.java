package org.dealgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A nested request pays for the source fields it selects, not for every property of every source and link. */
class SourceProjectionTest {

    @Test
    void aSourceIsReadForTheFieldsSelected() {
        assertEquals("s {.id, .url}", Source.projection(List.of("url")));
        assertEquals("s {.id, .published, .publishedApproximate, .publishedPrecision, .publisher}",
                Source.projection(List.of("id", "publisher", "published", "citedBy")));
        assertEquals(Source.PROJECTION, Source.projection(List.of("url", "aFieldAddedLater")));
    }

    @Test
    void aClaimReadsItsConfidenceAndOnlyTheOtherFieldsSelected() {
        assertEquals("[(a)-[sourcedBy:SOURCED_BY]->(s:Source) | {source: s {.id, .url}, confidence: sourcedBy.confidence}]",
                SourceClaim.of("a", List.of("confidence", "source"), List.of("url")));
        assertEquals("[(a)-[sourcedBy:SOURCED_BY]->(s:Source) | {source: s {.id}, confidence: sourcedBy.confidence, claim: sourcedBy.claim}]",
                SourceClaim.of("a", List.of("claim"), List.of()));
    }
}
