package org.dealgraph.api;

/**
 * A load of many facts has committed and the heap has been collected after it (load/HeapAfterLoad): readers may warm
 * what the load changed (graphql/WarmUp). A CDI event, so that writing does not depend on the GraphQL engine.
 */
public record LargeLoadCommitted(int facts) {
}
