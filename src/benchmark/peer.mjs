// The peer dealgraph is measured against: the Neo4j GraphQL Library on Apollo Server, over the same Neo4j and the
// same graph, its type definitions mapping the nodes and relationships dealgraph writes. Started by the benchmark:
//   node peer.mjs <port> <bolt uri> <user> <password>
// It prints "listening <url>" once it answers.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

const [port, uri, user, password] = process.argv.slice(2);

const typeDefs = /* GraphQL */ `
  type Company @node {
    id: ID!
    name: String!
    nameKey: String
    agreements: [Agreement!]! @relationship(type: "PARTY_TO", direction: OUT, properties: "PartyTo")
  }
  type PartyTo @relationshipProperties {
    role: String!
  }
  type Agreement @node {
    id: ID!
    kind: String!
    title: String!
    amount: String
    amountCurrency: String
    amountValue: Float
    announced: Date
    parties: [Company!]! @relationship(type: "PARTY_TO", direction: IN, properties: "PartyTo")
    sources: [Source!]! @relationship(type: "SOURCED_BY", direction: OUT, properties: "SourcedBy")
  }
  type SourcedBy @relationshipProperties {
    confidence: String!
  }
  type Source @node {
    id: ID!
    url: String!
    publisher: String
  }
`;

const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { port: Number(port), host: '127.0.0.1' } });
console.log(`listening ${url}`);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
