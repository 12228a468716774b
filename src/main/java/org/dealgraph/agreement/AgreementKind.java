package org.dealgraph.agreement;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an agreement is. Each kind declares the pair of roles its parties take (one party on each side; a PARTNER
 * may join) and the traits the derived facts ask for: a license question applies to the kinds with {@link Trait#LICENSE},
 * a stake to those with {@link Trait#EQUITY}. Memoranda and partnerships take any roles.
 */
public enum AgreementKind {
    EQUITY_INVESTMENT(EnumSet.of(PartyRole.INVESTOR, PartyRole.INVESTEE), Trait.EQUITY, Trait.INVESTMENT),
    RECAPITALIZATION(EnumSet.of(PartyRole.INVESTOR, PartyRole.INVESTEE), Trait.EQUITY, Trait.INVESTMENT),
    COMPUTE_COMMITMENT(EnumSet.of(PartyRole.PROVIDER, PartyRole.CUSTOMER), Trait.COMPUTE),
    SUPPLY(EnumSet.of(PartyRole.PROVIDER, PartyRole.CUSTOMER)),
    IP_LICENSE(EnumSet.of(PartyRole.LICENSOR, PartyRole.LICENSEE), Trait.LICENSE),
    REVENUE_SHARE(EnumSet.of(PartyRole.PAYER, PartyRole.PAYEE), Trait.REVENUE_SHARE),
    DISTRIBUTION(EnumSet.of(PartyRole.DISTRIBUTOR, PartyRole.SUPPLIER), Trait.DISTRIBUTION),
    PARTNERSHIP(null),
    MEMORANDUM(null, Trait.INVESTMENT),
    JOINT_VENTURE(EnumSet.of(PartyRole.FUNDER, PartyRole.VENTURE));

    /** What the derived facts need to know of a kind. */
    public enum Trait {
        /** Buys a stake: stakes, valuations and implied stakes apply. */
        EQUITY,
        /** Counts towards what a company invested or raised (a memorandum counts as not binding). */
        INVESTMENT,
        /** A compute commitment a customer's commitments add up. */
        COMPUTE,
        /** An IP license: exclusivity and end on a date. */
        LICENSE,
        /** A revenue share: rate, cap and what is owed. */
        REVENUE_SHARE,
        /** A right to serve a supplier's models on a cloud. */
        DISTRIBUTION
    }

    private final Set<PartyRole> requiredRoles;
    private final Set<Trait> traits;

    AgreementKind(Set<PartyRole> requiredRoles, Trait... traits) {
        this.requiredRoles = requiredRoles == null ? EnumSet.noneOf(PartyRole.class) : requiredRoles;
        this.traits = traits.length == 0 ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(Arrays.asList(traits));
    }

    public Set<PartyRole> requiredRoles() {
        return EnumSet.copyOf(requiredRoles);
    }

    public Set<PartyRole> allowedRoles() {
        if (requiredRoles.isEmpty()) {
            return EnumSet.allOf(PartyRole.class);
        }
        var allowed = EnumSet.copyOf(requiredRoles);
        allowed.add(PartyRole.PARTNER);
        return allowed;
    }

    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** The kinds with a trait, in declaration order. */
    public static List<AgreementKind> with(Trait trait) {
        return Arrays.stream(values()).filter(k -> k.has(trait)).toList();
    }
}
