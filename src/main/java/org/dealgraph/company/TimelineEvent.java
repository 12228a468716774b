package org.dealgraph.company;

import org.dealgraph.value.DateValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.types.MapAccessor;

@Type("TimelineEvent")
@Description("Something that happened to a company's deals on a date.")
public record TimelineEvent(
        @Description("When.") DateValue date,
        @Description("ANNOUNCED, EFFECTIVE, ENDS, AMENDMENT, EXPANSION, SUPERSESSION or STATEMENT.") String kind,
        @Description("The agreement concerned (for an amendment: the amending agreement).") String agreementId,
        @Description("Business id of the agreement amended, for amendments.") String amendedAgreementId,
        @Description("Business id of the statement, for statements.") String statementId,
        @Description("Title of the agreement, or who made the statement.") String title,
        @Description("What happened.") String summary) {

    static TimelineEvent from(MapAccessor v) {
        return new TimelineEvent(DateValue.of(v.get("date").asLocalDate(), v.get("precision").asString(null), v.get("approximate").asBoolean(false)),
                v.get("kind").asString(), v.get("agreementId").asString(null), v.get("amendedId").asString(null),
                v.get("statementId").asString(null), v.get("title").asString(null), v.get("summary").asString(null));
    }
}
