package org.dealgraph.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.dealgraph.database.Keyset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keyset pages without a database: what a cursor holds, which rows a page may take, and every argument it refuses. */
class PageTest {

    static Stream<Arguments> keys() {
        return Stream.of(Arguments.of(null, "a"), Arguments.of(LocalDate.of(2026, 4, 27), "msft-openai"),
                Arguments.of(12.5, "x|y"), Arguments.of("Open|AI + 100%", "é 世界/🙂"), Arguments.of("", "id"));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void aCursorComesBackAsTheRowItWasMadeOf(Object key, String id) {
        var cursor = Page.encode("announced", key, id);
        var forward = Page.of("announced", 5, cursor);
        assertEquals(new Page.Cursor(key, id), forward.cursor());
        assertFalse(forward.backward());
        assertEquals(5, forward.size());
        var backward = Page.of("announced", null, null, 7, cursor);
        assertEquals(new Page.Cursor(key, id), backward.cursor());
        assertTrue(backward.backward());
        assertEquals(7, backward.size());
    }

    @Test
    void pageSizesAreBoundedAndTheDefaultIsTwenty() {
        assertEquals(Page.DEFAULT_SIZE, Page.of("o", null, null).size());
        assertEquals(20, Page.DEFAULT_SIZE);
        assertEquals(0, Page.of("o", 0, null).size());
        assertEquals(100, Page.of("o", 100, null).size());
        assertEquals(100, Page.of("o", null, null, 100, null).size());
        assertEquals("Argument 'first' must be between 0 and 100, was 101", refused(() -> Page.of("o", 101, null)));
        assertEquals("Argument 'first' must be between 0 and 100, was -1", refused(() -> Page.of("o", -1, null)));
        assertEquals("Argument 'last' must be between 0 and 100, was 101", refused(() -> Page.of("o", null, null, 101, null)));
        assertEquals("Argument 'last' must be between 0 and 100, was -1", refused(() -> Page.of("o", null, null, -1, null)));
    }

    @Test
    void directionsCannotBeMixed() {
        var cursor = Page.encode("o", "k", "i");
        assertTrue(refused(() -> Page.of("o", 1, null, 1, null)).startsWith("Argument 'last' give either 'first'"));
        assertTrue(refused(() -> Page.of("o", null, cursor, null, cursor)).startsWith("Argument 'before' give either 'after'"));
        assertTrue(refused(() -> Page.of("o", 1, null, null, cursor)).startsWith("Argument 'first' pages before a cursor"));
        var last = Page.of("o", null, null, 3, null);
        assertTrue(last.backward());
        assertNull(last.cursor());
        assertTrue(Page.of("o", null, null, null, cursor).backward());
        assertEquals(Page.DEFAULT_SIZE, Page.of("o", null, null, null, cursor).size());
        assertFalse(Page.of("o", null, cursor, null, null).backward());
    }

    @Test
    void cursorsNotMadeHereOrForAnotherOrderingAreRefused() {
        for (var forged : List.of("!!!", "", "cG9zOi01", java.util.Base64.getUrlEncoder().encodeToString("v1|o|s:a|b".getBytes()),
                java.util.Base64.getUrlEncoder().encodeToString("v2|o|q:a|b".getBytes()),
                java.util.Base64.getUrlEncoder().encodeToString("v2|o|d:2026-02-30|b".getBytes()),
                java.util.Base64.getUrlEncoder().encodeToString("v2|o|n:many|b".getBytes()),
                java.util.Base64.getUrlEncoder().encodeToString("v2|o|s|b".getBytes()),
                java.util.Base64.getUrlEncoder().encodeToString("v2|o|sa|b".getBytes()),
                java.util.Base64.getUrlEncoder().encodeToString("v2|o|s:a|b|c".getBytes()))) {
            assertEquals("Argument 'after' is not a cursor this API returned", refused(() -> Page.of("o", 1, forged)), forged);
        }
        assertEquals("Argument 'before' is a cursor of another ordering (title); this page is ordered by announced",
                refused(() -> Page.of("announced", null, null, 1, Page.encode("title", "x", "y"))));
    }

    @Test
    void withoutACursorEveryRowMayBeTaken() {
        var page = Page.of("o", 2, null);
        assertEquals("true", Keyset.where(page, "a.k", "a.id", true));
        assertEquals(List.of(new Keyset.Segment(true, "a.k IS NOT NULL"), new Keyset.Segment(false, "a.k IS NULL")), Keyset.segments(page, "a.k", "a.id", true));
        var backward = Page.of("o", null, null, 2, null);
        assertEquals(List.of(new Keyset.Segment(false, "a.k IS NULL"), new Keyset.Segment(true, "a.k IS NOT NULL")), Keyset.segments(backward, "a.k", "a.id", true));
        assertEquals(3, page.parameters().get("take"));
        assertNull(page.parameters().get("cursorKey"));
        assertNull(page.parameters().get("cursorId"));
    }

    @Test
    void afterACursorOnlyTheRowsBeyondIt() {
        var page = Page.of("o", 2, Page.encode("o", "k", "i"));
        assertEquals("(a.k IS NULL OR a.k > $cursorKey OR (a.k = $cursorKey AND a.id > $cursorId))", Keyset.where(page, "a.k", "a.id", true));
        assertEquals("(a.k IS NULL OR a.k < $cursorKey OR (a.k = $cursorKey AND a.id > $cursorId))", Keyset.where(page, "a.k", "a.id", false));
        assertEquals(List.of(new Keyset.Segment(true, "a.k = $cursorKey AND a.id > $cursorId"), new Keyset.Segment(true, "a.k > $cursorKey"),
                new Keyset.Segment(false, "a.k IS NULL")), Keyset.segments(page, "a.k", "a.id", true));
        assertEquals(List.of(new Keyset.Segment(true, "a.k = $cursorKey AND a.id > $cursorId"), new Keyset.Segment(true, "a.k < $cursorKey"),
                new Keyset.Segment(false, "a.k IS NULL")), Keyset.segments(page, "a.k", "a.id", false));
        assertEquals("ASC", Keyset.direction(page, true));
        assertEquals("DESC", Keyset.direction(page, false));
        assertEquals("ASC", Keyset.idDirection(page));
        assertEquals("k", page.parameters().get("cursorKey"));
        assertEquals("i", page.parameters().get("cursorId"));
        assertEquals(3, page.parameters().get("take"));

        var unkeyed = Page.of("o", 2, Page.encode("o", null, "i"));
        assertEquals("(a.k IS NULL AND a.id > $cursorId)", Keyset.where(unkeyed, "a.k", "a.id", true));
        assertEquals(List.of(new Keyset.Segment(false, "a.k IS NULL AND a.id > $cursorId")), Keyset.segments(unkeyed, "a.k", "a.id", true));
    }

    @Test
    void beforeACursorOnlyTheRowsAheadOfIt() {
        var page = Page.of("o", null, null, 2, Page.encode("o", "k", "i"));
        assertEquals("(a.k IS NOT NULL AND (a.k < $cursorKey OR (a.k = $cursorKey AND a.id < $cursorId)))", Keyset.where(page, "a.k", "a.id", true));
        assertEquals("(a.k IS NOT NULL AND (a.k > $cursorKey OR (a.k = $cursorKey AND a.id < $cursorId)))", Keyset.where(page, "a.k", "a.id", false));
        assertEquals(List.of(new Keyset.Segment(true, "a.k = $cursorKey AND a.id < $cursorId"), new Keyset.Segment(true, "a.k < $cursorKey")),
                Keyset.segments(page, "a.k", "a.id", true));
        assertEquals("DESC", Keyset.direction(page, true));
        assertEquals("ASC", Keyset.direction(page, false));
        assertEquals("DESC", Keyset.idDirection(page));

        var unkeyed = Page.of("o", null, null, 2, Page.encode("o", null, "i"));
        assertEquals("(a.k IS NOT NULL OR a.id < $cursorId)", Keyset.where(unkeyed, "a.k", "a.id", true));
        assertEquals(List.of(new Keyset.Segment(false, "a.k IS NULL AND a.id < $cursorId"), new Keyset.Segment(true, "a.k IS NOT NULL")),
                Keyset.segments(unkeyed, "a.k", "a.id", true));
    }

    @Test
    void aRowsCursorIsItsKeyAndId() {
        var page = Page.of("o", 2, null);
        assertEquals(Page.encode("o", "k", "i"), page.cursorOf(new Page.Row<>("node", "k", "i")));
        assertEquals(new Page.Cursor(LocalDate.of(2020, 1, 2), "i"),
                Page.of("o", 1, page.cursorOf(new Page.Row<>("node", LocalDate.of(2020, 1, 2), "i"))).cursor());
    }

    private static String refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(ApiErrors.BadArgument.class, call).getMessage();
    }
}
