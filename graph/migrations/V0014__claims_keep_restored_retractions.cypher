// A source claim carries its own retraction intervals, so that a read as known tells whether it was held from the
// claim alone: a retracted claim (RETRACTED_SOURCED_BY) its retractedAt; a claim retracted and restored since, the
// intervals it stood retracted (retractedFrom[i] to retractedUntil[i]). Claims retracted or restored before this
// migration get them from the retractions the graph holds. Revisions written from now on also keep their agreement's
// links typed (linksKept: CONCERNED, HAD_TRANCHE to a PastTranche, AMENDED, WAS_SOURCED_BY); older ones cannot be
// given them.
MATCH ()-[r:RETRACTED_SOURCED_BY]->() WHERE r.retractedAt IS NULL
MATCH (x:Retraction {id: r.retraction})
SET r.retractedAt = x.at;
MATCH (x:Retraction {kind: 'SOURCE_CLAIM'}) WHERE x.restoredAt IS NOT NULL
MATCH (:Agreement|RetractedAgreement {id: x.agreementId})-[r:SOURCED_BY]->(:Source {id: x.sourceId})
WHERE NOT x.at IN coalesce(r.retractedFrom, [])
SET r.retractedFrom = coalesce(r.retractedFrom, []) + x.at, r.retractedUntil = coalesce(r.retractedUntil, []) + x.restoredAt;
