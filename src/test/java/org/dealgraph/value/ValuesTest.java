package org.dealgraph.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void moneyParsesTheWaysDealsAreWritten() {
        var aws = Money.parse("USD 38B");
        assertEquals(new BigDecimal("38000000000"), aws.amount());
        assertEquals("USD", aws.currency());
        assertFalse(aws.ceiling());
        var amazon = Money.parse("up to USD 50B");
        assertTrue(amazon.ceiling());
        assertEquals("up to USD 50B", amazon.text());
        var nebius = Money.parse("~USD 2.9B");
        assertTrue(nebius.approximate());
        assertEquals(new BigDecimal("2900000000"), nebius.amount());
        assertEquals("EUR 1250000", Money.parse("EUR 1250000").text().replace("1.25M", "1250000"));
        assertEquals("USD 14.2B", Money.parse("USD 14.2B").text());
    }

    @Test
    void moneyRefusesWhatIsNotAnAmount() {
        assertEquals("'USD -5B' is not an amount: expected e.g. 'USD 38B', '~USD 2.9B' or 'up to USD 50B' (ISO currency, number of at most 34 significant digits, 30 before the decimal point and 30 after it, optional K/M/B/T)",
                assertThrows(IllegalArgumentException.class, () -> Money.parse("USD -5B")).getMessage());
        assertEquals("'XYZ' is not an ISO 4217 currency code",
                assertThrows(IllegalArgumentException.class, () -> Money.parse("XYZ 5B")).getMessage());
        // 31 digits before the point: one past the bound, named in the message without the digits themselves.
        assertEquals("1000000000000000000000000000000 is out of bounds: a number may have " + Numbers.BOUND,
                assertThrows(IllegalArgumentException.class, () -> Money.parse("USD 1000000000000000000000000000000")).getMessage());
        assertEquals(new java.math.BigDecimal("1E+29"), Money.parse("USD 100000000000000000T").amount().stripTrailingZeros());
    }

    @Test
    void numbersHaveBoundedDigitsAndExponents() {
        assertEquals(null, Numbers.problem(new java.math.BigDecimal("123456789012345678901234567890.5")));
        assertTrue(Numbers.problem(new java.math.BigDecimal("1e80000")) != null, "exponent");
        assertTrue(Numbers.problem(new java.math.BigDecimal("1e-999999999")) != null, "fraction digits");
        assertTrue(Numbers.problem(new java.math.BigDecimal("1".repeat(35))) != null, "significant digits");
        assertEquals("a number of 70000 digits (exponent 69999)", Numbers.abbreviated(new java.math.BigDecimal("9".repeat(70_000))));
    }

    @Test
    void datesKeepTheirPrecision() {
        var year = FuzzyDate.parse("2021");
        assertEquals(LocalDate.of(2021, 1, 1), year.start());
        assertEquals(LocalDate.of(2021, 12, 31), year.end());
        assertEquals("2021", year.text());
        var month = FuzzyDate.parse("2031-12");
        assertEquals(LocalDate.of(2031, 12, 31), month.end());
        var approx = FuzzyDate.parse("~2025-09-30");
        assertTrue(approx.approximate());
        assertEquals("~2025-09-30", approx.text());
    }

    @Test
    void datesMustBeReal() {
        assertThrows(IllegalArgumentException.class, () -> FuzzyDate.parse("2025-02-30"));
        assertThrows(IllegalArgumentException.class, () -> FuzzyDate.parse("2025-13"));
        assertThrows(IllegalArgumentException.class, () -> FuzzyDate.parse("next year"));
    }
}
