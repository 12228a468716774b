package org.dealgraph.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/**
 * An exact amount in an ISO 4217 currency. {@code ceiling} marks "up to" amounts, which are never summed as
 * committed money; {@code approximate} marks "~" amounts.
 */
@Type("Money")
@Description("An exact amount of money in an ISO 4217 currency.")
public record Money(
        @Description("The exact amount, in units of the currency (not cents).") BigDecimal amount,
        @Description("ISO 4217 currency code, e.g. USD.") String currency,
        @Description("True for an 'up to' amount: a maximum, not a commitment.") boolean ceiling,
        @Description("True when the sources give the amount only approximately (~).") boolean approximate,
        @Description("The amount as people write it, e.g. 'USD 38B', 'up to USD 50B', '~USD 2B'.") String text) {

    private static final Pattern FORM = Pattern.compile(
            "(?i)(up to\\s+)?(~)?\\s*([A-Z]{3})\\s+(\\d{1,64}(?:\\.\\d{1,64})?)\\s*([KMBT])?");

    public static Money of(BigDecimal amount, String currency, boolean ceiling, boolean approximate) {
        var exact = amount.stripTrailingZeros();
        if (exact.scale() < 0) {
            exact = exact.setScale(0);
        }
        return new Money(exact, currency, ceiling, approximate,
                (ceiling ? "up to " : "") + (approximate ? "~" : "") + currency + " " + compact(exact));
    }

    /** Parses "USD 38B", "~USD 2.9B", "up to USD 50B", "EUR 1250000". */
    public static Money parse(String text) {
        var m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + Numbers.abbreviated(text) + "' is not an amount: expected e.g. 'USD 38B', "
                    + "'~USD 2.9B' or 'up to USD 50B' (ISO currency, number of " + Numbers.BOUND + ", optional K/M/B/T)");
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
        Numbers.bounded(amount);
        return of(amount, currency, m.group(1) != null, m.group(2) != null);
    }

    public static void requireCurrency(String currency) {
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + currency + "' is not an ISO 4217 currency code");
        }
    }

    /** The same amount as a firm figure: for sums, where being a ceiling is reported separately. */
    public Money firm() {
        return of(amount, currency, false, approximate);
    }

    public Money plus(Money other) {
        return of(amount.add(other.amount), currency, ceiling || other.ceiling, approximate || other.approximate);
    }

    public static String compact(BigDecimal amount) {
        String[] suffixes = {"T", "B", "M", "K"};
        int[] powers = {12, 9, 6, 3};
        for (int i = 0; i < suffixes.length; i++) {
            var unit = BigDecimal.ONE.scaleByPowerOfTen(powers[i]);
            if (amount.abs().compareTo(unit) >= 0) {
                var scaled = amount.divide(unit).stripTrailingZeros();
                return scaled.scale() <= 3 ? scaled.toPlainString() + suffixes[i]
                        : "≈" + scaled.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + suffixes[i];
            }
        }
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return text;
    }
}
