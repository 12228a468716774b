package org.dealgraph.graph;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An exact amount in an ISO 4217 currency. {@code ceiling} marks "up to" amounts, which are never summed as
 * committed money; {@code approximate} marks "~" amounts.
 */
public record Money(BigDecimal amount, String currency, boolean ceiling, boolean approximate) {

    private static final Pattern FORM = Pattern.compile(
            "(?i)(up to\\s+)?(~)?\\s*([A-Z]{3})\\s+(\\d+(?:\\.\\d+)?)\\s*([KMBT])?");

    public Money {
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }

    /** Parses "USD 38B", "~USD 2.9B", "up to USD 50B", "EUR 1250000". */
    public static Money parse(String text) {
        var m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an amount: expected e.g. 'USD 38B', "
                    + "'~USD 2.9B' or 'up to USD 50B' (ISO currency, number, optional K/M/B/T)");
        }
        var currency = m.group(3).toUpperCase(Locale.ROOT);
        requireCurrency(currency);
        var amount = new BigDecimal(m.group(4));
        if (m.group(5) != null) {
            amount = amount.scaleByPowerOfTen(switch (m.group(5).toUpperCase(Locale.ROOT)) {
                case "K" -> 3;
                case "M" -> 6;
                case "B" -> 9;
                default -> 12;
            });
        }
        return new Money(amount, currency, m.group(1) != null, m.group(2) != null);
    }

    public static void requireCurrency(String currency) {
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + currency + "' is not an ISO 4217 currency code");
        }
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount), currency, ceiling || other.ceiling, approximate || other.approximate);
    }

    /** "USD 38B", "up to USD 50B": the form deal files use, and the one rules are written in. */
    public String text() {
        return (ceiling ? "up to " : "") + (approximate ? "~" : "") + currency + " " + compact(amount);
    }

    public static String compact(BigDecimal amount) {
        String[] suffixes = {"T", "B", "M", "K"};
        int[] powers = {12, 9, 6, 3};
        for (int i = 0; i < suffixes.length; i++) {
            var unit = BigDecimal.ONE.scaleByPowerOfTen(powers[i]);
            if (amount.abs().compareTo(unit) >= 0) {
                var scaled = amount.divide(unit).stripTrailingZeros();
                if (scaled.scale() <= 3) {
                    return scaled.toPlainString() + suffixes[i];
                }
            }
        }
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return text();
    }
}
