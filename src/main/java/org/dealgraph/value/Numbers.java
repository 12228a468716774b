package org.dealgraph.value;

import java.math.BigDecimal;

/**
 * The numbers a client may hand the service: arithmetic on a decimal costs time and memory with its digits and its
 * exponent ({@code 1e80000} squared is 160,000 digits), so every decimal from outside — GraphQL arguments and
 * variables, deal files, mutations — is refused past these bounds before anything computes with it.
 */
public final class Numbers {

    /** Significant digits: a decimal128 holds 34; no amount, rate or term in a deal needs more. */
    public static final int MAX_DIGITS = 34;
    /** Digits before the decimal point (10^30 is far beyond any deal's money) and after it. */
    public static final int MAX_INTEGER_DIGITS = 30;
    public static final int MAX_FRACTION_DIGITS = 30;

    public static final String BOUND = "at most " + MAX_DIGITS + " significant digits, " + MAX_INTEGER_DIGITS
            + " before the decimal point and " + MAX_FRACTION_DIGITS + " after it";

    private Numbers() {
    }

    /** Null when the value is within the bounds, otherwise what is wrong with it, as a sentence's end. */
    public static String problem(BigDecimal value) {
        if (value == null) {
            return null;
        }
        // precision() and scale() are read off the representation: no digit string is built for 1e-999999999.
        long scale = value.scale();
        long integerDigits = (long) value.precision() - scale;
        if (value.precision() > MAX_DIGITS || integerDigits > MAX_INTEGER_DIGITS || scale > MAX_FRACTION_DIGITS) {
            return "is out of bounds: a number may have " + BOUND;
        }
        return null;
    }

    /** The value, or an {@link IllegalArgumentException} naming the bound. */
    public static BigDecimal bounded(BigDecimal value) {
        var problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(abbreviated(value) + " " + problem);
        }
        return value;
    }

    /** A number's text for a message: never the 700,000 digits it may have. */
    public static String abbreviated(Object value) {
        var text = value instanceof BigDecimal decimal && decimal.precision() <= 40 ? decimal.toString()
                : value instanceof BigDecimal decimal ? "a number of " + decimal.precision() + " digits (exponent "
                        + (decimal.precision() - 1 - (long) decimal.scale()) + ")"
                : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 40) + "… (" + text.length() + " characters)" : text;
    }
}
