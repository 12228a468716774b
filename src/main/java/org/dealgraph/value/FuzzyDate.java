package org.dealgraph.value;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Pattern;

import org.eclipse.microprofile.graphql.Enum;

/**
 * A date as precise as its source: "2021" is the year 2021, not 2021-01-01. {@code start} is the first day of
 * the period, {@link #end()} its last; "~" marks a date the source gives only approximately.
 */
public record FuzzyDate(LocalDate start, Precision precision, boolean approximate) implements Comparable<FuzzyDate> {


    @Enum("DatePrecision")
    public enum Precision {
        DAY, MONTH, YEAR
    }

    private static final Pattern FORM = Pattern.compile("(~)?(\\d{4})(?:-(\\d{2}))?(?:-(\\d{2}))?");

    public static FuzzyDate parse(String text) {
        var trimmed = text == null ? "" : text.strip();
        var m = FORM.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, "
                    + "with a leading ~ when approximate");
        }
        var approximate = m.group(1) != null;
        int year = Integer.parseInt(m.group(2));
        try {
            if (m.group(4) != null) {
                return new FuzzyDate(LocalDate.of(year, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))),
                        Precision.DAY, approximate);
            }
            if (m.group(3) != null) {
                return new FuzzyDate(YearMonth.of(year, Integer.parseInt(m.group(3))).atDay(1), Precision.MONTH, approximate);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a real date: " + e.getMessage());
        }
        return new FuzzyDate(LocalDate.of(year, 1, 1), Precision.YEAR, approximate);
    }

    public static FuzzyDate of(LocalDate start, String precision, boolean approximate) {
        return start == null ? null
                : new FuzzyDate(start, precision == null ? Precision.DAY : Precision.valueOf(precision), approximate);
    }

    /** The last day of the period. */
    public LocalDate end() {
        return switch (precision) {
            case DAY -> start;
            case MONTH -> YearMonth.from(start).atEndOfMonth();
            case YEAR -> start.withDayOfYear(start.lengthOfYear());
        };
    }

    public String text() {
        var prefix = approximate ? "~" : "";
        return prefix + switch (precision) {
            case DAY -> start.toString();
            case MONTH -> YearMonth.from(start).toString();
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    @Override
    public int compareTo(FuzzyDate other) {
        return start.compareTo(other.start);
    }

    @Override
    public String toString() {
        return text();
    }

}
