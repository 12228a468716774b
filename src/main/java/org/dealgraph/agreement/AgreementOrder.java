package org.dealgraph.agreement;

import org.eclipse.microprofile.graphql.Description;

@Description("How agreements are sorted.")
public enum AgreementOrder {
    @Description("By announcement date.")
    ANNOUNCED("a.announced"),
    @Description("By headline amount.")
    AMOUNT("a.amountValue"),
    @Description("By total value including expansions (derived).")
    TOTAL_VALUE("totalValue"),
    @Description("By title.")
    TITLE("a.title");

    final String key;

    AgreementOrder(String key) {
        this.key = key;
    }

    /** The node property sorted on, which a range index holds. */
    String property() {
        return key.substring("a.".length());
    }
}
