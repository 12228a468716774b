package org.dealgraph.company;

/** What kind of company it is. */
public enum CompanyKind {
    AI_LAB, BIG_TECH, CLOUD_PROVIDER, CHIP_MAKER, INVESTOR, JOINT_VENTURE, OTHER
}
