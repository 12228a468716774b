package org.dealgraph.value;

import java.math.BigDecimal;

/** A percentage between 0 and 100, possibly approximate ("~27"). */
public record Percent(BigDecimal value, boolean approximate) {

    public Percent {
        value = value.stripTrailingZeros();
    }

    /** Parses "20", "20%", "~27" or "~27%". */
    public static Percent parse(String text) {
        var digits = text.strip().replaceFirst("^~", "").replaceFirst("%$", "");
        BigDecimal value;
        try {
            value = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage");
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is not between 0 and 100");
        }
        return new Percent(value, text.strip().startsWith("~"));
    }

    public String text() {
        return (approximate ? "~" : "") + value.toPlainString();
    }
}
