package org.dealgraph.deal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The closed vocabularies of deal files: agreement kinds, party roles and what may change in an amendment. */
public final class Vocabulary {

    public enum AgreementKind {
        EQUITY_INVESTMENT, RECAPITALIZATION, COMPUTE_COMMITMENT, SUPPLY, IP_LICENSE, REVENUE_SHARE, DISTRIBUTION,
        PARTNERSHIP, MEMORANDUM, JOINT_VENTURE
    }

    public enum PartyRole {
        INVESTOR, INVESTEE, PROVIDER, CUSTOMER, LICENSOR, LICENSEE, PAYER, PAYEE, DISTRIBUTOR, SUPPLIER, PARTNER,
        FUNDER, VENTURE
    }

    public enum AmendmentKind {
        AMENDMENT, EXPANSION, SUPERSESSION
    }

    public enum CompanyKind {
        AI_LAB, BIG_TECH, CLOUD_PROVIDER, CHIP_MAKER, INVESTOR, JOINT_VENTURE, OTHER
    }

    public enum FieldType {
        BOOLEAN, TEXT, DATE, PERCENT, MONEY
    }

    /** Terms an amendment may change, with their type. */
    public static final Map<String, FieldType> AMENDABLE = Map.ofEntries(
            Map.entry("exclusive", FieldType.BOOLEAN), Map.entry("primary", FieldType.BOOLEAN),
            Map.entry("firstRelease", FieldType.BOOLEAN), Map.entry("anyCloud", FieldType.BOOLEAN),
            Map.entry("binding", FieldType.BOOLEAN), Map.entry("scope", FieldType.TEXT),
            Map.entry("conditions", FieldType.TEXT), Map.entry("effectiveUntil", FieldType.DATE),
            Map.entry("ratePercent", FieldType.PERCENT), Map.entry("stakePercent", FieldType.PERCENT),
            Map.entry("cap", FieldType.MONEY));

    /** Each kind needs one party on each side of its pair; memoranda and partnerships take any roles. */
    private static final Map<AgreementKind, Set<PartyRole>> REQUIRED = Map.of(
            AgreementKind.EQUITY_INVESTMENT, EnumSet.of(PartyRole.INVESTOR, PartyRole.INVESTEE),
            AgreementKind.RECAPITALIZATION, EnumSet.of(PartyRole.INVESTOR, PartyRole.INVESTEE),
            AgreementKind.COMPUTE_COMMITMENT, EnumSet.of(PartyRole.PROVIDER, PartyRole.CUSTOMER),
            AgreementKind.SUPPLY, EnumSet.of(PartyRole.PROVIDER, PartyRole.CUSTOMER),
            AgreementKind.IP_LICENSE, EnumSet.of(PartyRole.LICENSOR, PartyRole.LICENSEE),
            AgreementKind.REVENUE_SHARE, EnumSet.of(PartyRole.PAYER, PartyRole.PAYEE),
            AgreementKind.DISTRIBUTION, EnumSet.of(PartyRole.DISTRIBUTOR, PartyRole.SUPPLIER),
            AgreementKind.JOINT_VENTURE, EnumSet.of(PartyRole.FUNDER, PartyRole.VENTURE));

    private Vocabulary() {
    }

    public static Set<PartyRole> requiredRoles(AgreementKind kind) {
        return REQUIRED.getOrDefault(kind, EnumSet.noneOf(PartyRole.class));
    }

    public static Set<PartyRole> allowedRoles(AgreementKind kind) {
        var required = REQUIRED.get(kind);
        if (required == null) {
            return EnumSet.allOf(PartyRole.class);
        }
        var allowed = EnumSet.copyOf(required);
        allowed.add(PartyRole.PARTNER);
        return allowed;
    }

    /** Accepts the names as written in the schema, or in lower case with spaces or hyphens ("equity investment"). */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
