package org.dealgraph.value;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("FuzzyDate")
@Description("A date as precise as its source: '2021' is the year 2021, not 2021-01-01. earliest and latest bound the period.")
public record DateValue(
        @Description("The date as the sources give it: '2025-11-03', '2025-11', '2021', '~2025-09-30'.") String text,
        @Description("First day of the period.") LocalDate earliest,
        @Description("Last day of the period.") LocalDate latest,
        @Description("DAY, MONTH or YEAR.") FuzzyDate.Precision precision,
        @Description("True when the sources give the date only approximately.") boolean approximate) {

    public static DateValue of(FuzzyDate date) {
        return date == null ? null : new DateValue(date.text(), date.start(), date.end(), date.precision(), date.approximate());
    }

    public static DateValue of(LocalDate start, String precision, Boolean approximate) {
        return of(FuzzyDate.of(start, precision, Boolean.TRUE.equals(approximate)));
    }
}
