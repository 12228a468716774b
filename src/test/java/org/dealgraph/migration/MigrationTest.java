package org.dealgraph.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void parsesVersionAndDescriptionFromTheFileName() {
        var migration = Migration.parse("V0012__index_on_names.cypher", "RETURN 1");
        assertEquals(12, migration.version());
        assertEquals("index on names", migration.description());
    }

    @Test
    void refusesFileNamesWithoutAVersion() {
        var e = assertThrows(IllegalStateException.class, () -> Migration.parse("indexes.cypher", ""));
        assertEquals("Migration file indexes.cypher is not named V<version>__<description>.cypher", e.getMessage());
    }

    @Test
    void splitsStatementsAtSemicolonsAndDropsCommentLines() {
        var migration = Migration.parse("V1__x.cypher", """
                // why this exists
                CREATE CONSTRAINT a IF NOT EXISTS
                FOR (n:A) REQUIRE n.id IS UNIQUE;
                CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.x);
                """);
        assertEquals(List.of("CREATE CONSTRAINT a IF NOT EXISTS\nFOR (n:A) REQUIRE n.id IS UNIQUE",
                "CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.x)"), migration.statements());
    }

    @Test
    void checksumIgnoresLineEndingsButNotContent() {
        var unix = Migration.parse("V1__x.cypher", "RETURN 1;\nRETURN 2;\n");
        var windows = Migration.parse("V1__x.cypher", "RETURN 1;\r\nRETURN 2;\r\n");
        var changed = Migration.parse("V1__x.cypher", "RETURN 1;\nRETURN 3;\n");
        assertEquals(unix.checksum(), windows.checksum());
        assertNotEquals(unix.checksum(), changed.checksum());
    }
}
