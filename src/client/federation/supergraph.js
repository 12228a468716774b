// dealgraph in a supergraph, as an organisation running Apollo Federation 2 meets it: the subgraph SDL dealgraph
// publishes (_service { sdl }) is composed with @apollo/composition beside a small second subgraph ("news", which adds
// Company.newsMentions and stories naming companies), queries cross both through @apollo/gateway, and the cost the
// GraphQL Cost Directives specification gives each query from the supergraph's @cost and @listSize is compared with
// the figure dealgraph itself enforces (extensions.cost.estimated). Prints one JSON document; exits 1 on a failure.
//   DEALGRAPH_URL=http://localhost:8080/graphql node federation/supergraph.js
import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  Kind, buildASTSchema, getArgumentValues, getNamedType, getNullableType, isCompositeType, isListType, parse, valueFromASTUntyped,
} from 'graphql';

const url = process.env.DEALGRAPH_URL ?? 'http://localhost:8080/graphql';

async function post(query, variables = {}) {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

const news = {
  name: 'news',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
    type Company @key(fields: "id") { id: ID! newsMentions: [String!]! }
    type Story { headline: String! company: Company! }
    type Query { topStories: [Story!]! }
  `),
  resolvers: {
    Company: { __resolveReference: (ref) => ({ id: ref.id, newsMentions: [`${ref.id} in the news`] }) },
    Query: {
      topStories: () => ['openai', 'microsoft', 'anthropic']
        .map((id) => ({ headline: `${id} signs a deal`, company: { id, newsMentions: [`${id} in the news`] } })),
    },
  },
};

// The specification's static cost: a field weighs its @cost (else its type's @cost, else 1 for an object and 0 for a
// scalar or enum) plus the cost of its selection, times the elements it can hold: a slicing argument's value (a list's
// length), else its parent's sizedFields, else assumedSize; a list with no @listSize counts the default list size.
const DEFAULT_LIST_SIZE = 3;

function directive(node, name) {
  return node?.directives?.find((d) => d.name.value === name || d.name.value.endsWith(`__${name}`));
}

function argument(directiveNode, name) {
  const found = directiveNode?.arguments?.find((a) => a.name.value === name);
  return found ? valueFromASTUntyped(found.value) : undefined;
}

function sizeOf(listSize, args) {
  let size;
  for (const name of argument(listSize, 'slicingArguments') ?? []) {
    const value = args[name];
    if (typeof value === 'number') size = Math.max(size ?? 0, value);
  }
  return size ?? argument(listSize, 'assumedSize') ?? 1;
}

function selectionCost(schema, type, selectionSet, sized, variables, fragments) {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const definition = type.getFields()[selection.name.value];
      cost += fieldCost(schema, definition, selection, sized.get(selection.name.value), variables, fragments);
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      const on = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      cost += selectionCost(schema, on, fragment.selectionSet, sized, variables, fragments);
    }
  }
  return cost;
}

function fieldCost(schema, definition, node, upstream, variables, fragments) {
  const named = getNamedType(definition.type);
  const weight = argument(directive(definition.astNode, 'cost'), 'weight') ?? argument(directive(named.astNode, 'cost'), 'weight')
    ?? (isCompositeType(named) ? 1 : 0);
  const listSize = directive(definition.astNode, 'listSize');
  const args = getArgumentValues(definition, node, variables);
  const sizedFields = argument(listSize, 'sizedFields') ?? [];
  let instances = 1;
  if (upstream !== undefined) instances = upstream;
  else if (listSize && sizedFields.length === 0) instances = sizeOf(listSize, args);
  else if (isListType(getNullableType(definition.type))) instances = DEFAULT_LIST_SIZE;
  const sized = new Map(sizedFields.map((name) => [name, sizeOf(listSize, args)]));
  const children = node.selectionSet ? selectionCost(schema, named, node.selectionSet, sized, variables, fragments) : 0;
  return instances * (weight + children);
}

function specCost(schema, query, variables = {}) {
  const document = parse(query);
  const fragments = Object.fromEntries(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return (operation.operation === 'mutation' ? 10 : 0) + selectionCost(schema, root, operation.selectionSet, new Map(), variables, fragments);
}

const COSTED = [
  ['a look-up', '{ agreement(id: "msft-openai-ip-license") { id title parties { role company { id name } } sources { source { url } } } }', {}],
  ['a page', 'query($n: Int) { agreements(first: $n, orderBy: AMOUNT, direction: DESC) { totalCount edges { cursor node { id money { text } parties { company { name } } } } } }', { n: 25 }],
  ['a page read backwards', '{ companies(last: 7) { nodes { id name agreements(first: 4) { id amends { agreementId } } } } }', {}],
  ['a company and its deals', '{ company(id: "openai") { name agreements { id parties { company { agreements(first: 2) { id } } } } } }', {}],
  ['nodes by id (the service counts the 3 ids; the specification assumes 100)', '{ nodes(ids: ["openai", "microsoft", "msft-openai-ip-license"]) { id ... on Company { name } ... on Agreement { parties { role } } } }', {}],
  ['aliases and a fragment', 'query { a: company(id: "openai") { ...deals } b: company(id: "microsoft") { ...deals } } fragment deals on Company { agreementsConnection(first: 3) { nodes { id } pageInfo { hasNextPage } } }', {}],
];

async function main() {
  const served = await post('{ _service { sdl } }');
  const sdl = served?.data?._service?.sdl;
  if (!sdl) throw new Error(`no subgraph SDL from ${url}: ${JSON.stringify(served)}`);
  const composed = composeServices([
    { name: 'dealgraph', url, typeDefs: parse(sdl) },
    { name: news.name, url: 'local://news', typeDefs: news.typeDefs },
  ]);
  if (composed.errors?.length) {
    throw new Error(`composition failed:\n${composed.errors.map((e) => e.message).join('\n')}`);
  }
  const supergraph = buildASTSchema(parse(composed.supergraphSdl), { assumeValidSDL: true });

  const newsSchema = buildSubgraphSchema([{ typeDefs: news.typeDefs, resolvers: news.resolvers }]);
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ name, url: serviceUrl }) => (name === 'news' ? new LocalGraphQLDataSource(newsSchema) : new RemoteGraphQLDataSource({ url: serviceUrl })),
  });
  const server = new ApolloServer({ gateway });
  await server.start();
  const ask = async (query) => {
    const response = await server.executeOperation({ query });
    return response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'incremental answer' }] };
  };
  const intoNews = await ask('{ company(id: "openai") { name newsMentions agreements(first: 2) { id } } }');
  const fromNews = await ask('{ topStories { headline company { id name newsMentions agreementsConnection(first: 1) { totalCount } } } }');
  await server.stop();

  const costs = [];
  for (const [name, query, variables] of COSTED) {
    const answer = await post(query, variables);
    costs.push({ name, spec: specCost(supergraph, query, variables), service: answer?.extensions?.cost?.estimated, errors: answer.errors ?? null,
      bound: name.startsWith('nodes by id') });
  }
  const costDirectives = /@cost\(/.test(composed.supergraphSdl) && /@listSize\(/.test(composed.supergraphSdl);
  console.log(JSON.stringify({ composed: true, costDirectives, intoNews, fromNews, costs }, null, 2));
  const failed = intoNews.errors || fromNews.errors || !costDirectives || costs.some((c) => c.errors || typeof c.service !== 'number' || (c.bound ? c.spec < c.service : c.spec !== c.service));
  console.log(failed ? 'supergraph: FAILED' : 'supergraph: all checks passed');
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log('supergraph: FAILED');
  process.exit(1);
});
