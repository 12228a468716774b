/**
 * A frontend's session with dealgraph, run by the test suite against a live service (DEALGRAPH_URL, and a curator
 * token in DEALGRAPH_TOKEN for the loads): the README's questions through Apollo Client with generated types and
 * automatic persisted queries; every agreement paged with Relay cursors while loads add agreements before the cursor;
 * subscription events for a load and none for a rejected one. Exits non-zero on the first wrong answer.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, split, type ApolloQueryResult } from '@apollo/client/core/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions/index.js';
import { getMainDefinition } from '@apollo/client/utilities/index.js';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import {
  AgreementsPage, AwsTotal, ByGlobalId, CloudProviders, DealsLoaded, LicenseOnTwoDates, LoadDeals, MetaCompute,
  OpenAIAgreementChanged, OwedUnderCap,
} from './operations.js';
import type { AgreementsPageQuery, MetaComputeQuery } from './gql/graphql.js';

const url = process.env.DEALGRAPH_URL ?? 'http://localhost:8080/graphql';
const token = process.env.DEALGRAPH_TOKEN ?? 'dev-curator-token';

/** Ids of this run's agreements: the client can run again against the same graph. */
const run = Date.now().toString(36);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ws = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: false });
let persistedMisses = 0;
const http = ApolloLink.from([
  createPersistedQueryLink({ sha256, useGETForHashedQueries: true }),
  new ApolloLink((operation, forward) => forward(operation).map((result) => {
    if (result.errors?.some((e) => e.message === 'PersistedQueryNotFound')) persistedMisses++;
    return result;
  })),
  new HttpLink({ uri: url, headers: { authorization: `Bearer ${token}` } }),
]);
const client = new ApolloClient({
  link: split(({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  }, new GraphQLWsLink(ws), http),
  cache: new InMemoryCache(),
  defaultOptions: { query: { fetchPolicy: 'network-only' } },
});

function deal(id: string, announced: string, title: string, money = 'USD 1B') {
  return `
sources:
  - {id: client-source, url: "https://example.org/client-test", publisher: Example, published: 2026-05-01}
agreements:
  - id: ${id}
    kind: COMPUTE_COMMITMENT
    title: ${title}
    parties: [{company: openai, role: CUSTOMER}, {company: aws, role: PROVIDER}]
    announced: ${announced}
    money: ${money}
    sources: [{source: client-source, confidence: REPORTED}]
`;
}

async function readmeQuestions() {
  const aws = await client.query({ query: AwsTotal, variables: { asOf: '2026-05-01' } });
  const total = aws.data.agreement?.totalValue;
  assert.equal(total?.committed?.[0]?.text, 'USD 138B');
  assert.equal(total?.committed?.[0]?.amount, 138000000000);
  assert.equal(total?.confidence, 'STATED');

  const license = await client.query({ query: LicenseOnTwoDates });
  assert.equal(license.data.agreement?.before?.exclusive, true);
  assert.equal(license.data.agreement?.after?.exclusive, false);

  const owed = await client.query({ query: OwedUnderCap });
  assert.equal(owed.data.agreement?.ratePercent, 20, 'a decimal is a plain number');
  assert.equal(owed.data.agreement?.owed?.committed?.[0]?.text, 'USD 8B');

  const meta: string[] = [];
  let after: string | null | undefined = null;
  do {
    const page: ApolloQueryResult<MetaComputeQuery> = await client.query({ query: MetaCompute, variables: { after } });
    assert.equal(page.data.agreements?.totalCount, 4);
    meta.push(...(page.data.agreements?.edges ?? []).map((e) => e.node.id));
    after = page.data.agreements?.pageInfo.hasNextPage ? page.data.agreements.pageInfo.endCursor : null;
  } while (after);
  assert.deepEqual(meta.slice(0, 2), ['meta-nebius-2026', 'meta-coreweave-2026']);
  assert.equal(meta.length, 4);

  const clouds = await client.query({ query: CloudProviders });
  assert.ok(clouds.data.companies?.nodes.some((c) => c.id === 'aws' && c.kinds?.includes('CLOUD_PROVIDER')));

  const nodes = await client.query({ query: ByGlobalId, variables: { ids: ['openai', 'msft-openai-ip-license'] } });
  const [openai, ip] = nodes.data.nodes ?? [];
  assert.ok(openai?.__typename === 'Company' && openai.name === 'OpenAI');
  assert.ok(ip?.__typename === 'Agreement' && ip.kind === 'IP_LICENSE');
  console.log(`README questions answered (automatic persisted queries: ${persistedMisses} documents sent once, then by hash)`);
}

/** The same typed documents through urql: nothing in the schema is specific to one client. */
async function urqlQuestions() {
  const urql = new UrqlClient({ url, exchanges: [fetchExchange], preferGetMethod: 'within-url-limit', requestPolicy: 'network-only' });
  const license = await urql.query(LicenseOnTwoDates, {}).toPromise();
  assert.equal(license.error, undefined);
  assert.equal(license.data?.agreement?.before?.exclusive, true);
  assert.equal(license.data?.agreement?.after?.exclusive, false);
  const page = await urql.query(AgreementsPage, { last: 3 }).toPromise();
  assert.equal(page.data?.agreements?.edges.length, 3);
  assert.equal(page.data?.agreements?.pageInfo.hasPreviousPage, true);
  console.log('urql: the same documents, over GET, answered the same');
}

async function pagingWhileLoading() {
  const seen = new Set<string>();
  const before = new Set<string>();
  let after: string | null | undefined = null;
  let loads = 0;
  do {
    const page: ApolloQueryResult<AgreementsPageQuery> = await client.query({ query: AgreementsPage, variables: { first: 5, after } });
    for (const edge of page.data.agreements?.edges ?? []) {
      assert.ok(!seen.has(edge.node.id), `no agreement twice: ${edge.node.id}`);
      seen.add(edge.node.id);
    }
    // After each page a load adds an agreement announced before everything: offsets would repeat a row.
    const loaded = await client.mutate({ mutation: LoadDeals, variables: {
      content: deal(`client-early-${run}-${loads}`, `2000-01-0${(loads % 9) + 1}`, `An early deal ${loads}`), file: `early-${loads}.yaml` } });
    assert.equal(loaded.data?.loadDeals?.outcome, 'LOADED');
    assert.equal(loaded.data?.loadDeals?.changedAgreements?.[0]?.id, `client-early-${run}-${loads}`);
    loads++;
    after = page.data.agreements?.pageInfo.hasNextPage ? page.data.agreements.pageInfo.endCursor : null;
  } while (after);
  // Every agreement there when paging started was seen once: read them all now, minus those added.
  let cursor: string | null | undefined = null;
  do {
    const page: ApolloQueryResult<AgreementsPageQuery> = await client.query({ query: AgreementsPage, variables: { first: 100, after: cursor } });
    for (const edge of page.data.agreements?.edges ?? []) before.add(edge.node.id);
    cursor = page.data.agreements?.pageInfo.hasNextPage ? page.data.agreements.pageInfo.endCursor : null;
  } while (cursor);
  const missing = [...before].filter((id) => !id.startsWith(`client-early-${run}-`) && !seen.has(id));
  assert.deepEqual(missing, [], 'none skipped');
  assert.ok(![...seen].some((id) => id.startsWith(`client-early-${run}-`)), 'rows added before the cursor are not on later pages');

  // And backwards from the end with last/before: the same rows in the same order.
  const backwards: string[] = [];
  let beforeCursor: string | null | undefined = null;
  do {
    const page: ApolloQueryResult<AgreementsPageQuery> = await client.query({ query: AgreementsPage, variables: { last: 7, before: beforeCursor } });
    backwards.unshift(...(page.data.agreements?.edges ?? []).map((e) => e.node.id));
    beforeCursor = page.data.agreements?.pageInfo.hasPreviousPage ? page.data.agreements.pageInfo.startCursor : null;
  } while (beforeCursor);
  assert.deepEqual(new Set(backwards), before);
  console.log(`paged ${seen.size} agreements forward (5 a page) while ${loads} loads added agreements before the cursor: none twice, none skipped; ${backwards.length} backward`);
}

type Event = { at: number; data: any };

function collect(query: any): { events: Event[]; stop: () => void } {
  const events: Event[] = [];
  const subscription = client.subscribe({ query }).subscribe({
    next: (result) => events.push({ at: Date.now(), data: result.data }),
    error: (error) => { throw error; },
  });
  return { events, stop: () => subscription.unsubscribe() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, check: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function liveUpdates() {
  const loads = collect(DealsLoaded);
  const changes = collect(OpenAIAgreementChanged);
  await sleep(500);

  const loaded = await client.mutate({ mutation: LoadDeals, variables: { content: deal(`client-live-${run}`, '2026-05-02', 'A live deal'), file: 'live.yaml' } });
  assert.equal(loaded.data?.loadDeals?.outcome, 'LOADED');
  const event = await until('dealsLoaded', () => loads.events.find((e) => e.data.dealsLoaded.file === 'live.yaml'));
  assert.deepEqual(event.data.dealsLoaded.agreements, [`client-live-${run}`]);
  assert.equal(event.data.dealsLoaded.revision, loaded.data?.loadDeals?.revision);
  const change = await until('agreementChanged', () => changes.events.find((e) => e.data.agreementChanged.agreementId === `client-live-${run}`));
  assert.equal(change.data.agreementChanged.change, 'ADDED');
  assert.equal(change.data.agreementChanged.agreement.title, 'A live deal');

  const count = loads.events.length;
  const rejected = await client.mutate({ mutation: LoadDeals, variables: {
    content: deal(`client-broken-${run}`, '2026-05-02', 'Broken').replace('company: aws', 'company: nobody-at-all'), file: 'broken.yaml' } });
  assert.equal(rejected.data?.loadDeals?.outcome, 'REJECTED');
  const dry = await client.mutate({ mutation: LoadDeals, variables: { content: deal(`client-dry-${run}`, '2026-05-02', 'Dry'), file: 'dry.yaml', dryRun: true } });
  assert.equal(dry.data?.loadDeals?.outcome, 'DRY_RUN');
  await sleep(1000);
  assert.equal(loads.events.length, count, 'no event for a rejected or dry-run load');

  // Latency from commit to delivery, over a series of loads (printed, not asserted).
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const file = `latency-${run}-${i}.yaml`;
    await client.mutate({ mutation: LoadDeals, variables: { content: deal(`client-live-${run}`, '2026-05-02', 'A live deal', `USD ${i + 2}B`), file } });
    const e = await until(file, () => loads.events.find((x) => x.data.dealsLoaded.file === file));
    latencies.push(e.at - Date.parse(e.data.dealsLoaded.committedAt));
  }
  latencies.sort((a, b) => a - b);
  console.log(`subscription latency, commit → event received by the client (20 loads): p50 ${latencies[10]} ms, max ${latencies[19]} ms`);
  loads.stop();
  changes.stop();
}

try {
  await readmeQuestions();
  await urqlQuestions();
  await pagingWhileLoading();
  await liveUpdates();
  console.log('client: all checks passed');
} finally {
  await ws.dispose();
  client.stop();
}
