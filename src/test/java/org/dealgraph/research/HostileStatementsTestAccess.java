package org.dealgraph.research;

/** How many hostile statements the Cypher suite holds, for the count across every door. */
public final class HostileStatementsTestAccess {

    private HostileStatementsTestAccess() {
    }

    public static long refusedCount() {
        return HostileStatementsTest.refused().count();
    }
}
