package org.dealgraph.value;

import org.eclipse.microprofile.graphql.Description;

@Description("How sure a fact is, strongest first.")
public enum Confidence {
    @Description("Stated by the parties themselves or in a filing.")
    STATED,
    @Description("Stated by the press, credited to reports.")
    REPORTED,
    @Description("Inferred from other facts.")
    INFERRED;

    public static Confidence weakest(Confidence a, Confidence b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    public static Confidence strongest(Confidence a, Confidence b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
