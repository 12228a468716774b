package org.dealgraph.agreement;

/** A company's role in an agreement. Listed giver first (investor before investee), which is how parties are ordered. */
public enum PartyRole {
    INVESTOR, INVESTEE, PROVIDER, CUSTOMER, LICENSOR, LICENSEE, PAYER, PAYEE, DISTRIBUTOR, SUPPLIER, PARTNER,
    FUNDER, VENTURE
}
