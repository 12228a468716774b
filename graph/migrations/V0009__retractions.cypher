// Retracted facts are kept, not erased: an agreement retracted becomes :RetractedAgreement (so no query of
// :Agreement sees it), and each retraction is a :Retraction node with who, when, why and from which file.
CREATE CONSTRAINT retracted_agreement_id IF NOT EXISTS FOR (a:RetractedAgreement) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT retraction_id IF NOT EXISTS FOR (x:Retraction) REQUIRE x.id IS UNIQUE;
CREATE INDEX retraction_at IF NOT EXISTS FOR (x:Retraction) ON (x.at);
