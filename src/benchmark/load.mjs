// The benchmark's load generator: a process of its own, so that its work is not counted in the measured service's
// JVM. For each request kind it sends the same question to every target — dealgraph over HTTP, the Neo4j GraphQL
// Library over HTTP, the hand-written Cypher through the official driver over Bolt — from concurrent clients on
// keep-alive connections, cycling through a varied set of arguments; it first checks that every target answers each
// variant with the same ids, then warms every kind on every target, then measures each in turn, for several cycles.
//   node load.mjs plan.json        (the plan's shape: see DealGraphBenchmarkTest#plan) → JSON results on stdout
import http from 'node:http';
import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const clients = plan.clients ?? 4;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const driver = neo4j.driver(plan.bolt.uri, neo4j.auth.basic(plan.bolt.user, plan.bolt.password),
  { maxConnectionPoolSize: clients, disableLosslessIntegers: true });

function post(url, body) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const request = http.request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': payload.length },
    }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode !== 200 || text.includes('"errors"')) {
          reject(new Error(`${url} answered ${response.statusCode}: ${text.slice(0, 500)}`));
        } else {
          resolve(text);
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

async function cypher(request) {
  const result = await driver.executeQuery(request.cypher, request.params ?? {}, { routing: neo4j.routing.READ });
  return result.records.map((r) => r.toObject());
}

function call(target, request) {
  return target.kind === 'bolt' ? cypher(request) : post(target.url, request);
}

/** Every id and url in an answer, sorted: what "the same answer" is checked on. */
function ids(answer) {
  const found = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [key, value] of Object.entries(v)) {
        if ((key === 'id' || key === 'url') && typeof value === 'string') found.push(value);
        else walk(value);
      }
    }
  };
  walk(typeof answer === 'string' ? JSON.parse(answer).data : answer);
  return found.sort();
}

async function run(target, seconds, limit) {
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  let next = 0;
  let errors = 0;
  let firstError = null;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until && next < limit) {
      const request = target.requests[next++ % target.requests.length];
      const t0 = performance.now();
      try {
        await call(target, request);
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        firstError ??= String(e.message ?? e);
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, seconds: elapsed, errors, firstError };
}

function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

const results = [];
for (const kind of plan.cases) {
  const agreement = {};
  const names = Object.keys(kind.targets);
  const reference = names[0];
  for (const name of names.slice(1)) {
    agreement[name] = true;
  }
  const variants = Math.min(...names.map((n) => kind.targets[n].requests.length));
  for (let i = 0; i < variants; i++) {
    const expected = JSON.stringify(ids(await call(kind.targets[reference], kind.targets[reference].requests[i])));
    for (const name of names.slice(1)) {
      const actual = JSON.stringify(ids(await call(kind.targets[name], kind.targets[name].requests[i])));
      if (actual !== expected && agreement[name] === true) {
        agreement[name] = `variant ${i}: ${reference} ${expected.slice(0, 300)} but ${name} ${actual.slice(0, 300)}`;
      }
    }
  }
  results.push({ name: kind.name, agreement, cycles: Object.fromEntries(names.map((n) => [n, []])) });
}

for (const kind of plan.cases) {
  for (const target of Object.values(kind.targets)) {
    await run(target, plan.warmupSeconds, plan.warmupRequests);
  }
}

for (let cycle = 0; cycle < (plan.cycles ?? 2); cycle++) {
  for (const [index, kind] of plan.cases.entries()) {
    for (const [name, target] of Object.entries(kind.targets)) {
      results[index].cycles[name].push(await run(target, plan.seconds, plan.requests));
    }
  }
}

const summary = results.map((r) => ({
  name: r.name,
  agreement: r.agreement,
  targets: Object.fromEntries(Object.entries(r.cycles).map(([name, cycles]) => {
    const all = cycles.flatMap((c) => c.latencies).sort((a, b) => a - b);
    return [name, {
      throughput: cycles.map((c) => c.latencies.length / c.seconds),
      requests: all.length,
      p50: percentile(all, 0.5),
      p99: percentile(all, 0.99),
      errors: cycles.reduce((n, c) => n + c.errors, 0),
      firstError: cycles.map((c) => c.firstError).find((e) => e) ?? null,
    }];
  })),
}));
console.log(JSON.stringify({ clients, node: process.version, cases: summary }));
await driver.close();
agent.destroy();
