package org.dealgraph.agreement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.dealgraph.value.DateValue;
import org.dealgraph.value.FuzzyDate;
import org.dealgraph.value.Money;
import org.dealgraph.value.Percent;
import org.dealgraph.value.Valuation;
import org.neo4j.driver.Value;

/**
 * How a term of each type is written in a deal file, stored on the agreement node and read back. A term named
 * {@code p} occupies the node properties {@link #properties(String)}: a date also keeps its precision, money its
 * currency and whether it is a ceiling. Every value also has a text form ("USD 38B", "~27", "2032", "true"): the form
 * amendments record and the terms on a date are derived in.
 */
public enum TermType {
    BOOLEAN(List.of("")) {
        @Override
        Object parse(Object given) {
            return given instanceof String text ? parse(text) : (Boolean) given;
        }

        @Override
        Object parse(String text) {
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException("'" + text + "' is not true or false");
            }
            return Boolean.valueOf(text);
        }

        @Override
        public void store(String p, Object value, Map<String, Object> into) {
            into.put(p, value);
        }

        @Override
        public Object read(Value node, String p) {
            return node.get(p).isNull() ? null : node.get(p).asBoolean();
        }
    },
    TEXT(List.of("")) {
        @Override
        Object parse(String text) {
            return text.isBlank() ? null : text.strip();
        }

        @Override
        public void store(String p, Object value, Map<String, Object> into) {
            into.put(p, value);
        }

        @Override
        public Object read(Value node, String p) {
            return node.get(p).asString(null);
        }
    },
    NUMBER(List.of("")) {
        @Override
        Object parse(String text) {
            try {
                return new BigDecimal(text.strip()).stripTrailingZeros();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number");
            }
        }

        @Override
        public void store(String p, Object value, Map<String, Object> into) {
            into.put(p, value == null ? null : ((BigDecimal) value).doubleValue());
        }

        @Override
        public Object read(Value node, String p) {
            return decimal(node.get(p));
        }

        @Override
        String text(Object value) {
            return ((BigDecimal) value).toPlainString();
        }
    },
    /** A percentage, 0 to 100, that may be approximate ("~27"): a stake, a revenue-share rate. */
    PERCENT(List.of("", "Approximate")) {
        @Override
        Object parse(String text) {
            return Percent.parse(text);
        }

        @Override
        public void store(String p, Object value, Map<String, Object> into) {
            var percent = (Percent) value;
            into.put(p, percent == null ? null : percent.value().doubleValue());
            into.put(p + "Approximate", percent == null ? null : percent.approximate());
        }

        @Override
        public Object read(Value node, String p) {
            var v = decimal(node.get(p));
            return v == null ? null : new Percent(v, node.get(p + "Approximate").asBoolean(false));
        }
    },
    DATE(List.of("", "Precision", "Approximate")) {
        @Override
        Object parse(String text) {
            return FuzzyDate.parse(text);
        }

        @Override
        public void store(String p, Object value, Map<String, Object> into) {
            var date = (FuzzyDate) value;
            into.put(p, date == null ? null : date.start());
            into.put(p + "Precision", date == null ? null : date.precision().name());
            into.put(p + "Approximate", date == null ? null : date.approximate());
        }

        @Override
        public Object read(Value node, String p) {
            var value = node.get(p);
            return value.isNull() ? null
                    : DateValue.of(value.asLocalDate(), node.get(p + "Precision").asString(null),
                            node.get(p + "Approximate").asBoolean(false));
        }
    },
    MONEY(List.of("", "Value", "Currency", "Ceiling", "Approximate")) {
        @Override
        Object parse(String text) {
            return Money.parse(text);
        }

        @Override
        public void store(String p, Object value, Map<String, Object> into) {
            storeMoney(p, (Money) value, into);
        }

        @Override
        public Object read(Value node, String p) {
            return readMoney(node, p);
        }
    },
    /** Money with whether it is the valuation before or after the round ("USD 730B pre-money"). */
    VALUATION(List.of("", "Value", "Currency", "Ceiling", "Approximate", "Kind")) {
        @Override
        Object parse(String text) {
            return Valuation.parse(text);
        }

        @Override
        public void store(String p, Object value, Map<String, Object> into) {
            var valuation = (Valuation) value;
            storeMoney(p, valuation == null ? null : valuation.money(), into);
            into.put(p + "Kind", valuation == null ? null : valuation.kind().name());
        }

        @Override
        public Object read(Value node, String p) {
            var money = readMoney(node, p);
            return money == null ? null : Valuation.of(money, Valuation.Kind.valueOf(node.get(p + "Kind").asString()));
        }
    };

    private final List<String> suffixes;

    TermType(List<String> suffixes) {
        this.suffixes = suffixes;
    }

    /** The value of its text form; an IllegalArgumentException saying what is wrong with it. */
    abstract Object parse(String text);

    /** The value of what a deal file gives: its text form, or a number or boolean where the file has one. */
    Object parse(Object given) {
        if (given == null) {
            return null;
        }
        return given instanceof BigDecimal number ? parse(number.toPlainString()) : parse(given.toString());
    }

    public abstract void store(String property, Object value, Map<String, Object> into);

    public abstract Object read(Value node, String property);

    /** Its text form, the one {@link #parse(String)} reads. */
    String text(Object value) {
        return textOf(value);
    }

    /** A term's value as a deal file writes it (what {@link #parse(String)} reads back). */
    public static String textOf(Object value) {
        if (value instanceof Money money) {
            return money.text();
        }
        if (value instanceof DateValue date) {
            return date.text();
        }
        if (value instanceof FuzzyDate date) {
            return date.text();
        }
        if (value instanceof Percent percent) {
            return percent.text();
        }
        return value instanceof Valuation valuation ? valuation.text() : value.toString();
    }

    /** The node properties a term of this type named {@code property} occupies. */
    public List<String> properties(String property) {
        return suffixes.stream().map(s -> property + s).toList();
    }

    private static BigDecimal decimal(Value v) {
        return v.isNull() ? null : BigDecimal.valueOf(v.asDouble()).stripTrailingZeros();
    }

    private static void storeMoney(String p, Money money, Map<String, Object> into) {
        into.put(p, money == null ? null : money.amount().toPlainString());
        into.put(p + "Value", money == null ? null : money.amount().doubleValue());
        into.put(p + "Currency", money == null ? null : money.currency());
        into.put(p + "Ceiling", money == null ? null : money.ceiling());
        into.put(p + "Approximate", money == null ? null : money.approximate());
    }

    private static Money readMoney(Value node, String p) {
        var amount = node.get(p);
        return amount.isNull() ? null
                : Money.of(new BigDecimal(amount.asString()), node.get(p + "Currency").asString(),
                        node.get(p + "Ceiling").asBoolean(false), node.get(p + "Approximate").asBoolean(false));
    }
}
