package org.dealgraph.agreement;

/** How one agreement acts on an earlier one. */
public enum AmendmentKind {
    /** Changes terms of the earlier agreement from a date, each change listed. */
    AMENDMENT,
    /** Adds to the earlier agreement's amount (its own amount is what it adds). */
    EXPANSION,
    /** Replaces the earlier agreement from a date. */
    SUPERSESSION
}
