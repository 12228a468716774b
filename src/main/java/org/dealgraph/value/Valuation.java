package org.dealgraph.value;

import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Type;

/** A company's valuation at a funding round, before or after the round's money, as the source gives it. */
@Type("Valuation")
@Description("A company's valuation at a funding round: pre-money (before the round's money) or post-money (after it).")
public record Valuation(
        @Description("The valuation.") Money money,
        @Description("PRE_MONEY or POST_MONEY, as the source gives it.") Kind kind,
        @Description("As people write it, e.g. 'USD 730B pre-money'.") String text) {

    @Enum("ValuationKind")
    @Description("Whether a valuation is before the round's money (PRE_MONEY) or after it (POST_MONEY).")
    public enum Kind {
        PRE_MONEY, POST_MONEY;

        String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final Pattern FORM = Pattern.compile("(?i)(.+?)\\s+(pre|post)[- ]money");

    public static Valuation of(Money money, Kind kind) {
        return new Valuation(money, kind, money.text() + " " + kind.text());
    }

    /** Parses "USD 730B pre-money" or "~USD 300B post-money". */
    public static Valuation parse(String text) {
        var m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a valuation: expected e.g. 'USD 730B pre-money' or "
                    + "'USD 300B post-money'");
        }
        return of(Money.parse(m.group(1)), m.group(2).equalsIgnoreCase("pre") ? Kind.PRE_MONEY : Kind.POST_MONEY);
    }
}
