package org.dealgraph.research;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.QueryType;
import org.neo4j.driver.summary.ResultSummary;

/**
 * Decides whether a researcher's statement may run from what Neo4j says it will do: the operators of its
 * {@code EXPLAIN} plan and the statement type the database reports, never from the statement's text. Operators
 * are allowed by name (an operator this list does not know is refused, so a new kind of operator in a later Neo4j
 * is refused until someone looks at it); procedures and plugin functions by an allow-list.
 */
@ApplicationScoped
public class StatementPolicy {

    /** Why a statement was refused: a stable code, a message for people, and the operator or procedure named. */
    public record Refusal(String code, String message, String refused) {
    }

    /** Operators that only read the graph (Neo4j 5 names, without the {@code @database} suffix). */
    private static final Set<String> READ_OPERATORS = Set.of(
            "ProduceResults", "Argument", "ArgumentTracker", "EmptyResult", "Input", "NullifyMetadata",
            "AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan",
            "SubtractionNodeByLabelsScan", "NodeByIdSeek", "NodeByElementIdSeek", "MultiNodeIndexSeek",
            "AssertingMultiNodeIndexSeek", "AssertingMultiRelationshipIndexSeek", "NodeCountFromCountStore",
            "RelationshipCountFromCountStore", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
            "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan", "DirectedUnionRelationshipTypesScan",
            "UndirectedUnionRelationshipTypesScan", "DirectedRelationshipByIdSeek", "UndirectedRelationshipByIdSeek",
            "DirectedRelationshipByElementIdSeek", "UndirectedRelationshipByElementIdSeek",
            "Filter", "Projection", "CacheProperties", "Limit", "ExhaustiveLimit", "Skip", "Sort", "PartialSort", "Top",
            "PartialTop", "Top1WithTies", "Distinct", "OrderedDistinct", "EagerAggregation", "OrderedAggregation",
            "Eager", "Unwind", "PartitionedUnwind", "Optional", "Anti", "Apply", "SemiApply", "AntiSemiApply",
            "LetSemiApply", "LetAntiSemiApply", "SelectOrSemiApply", "SelectOrAntiSemiApply", "LetSelectOrSemiApply",
            "LetSelectOrAntiSemiApply", "RollUpApply", "ConditionalApply", "AntiConditionalApply", "CartesianProduct",
            "NodeHashJoin", "ValueHashJoin", "NodeLeftOuterHashJoin", "NodeRightOuterHashJoin", "Union",
            "OrderedUnion", "ShortestPath", "PathPropagatingBFS", "ProjectEndpoints", "AssertSameNode",
            "AssertSameRelationship", "TriadicSelection", "TriadicBuild", "TriadicFilter", "PreserveOrder",
            "RepeatOptions", "ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions");

    /** Read operators whose names carry a variant in parentheses, and index seeks and scans of every kind. */
    private static final Pattern READ_OPERATOR_FAMILIES = Pattern.compile(
            "(Optional)?Expand\\((All|Into)\\)|VarLengthExpand\\([A-Za-z,]+\\)|StatefulShortestPath\\((All|Into)\\)"
                    + "|(Bidirectional)?Repeat\\((Trail|Walk)\\)"
                    + "|(Node|DirectedRelationship|UndirectedRelationship)(Unique)?Index(Seek|SeekByRange|Scan|ContainsScan|EndsWithScan)"
                    + "|Partitioned(AllNodesScan|NodeByLabelScan|UnionNodeByLabelsScan|IntersectionNodeByLabelsScan"
                    + "|SubtractionNodeByLabelsScan|NodeIndexScan|(Directed|Undirected)(AllRelationshipsScan"
                    + "|RelationshipTypeScan|UnionRelationshipTypesScan|RelationshipIndexScan))");

    /** Operators that reveal or change the DBMS rather than read the graph. */
    private static final Set<String> ADMINISTRATION_OPERATORS = Set.of(
            "AdministrationCommand", "ShowSettings", "ShowTransactions", "TerminateTransactions", "RunQueryAt");

    private static final Set<String> WRITE_OPERATORS = Set.of(
            "Create", "Merge", "LockingMerge", "Delete", "DetachDelete", "SetLabels", "RemoveLabels", "SetProperty",
            "SetProperties", "SetPropertiesFromMap", "SetNodePropertiesFromMap", "SetRelationshipPropertiesFromMap",
            "SetDynamicProperty", "Foreach", "SubqueryForeach", "TransactionApply", "TransactionForeach", "CreateIndex", "DropIndex",
            "CreateConstraint", "DropConstraint", "DoNothingIfExists(INDEX)", "DoNothingIfExists(CONSTRAINT)");

    private static final List<String> SEVERITY = List.of("LOAD_CSV_REFUSED", "ADMINISTRATION_REFUSED", "DATABASE_REFUSED",
            "WRITE_REFUSED", "PROCEDURE_REFUSED", "FUNCTION_REFUSED", "OPERATOR_REFUSED", "EXPRESSION_REFUSED");

    /**
     * Expressions Neo4j evaluates without ever checking its time limit (it checks between rows, not inside one value):
     * a regular expression that backtracks ({@code (.*a){16}} ran 25 s under a 10 s limit), and a {@code reduce} whose
     * accumulator is text or a list, which can double at each step (a 1 GiB string in 26 steps). As the plan renders
     * them: a regular-expression match, and a {@code reduce} whose accumulator starts as anything but a number, a
     * boolean, null or a map (sums and the documented queries' term maps stay allowed).
     */
    private static final Pattern REGEX = Pattern.compile("\\s=~\\s");
    private static final Pattern GROWING_REDUCE = Pattern.compile(
            "reduce\\(\\s*+`?\\w++`?\\s*+=\\s*+(?!\\$autoint_|\\$autodouble_|-?\\d|true\\b|false\\b|null\\b|\\{)", Pattern.CASE_INSENSITIVE);

    private final List<String> allowedProcedures;
    private final List<String> allowedFunctions;
    private final List<String> procedureNames;
    private final List<String> functionNames;

    @Inject
    StatementPolicy(CypherConfig config) {
        this(config.allowedProcedures(), config.allowedFunctions().orElse(List.of()));
    }

    public StatementPolicy(List<String> allowedProcedures, List<String> allowedFunctions) {
        this.procedureNames = List.copyOf(allowedProcedures);
        this.functionNames = List.copyOf(allowedFunctions);
        this.allowedProcedures = allowedProcedures.stream().map(StatementPolicy::lower).toList();
        this.allowedFunctions = allowedFunctions.stream().map(StatementPolicy::lower).toList();
    }

    /**
     * Checks the summary of {@code EXPLAIN <statement>}. {@code pluginFunctions} are the functions the database
     * reports as not built in (Cypher's own functions read values only); any of them used must be allowed.
     */
    public Optional<Refusal> check(ResultSummary explained, Set<String> pluginFunctions) {
        var database = explained.database() == null ? null : explained.database().name();
        var pending = new ArrayDeque<Plan>();
        if (explained.hasPlan()) {
            pending.add(explained.plan());
        }
        // The whole plan is read, and the refusal that says most about the statement is given (a write planned
        // with an operator this list does not know is told as a write).
        Refusal worst = null;
        while (!pending.isEmpty()) {
            var plan = pending.pop();
            var refusal = checkOperator(plan, database, pluginFunctions).orElse(null);
            if (refusal != null && (worst == null || SEVERITY.indexOf(refusal.code()) < SEVERITY.indexOf(worst.code()))) {
                worst = refusal;
            }
            pending.addAll(plan.children());
        }
        if (worst != null) {
            return Optional.of(worst);
        }
        if (explained.queryType() != QueryType.READ_ONLY) {
            return Optional.of(new Refusal("WRITE_REFUSED", "This endpoint is read-only; the database reports this statement as "
                    + explained.queryType() + ", not READ_ONLY", String.valueOf(explained.queryType())));
        }
        return Optional.empty();
    }

    private Optional<Refusal> checkOperator(Plan plan, String database, Set<String> pluginFunctions) {
        var type = plan.operatorType();
        var at = type.indexOf('@');
        var operator = at < 0 ? type : type.substring(0, at);
        var details = plan.arguments().containsKey("Details") ? plan.arguments().get("Details").asString() : "";
        if ("LoadCSV".equals(operator)) {
            return Optional.of(new Refusal("LOAD_CSV_REFUSED",
                    "This endpoint reads the graph only: LOAD CSV (reading files or URLs) is refused", "LOAD CSV"));
        }
        if (ADMINISTRATION_OPERATORS.contains(operator)) {
            return Optional.of(new Refusal("ADMINISTRATION_REFUSED", "This endpoint reads the graph only: "
                    + operator + " (settings, users, databases, transactions) is refused", operator));
        }
        if (WRITE_OPERATORS.contains(operator)) {
            return Optional.of(new Refusal("WRITE_REFUSED", "This endpoint is read-only; the statement would " + operator, operator));
        }
        if ("ProcedureCall".equals(operator)) {
            var procedure = details.contains("(") ? details.substring(0, details.indexOf('(')).strip() : details.strip();
            if (!matches(lower(procedure), allowedProcedures)) {
                return Optional.of(new Refusal("PROCEDURE_REFUSED", "The procedure " + procedure
                        + " is not on this endpoint's allow-list " + procedureNames, procedure));
            }
        } else if (!READ_OPERATORS.contains(operator) && !READ_OPERATOR_FAMILIES.matcher(operator).matches()) {
            return Optional.of(new Refusal("OPERATOR_REFUSED", "The plan uses the operator " + operator
                    + ", which this endpoint does not know to be a read of the graph", operator));
        }
        if (at >= 0 && database != null && !type.substring(at + 1).equals(database)) {
            return Optional.of(new Refusal("DATABASE_REFUSED", "This endpoint reads the graph database '" + database
                    + "' only; the statement runs " + operator + " on '" + type.substring(at + 1) + "'", type.substring(at + 1)));
        }
        if (REGEX.matcher(details).find()) {
            return Optional.of(new Refusal("EXPRESSION_REFUSED", "Neo4j cannot interrupt a regular expression while it matches, so "
                    + "its time limit would not hold: use CONTAINS, STARTS WITH or ENDS WITH (with toLower() for case)", "=~"));
        }
        if (GROWING_REDUCE.matcher(details).find()) {
            return Optional.of(new Refusal("EXPRESSION_REFUSED", "Neo4j cannot interrupt a reduce() while it computes one value, and "
                    + "an accumulator of text or a list can grow without bound: reduce() may accumulate numbers, booleans or maps; "
                    + "build lists with collect() or a list comprehension", "reduce"));
        }
        var lowerDetails = lower(details);
        for (var function : pluginFunctions) {
            var name = lower(function);
            if (!matches(name, allowedFunctions) && calls(lowerDetails, name)) {
                return Optional.of(new Refusal("FUNCTION_REFUSED", "The function " + function
                        + " is not on this endpoint's allow-list " + functionNames, function));
            }
        }
        return Optional.empty();
    }

    /** The plan renders every call as {@code name(}, with the name as the database resolved it. */
    private static boolean calls(String details, String function) {
        for (int at = details.indexOf(function); at >= 0; at = details.indexOf(function, at + 1)) {
            var before = at == 0 ? ' ' : details.charAt(at - 1);
            var after = details.substring(at + function.length()).stripLeading();
            if (!Character.isJavaIdentifierPart(before) && before != '.' && (after.startsWith("(") || after.startsWith("`"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String name, List<String> allowList) {
        for (var allowed : allowList) {
            if (allowed.endsWith("*") ? name.startsWith(allowed.substring(0, allowed.length() - 1)) : name.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
