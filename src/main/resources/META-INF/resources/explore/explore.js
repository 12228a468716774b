// The reference frontend: only the public GraphQL API, same origin, nothing fetched from elsewhere.
// What is shown lives in the address (#company=aws&agreement=…&asOf=…): links can be shared, Back goes back.
const $ = (id) => document.getElementById(id);
const status = (text, error = false) => { $('status').textContent = text; $('status').className = error ? 'error' : ''; };
const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
document.addEventListener('securitypolicyviolation', (e) => status(`The page's security policy blocked ${e.blockedURI || e.violatedDirective}.`, true));
const words = (constant) => String(constant ?? '').toLowerCase().replaceAll('_', ' ');

/** Errors in words a person understands, from the API's stable codes. */
function problem(error) {
  if (error instanceof TypeError) return 'the service could not be reached; check the connection and press Refresh';
  const said = {
    NOT_FOUND: 'the graph holds nothing under that id (it may have been removed)',
    RATE_LIMITED: 'too many requests just now; wait a moment and press Refresh',
    BAD_ARGUMENT: error.message,
  }[error.code];
  return said ?? error.message;
}

async function post(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({ errors: [{ message: `the service answered ${response.status}` }] }));
  return body;
}

function failure(errors) {
  const error = new Error((errors ?? []).map((e) => e.message).join('; ') || 'no answer');
  error.code = errors?.[0]?.extensions?.code;
  return error;
}

/** The data of a query whose fields may each fail on their own (a derived fact NOT_APPLICABLE to this kind). */
async function graphqlPartial(query, variables) {
  const body = await post(query, variables);
  if (!body.data) throw failure(body.errors);
  return body.data;
}

async function graphql(query, variables) {
  const body = await post(query, variables);
  if (body.errors?.length) throw failure(body.errors);
  return body.data;
}

const today = new Date().toISOString().slice(0, 10);
// The slider counts days from 2015-01-01; moving it sets the date (and the date input moves it).
const EPOCH = Date.UTC(2015, 0, 1);
const dayOf = (date) => Math.round((Date.parse(date) - EPOCH) / 86400000);
const dateOf = (day) => new Date(EPOCH + day * 86400000).toISOString().slice(0, 10);

// ---- where we are: the address is the state ----
const SUBJECTS = ['company', 'person', 'product'];
function wanted() {
  const params = new URLSearchParams(location.hash.slice(1));
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.get('asOf') ?? '') ? params.get('asOf') : today;
  const kind = SUBJECTS.find((k) => params.get(k));
  // Transaction time, UTC (RFC 3339): what the graph held then; absent, what it holds now.
  const known = Number.isNaN(Date.parse(params.get('known') ?? '')) ? null : new Date(params.get('known')).toISOString();
  return { kind, id: kind ? params.get(kind) : null, agreement: params.get('agreement'), asOf, known };
}
function navigate(change) {
  const next = { ...wanted(), ...change };
  const params = new URLSearchParams();
  if (next.kind && next.id) params.set(next.kind, next.id);
  if (next.agreement) params.set('agreement', next.agreement);
  if (next.asOf !== today) params.set('asOf', next.asOf);
  if (next.known) params.set('known', next.known);
  const hash = `#${params}`;
  if (hash === location.hash || (hash === '#' && !location.hash)) render();
  else location.hash = hash;
}
const asOf = () => wanted().asOf;
const knownAsOf = () => wanted().known;
/** A UTC moment as the datetime-local input shows it: the browser's own time zone, to the second. */
const localInput = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
};
let shown = {};
function render(force = false) {
  const want = wanted();
  $('asof').value = want.asOf;
  $('timeslider').value = String(dayOf(want.asOf));
  if (document.activeElement !== $('knownasof')) $('knownasof').value = localInput(want.known);
  const subjectKey = `${want.kind}:${want.id}:${want.asOf}:${want.known}`;
  const agreementKey = `${want.agreement}:${want.asOf}:${want.known}`;
  if (want.kind && (force || shown.subject !== subjectKey)) {
    ({ company: showCompany, person: showPerson, product: showProduct })[want.kind](want.id);
  }
  if (want.agreement && (force || shown.agreement !== agreementKey)) showAgreement(want.agreement);
  markOpenAgreement();
  if (!want.agreement) $('agreement').innerHTML = '';
  shown = { subject: subjectKey, agreement: agreementKey };
}
window.addEventListener('hashchange', () => render());
// A turned phone or a resized window: the picture fits its box again.
window.addEventListener('resize', () => { if (graphView) { graphView.resize(); graphView.fit(undefined, 20); } });

let sliding;
$('timeslider').addEventListener('input', () => {
  $('asof').value = dateOf(Number($('timeslider').value));
  clearTimeout(sliding);
  sliding = setTimeout(() => navigate({ asOf: $('asof').value }), 150);
});
$('asof').addEventListener('change', () => { if ($('asof').value) navigate({ asOf: $('asof').value }); });
$('knownasof').addEventListener('change', () => {
  const value = $('knownasof').value;
  navigate({ known: value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null });
});
$('refresh').addEventListener('click', () => { status('Refreshed.'); render(true); });

// ---- search as you type, by mouse or keyboard ----
let searching;
const results = () => [...$('results').querySelectorAll('li[data-id]')];
function closeResults() { $('results').innerHTML = ''; $('search').setAttribute('aria-expanded', 'false'); }
$('search').addEventListener('input', () => {
  clearTimeout(searching);
  const text = $('search').value.trim();
  if (!text) { closeResults(); return; }
  searching = setTimeout(async () => {
    const current = ticket('search');
    try {
      const data = await graphql('query($t: String!) { search(text: $t, first: 8) { type id name } }', { t: text });
      if (!current()) return;
      $('results').innerHTML = data.search.length
        ? data.search.map((hit, i) => `<li role="option" id="hit-${i}" tabindex="-1" aria-selected="false" data-type="${hit.type}" data-id="${escape(hit.id)}">${escape(hit.name)} <span class="kind">${words(hit.type)}</span></li>`).join('')
        : '<li role="option" aria-disabled="true">Nothing in the graph has that name.</li>';
      $('search').setAttribute('aria-expanded', 'true');
    } catch (e) { status(`Search failed: ${problem(e)}`, true); }
  }, 200);
});
function choose(item) {
  if (!item?.dataset.id) return;
  closeResults();
  navigate({ kind: item.dataset.type.toLowerCase(), id: item.dataset.id, agreement: null });
  $('main').focus({ preventScroll: true });
}
function move(step) {
  const items = results();
  if (!items.length) return;
  const at = items.indexOf(document.activeElement);
  const next = items[Math.max(0, Math.min(items.length - 1, at + step))];
  items.forEach((i) => i.setAttribute('aria-selected', String(i === next)));
  $('search').setAttribute('aria-activedescendant', next.id);
  next.focus();
}
$('search').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
  if (e.key === 'Enter' && results().length) { e.preventDefault(); choose(results()[0]); }
  if (e.key === 'Escape') closeResults();
});
$('results').addEventListener('click', (e) => choose(e.target.closest('li')));
$('results').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
  if (e.key === 'ArrowUp') {
    e.preventDefault();
    if (results().indexOf(document.activeElement) === 0) $('search').focus(); else move(-1);
  }
  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(e.target.closest('li')); }
  if (e.key === 'Escape') { closeResults(); $('search').focus(); }
});

// Every link inside the page is a button carrying what it opens.
document.addEventListener('click', (e) => {
  const target = e.target.closest('[data-agreement], [data-company], [data-person], [data-product]');
  if (!target || target.closest('#results')) return;
  const d = target.dataset;
  if (d.agreement) navigate({ agreement: d.agreement });
  else if (d.company) navigate({ kind: 'company', id: d.company, agreement: null });
  else if (d.person) navigate({ kind: 'person', id: d.person, agreement: null });
  else if (d.product) navigate({ kind: 'product', id: d.product, agreement: null });
});
const link = (kind, id, text) => `<button type="button" class="link" data-${kind}="${escape(id)}">${escape(text ?? id)}</button>`;
// Answers can arrive out of order (a date moved while a company loaded): only the latest request of a panel draws.
const latest = { company: 0, agreement: 0, search: 0 };
const ticket = (panel) => { const mine = ++latest[panel]; return () => mine === latest[panel]; };
const loading = (where, what) => { $(where).innerHTML = `<p class="hint" aria-busy="true">Loading ${what}…</p>`; };

// ---- the graph picture ----
const COLOURS = { EQUITY_INVESTMENT: '#1f77b4', RECAPITALIZATION: '#17becf', COMPUTE_COMMITMENT: '#d62728', SUPPLY: '#8c564b',
  IP_LICENSE: '#9467bd', REVENUE_SHARE: '#2ca02c', DISTRIBUTION: '#ff7f0e', PARTNERSHIP: '#7f7f7f', MEMORANDUM: '#bcbd22', JOINT_VENTURE: '#e377c2', ROLE: '#555' };
let graphView = null;

/**
 * Nodes and edges: agreements in force on the date, coloured by kind, as wide as their amount; an exclusive term
 * draws a solid line labelled so, a non-exclusive one a dashed line. The list beside it says the same in words.
 */
function drawGraph(centre, nodes, edges, description) {
  const kinds = [...new Set(edges.map((e) => e.kind))];
  $('legend').innerHTML = kinds.map((k) => `<li><span class="swatch" data-kind="${k}"></span>${words(k)}</li>`).join('')
    + (edges.some((e) => e.exclusive != null) ? '<li>solid line: exclusive on the date; dashed: non-exclusive</li>' : '');
  // Colours set through the DOM, not a style attribute: the page's Content-Security-Policy allows no inline style.
  $('legend').querySelectorAll('.swatch').forEach((s) => { s.style.background = COLOURS[s.dataset.kind] ?? '#444'; });
  $('graph').setAttribute('aria-label', description);
  if (!window.cytoscape) { $('graph').textContent = 'The graph picture could not be drawn here; the list below says the same.'; return; }
  const elements = [
    ...[...nodes].map(([id, name]) => ({ data: { id, name } })),
    ...edges.map((e) => ({ data: { ...e, colour: COLOURS[e.kind] ?? '#444',
      label: e.exclusive === true ? 'exclusive' : e.exclusive === false ? 'non-exclusive' : '',
      style: e.exclusive === false ? 'dashed' : 'solid' } })),
  ];
  if (graphView) graphView.destroy();
  graphView = window.cytoscape({
    container: $('graph'), elements,
    style: [
      { selector: 'node', style: { label: 'data(name)', 'font-size': 10, 'background-color': '#345', width: 14, height: 14 } },
      { selector: `node[id = "${centre}"]`, style: { 'background-color': '#b8a93b', width: 22, height: 22 } },
      { selector: 'edge', style: { 'line-color': 'data(colour)', width: 'data(width)', 'line-style': 'data(style)', 'curve-style': 'bezier',
        'control-point-step-size': 7, opacity: 0.8, label: 'data(label)', 'font-size': 8, color: '#333', 'text-rotation': 'autorotate',
        'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
      { selector: 'edge.open', style: { 'underlay-color': '#1d2330', 'underlay-opacity': 0.3, 'underlay-padding': 4, opacity: 1 } },
    ],
    layout: { name: 'concentric', concentric: (n) => (n.id() === centre ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 50, padding: 20 },
    minZoom: 0.3, maxZoom: 1.6,
  });
  graphView.on('tap', 'edge', (e) => { if (e.target.data('agreement')) navigate({ agreement: e.target.data('agreement') }); });
  graphView.on('tap', 'node', (e) => { if (e.target.id() !== centre && !e.target.data('person')) navigate({ kind: 'company', id: e.target.id(), agreement: null }); });
  window.explorerGraph = graphView;
  // The box may have changed width since the layout ran (a scroll bar appeared): fit to it once drawn.
  requestAnimationFrame(() => { graphView.resize(); graphView.fit(undefined, 20); });
  markOpenAgreement();
}
/** The agreement open on the right is outlined in the picture. */
function markOpenAgreement() {
  if (!graphView) return;
  graphView.edges().removeClass('open');
  const open = wanted().agreement;
  if (open) graphView.edges().filter((e) => e.data('agreement') === open).addClass('open');
}
/** The other parties of each deal become nodes; the deals in force on the date, edges from the centre to them. */
function agreementEdges(centre, deals, nodes) {
  const edges = [];
  for (const deal of deals) {
    for (const other of deal.parties.filter((p) => p.company.id !== centre)) {
      nodes.set(other.company.id, other.company.name);
      if (deal.state?.active) {
        edges.push({ id: `${deal.id}:${other.company.id}`, source: centre, target: other.company.id, agreement: deal.id,
          kind: deal.kind, width: widthOf(deal.money), exclusive: deal.state.exclusive ?? null });
      }
    }
  }
  return edges;
}
const widthOf = (money) => (money?.amount ? Math.max(1, Math.min(12, Math.log10(money.amount) - 7)) : 1);

// ---- a company ----
function stateWords(s) {
  if (!s) return '';
  if (!s.active) return 'not in force';
  return ['in force', s.exclusive === true ? 'exclusive' : s.exclusive === false ? 'non-exclusive' : null,
    s.cap ? `capped at ${s.cap.text}` : null, s.stakePercent != null ? `${s.stakePercent}% stake` : null].filter(Boolean).join(', ');
}
async function showCompany(id) {
  const current = ticket('company');
  loading('company', 'the company');
  try {
    const date = asOf();
    const known = knownAsOf();
    const data = await graphqlPartial(`query($id: ID!, $cid: String!, $asOf: Date, $known: DateTime) { company(id: $id) { id name kinds description aliases
        parent { id name } subsidiaries { id name } products { id name } people { id name }
        raised(asOf: $asOf) { committed { text } } invested(asOf: $asOf) { committed { text } }
        agreementsConnection(first: 100) { totalCount nodes { id kind title money { text amount } parties { role company { id name } }
          state(asOf: $asOf) { active exclusive cap { text } stakePercent } } } }
        timeline(company: $cid, knownAsOf: $known) { kind date { text } agreementId title }
        servingClouds(company: $cid, asOf: $asOf) { anyCloud primary { id name } firstRelease { id name }
          clouds { agreementId exclusive provider { id name } } } }`, { id, cid: id, asOf: date, known });
    const c = data.company;
    if (!c) throw Object.assign(new Error('not found'), { code: 'NOT_FOUND' });
    const deals = c.agreementsConnection.nodes;
    const nodes = new Map([[c.id, c.name]]);
    const edges = agreementEdges(c.id, deals, nodes);
    if (!current()) return;
    drawGraph(c.id, nodes, edges, `Graph of ${c.name}'s agreements in force on ${date}: ${edges.length} links to `
      + `${nodes.size - 1} companies (the list of agreements below says the same in words)`);
    $('timeline').innerHTML = data.timeline?.length ? `<h3>Timeline</h3>${known
      ? `<p class="hint" id="timeline-known-note">As the graph held it on ${escape(known)}.</p>` : ''}<ol>${data.timeline.map((e) => `<li>${escape(e.date?.text ?? 'undated')} ${words(e.kind)}: ${e.agreementId
      ? link('agreement', e.agreementId, e.title) : escape(e.title)}</li>`).join('')}</ol>` : '';
    const clouds = data.servingClouds;
    const money = (d) => d?.committed?.map((m) => escape(m.text)).join(' + ');
    $('company').innerHTML = `<h2>${escape(c.name)}</h2>
      <p>${(c.kinds ?? []).map((k) => `<span class="kind">${words(k)}</span>`).join('')}${escape(c.description ?? '')}</p>
      <dl>
        ${c.aliases?.length ? `<dt>Also called</dt><dd>${c.aliases.map(escape).join(', ')}</dd>` : ''}
        ${c.parent ? `<dt>Part of</dt><dd>${link('company', c.parent.id, c.parent.name)}</dd>` : ''}
        ${c.subsidiaries?.length ? `<dt>Owns</dt><dd>${c.subsidiaries.map((s) => link('company', s.id, s.name)).join(', ')}</dd>` : ''}
        ${c.products?.length ? `<dt>Products</dt><dd>${c.products.map((p) => link('product', p.id, p.name)).join(', ')}</dd>` : ''}
        ${c.people?.length ? `<dt>People</dt><dd>${c.people.map((p) => link('person', p.id, p.name)).join(', ')}</dd>` : ''}
        ${money(c.raised) ? `<dt>Raised by ${escape(date)}</dt><dd id="raised">${money(c.raised)}</dd>` : ''}
        ${money(c.invested) ? `<dt>Invested by ${escape(date)}</dt><dd id="invested">${money(c.invested)}</dd>` : ''}
        ${clouds?.clouds?.length ? `<dt>Served on, ${escape(date)}</dt><dd id="clouds">${clouds.clouds.map((r) =>
          `${link('agreement', r.agreementId, r.provider?.name)}${r.exclusive ? ' (exclusive)' : ''}`).join(', ')}${clouds.anyCloud ? '; any cloud allowed' : ''}${clouds.primary ? `; primary ${escape(clouds.primary.name)}` : ''}${clouds.firstRelease ? `; first release on ${escape(clouds.firstRelease.name)}` : ''}</dd>` : ''}
      </dl>
      <h3>${c.agreementsConnection.totalCount} agreements${c.agreementsConnection.totalCount > deals.length ? ` (the first ${deals.length} shown)` : ''}</h3>
      ${deals.length ? `<ul class="deals">${deals.map((a) => `<li><span class="kind">${words(a.kind)}</span>${link('agreement', a.id, a.title)}
        ${a.money ? escape(a.money.text) : ''} — ${a.parties.filter((p) => p.company.id !== c.id).map((p) => escape(p.company.name)).join(', ')}
        <span class="state">(${escape(stateWords(a.state))} on ${escape(date)})</span></li>`).join('')}</ul>` : '<p class="hint">The graph holds no agreement of this company yet.</p>'}`;
    status('');
  } catch (e) {
    if (!current()) return;
    $('company').innerHTML = `<p class="error">This company could not be shown: ${escape(problem(e))}.</p>`;
  }
}

// ---- a person ----
async function showPerson(id) {
  const current = ticket('company');
  loading('company', 'the person');
  try {
    const date = asOf();
    const p = (await graphql(`query($id: ID!) { person(id: $id) { id name aliases
        roles { title company { id name } from { text } until { text } sources { confidence source { url publisher } } }
        statements { id date { text } summary quote sources { source { url publisher } } } } }`, { id })).person;
    const nodes = new Map([[p.id, p.name]]);
    const edges = [];
    for (const r of p.roles ?? []) {
      if (!r.company) continue;
      nodes.set(r.company.id, r.company.name);
      edges.push({ id: `${p.id}:${r.company.id}:${r.title}`, source: p.id, target: r.company.id, kind: 'ROLE', width: 2, exclusive: null });
    }
    if (!current()) return;
    drawGraph(p.id, nodes, edges, `Graph of ${p.name}'s roles: ${edges.length} links to companies (listed below in words); shown on ${date}`);
    const sources = (list) => (list ?? []).map((c) => ` <a href="${escape(c.source.url)}" rel="noreferrer">${escape(c.source.publisher ?? 'source')}</a>`).join('');
    $('company').innerHTML = `<h2>${escape(p.name)}</h2>
      ${p.aliases?.length ? `<p>Also called ${p.aliases.map(escape).join(', ')}</p>` : ''}
      <h3>Roles</h3><ul id="roles">${(p.roles ?? []).map((r) => `<li>${escape(r.title)} at ${r.company ? link('company', r.company.id, r.company.name) : 'a company'}
        ${r.from ? `from ${escape(r.from.text)}` : ''} ${r.until ? `until ${escape(r.until.text)}` : ''} —${sources(r.sources)}</li>`).join('') || '<li>No role recorded.</li>'}</ul>`;
    $('timeline').innerHTML = p.statements?.length ? `<h3>Statements</h3><ol>${p.statements.map((s) => `<li>${escape(s.date?.text ?? 'undated')}: ${escape(s.summary ?? '')}
      ${s.quote ? `<q>${escape(s.quote)}</q>` : ''} —${sources(s.sources)}</li>`).join('')}</ol>` : '';
    status('');
  } catch (e) {
    if (!current()) return;
    $('timeline').innerHTML = '';
    $('company').innerHTML = `<p class="error">This person could not be shown: ${escape(problem(e))}.</p>`;
  }
}

// ---- a product ----
async function showProduct(id) {
  const current = ticket('company');
  loading('company', 'the product');
  try {
    const date = asOf();
    const product = (await graphql(`query($id: ID!) { node(id: $id) { ... on Product { id name kind aliases launched { text } ownerId } } }`, { id })).node;
    if (!product?.name) throw Object.assign(new Error('not a product'), { code: 'NOT_FOUND' });
    const owner = product.ownerId ? (await graphql(`query($id: ID!, $asOf: Date) { company(id: $id) { id name
        agreementsConnection(first: 100) { nodes { id kind title money { text amount } products { id } parties { company { id name } }
          state(asOf: $asOf) { active exclusive cap { text } stakePercent } } } } }`, { id: product.ownerId, asOf: date })).company : null;
    const deals = (owner?.agreementsConnection.nodes ?? []).filter((a) => a.products?.some((x) => x.id === product.id));
    const nodes = new Map(owner ? [[owner.id, owner.name]] : []);
    const edges = owner ? agreementEdges(owner.id, deals, nodes) : [];
    if (!current()) return;
    drawGraph(owner?.id, nodes, edges, `Graph of the agreements concerning ${product.name} in force on ${date}: ${edges.length} links (listed below in words)`);
    $('timeline').innerHTML = '';
    $('company').innerHTML = `<h2>${escape(product.name)}</h2>
      <p><span class="kind">${words(product.kind)}</span>${owner ? `offered by ${link('company', owner.id, owner.name)}` : ''}
        ${product.launched ? `, launched ${escape(product.launched.text)}` : ''}</p>
      ${product.aliases?.length ? `<p>Also called ${product.aliases.map(escape).join(', ')}</p>` : ''}
      <h3>Agreements concerning it</h3>
      ${deals.length ? `<ul class="deals">${deals.map((a) => `<li><span class="kind">${words(a.kind)}</span>${link('agreement', a.id, a.title)}
        ${a.money ? escape(a.money.text) : ''} <span class="state">(${escape(stateWords(a.state))} on ${escape(date)})</span></li>`).join('')}</ul>`
        : '<p class="hint">No agreement of its owner names this product.</p>'}`;
    status('');
  } catch (e) {
    if (!current()) return;
    $('company').innerHTML = `<p class="error">This product could not be shown: ${escape(problem(e))}.</p>`;
  }
}

// ---- an agreement ----
const BASIS = 'basis { rule inputs { agreementId title role detail confidence sources { confidence source { url publisher } } } }';
async function showAgreement(id) {
  const current = ticket('agreement');
  loading('agreement', 'the agreement');
  try {
    const date = asOf();
    const known = knownAsOf();
    const data = await graphql(`query($id: ID!, $asOf: Date, $known: DateTime) { agreement(id: $id, knownAsOf: $known) { id kind title summary scope conditions binding
        announced { text } effectiveFrom { text } effectiveUntil { text }
        money { text ceiling } tranches { label money { text ceiling } conditional conditions }
        parties { role company { id name } } products { id name }
        amends { agreementId title kind effective { text } } amendedBy { agreementId title kind effective { text } summary changes { field from to } }
        state(asOf: $asOf) { active exclusive cap { text } stakePercent ratePercent effectiveUntil { text } primary firstRelease anyCloud
          roundSize { text } valuation { text } supersededBy basis { rule } }
        sources { confidence claim source { url publisher published { text } } }
        recorded { at from by } history { recordedAt recordedFrom recordedBy replacedAt replacedBy replacedByCurator } }
      retractions(fact: $id, first: 20) { nodes { kind reason by at file active restoredAt restoredBy restoreReason sourceId } } }`,
      { id, asOf: date, known });
    const a = data.agreement;
    // Each derived fact applies to some kinds only: ask for those (a stake can still be NOT_APPLICABLE: no valuation).
    const derived = (await graphqlPartial(`query($id: ID!, $asOf: Date, $known: DateTime, $license: Boolean!, $share: Boolean!, $stake: Boolean!) { agreement(id: $id, knownAsOf: $known) {
        totalValue(asOf: $asOf) { committed { text } conditional { text } upTo { text } confidence ${BASIS} }
        license(asOf: $asOf) @include(if: $license) { exclusive endsOn { text } confidence ${BASIS} }
        revenueShare(asOf: $asOf) @include(if: $share) { active ratePercent cap { text } until { text } confidence ${BASIS} }
        impliedStake(asOf: $asOf) @include(if: $stake) { percent approximate confidence ${BASIS} } } }`, { id, asOf: date, known,
      license: a.kind === 'IP_LICENSE', share: a.kind === 'REVENUE_SHARE', stake: a.kind === 'EQUITY_INVESTMENT' || a.kind === 'RECAPITALIZATION' })).agreement ?? {};
    const s = a.state;
    const cloudTerms = s.primary != null || s.firstRelease != null || s.anyCloud != null;
    const served = cloudTerms ? await servingCloudsOf(a.parties.filter((p) => p.role === 'CUSTOMER' || p.role === 'SUPPLIER'), date) : '';
    if (!current()) return;
    const { totalValue: total, license, revenueShare: share, impliedStake: stake } = derived;
    const texts = (list) => (list ?? []).map((m) => escape(m.text)).join(' + ');
    $('agreement').innerHTML = `${known ? `<p class="hint" id="known-note">As the graph held it on ${escape(known)}.</p>` : ''}<h2>${escape(a.title)}</h2>
      <p><span class="kind">${words(a.kind)}</span>${a.binding ? '' : '<span class="kind">non-binding</span>'}${escape(a.summary ?? '')}</p>
      <dl>
        <dt>Parties</dt><dd>${a.parties.map((p) => `${link('company', p.company.id, p.company.name)} (${words(p.role)})`).join(', ')}</dd>
        ${a.products?.length ? `<dt>Concerns</dt><dd>${a.products.map((p) => link('product', p.id, p.name)).join(', ')}</dd>` : ''}
        <dt>Dates</dt><dd>${[a.announced && `announced ${escape(a.announced.text)}`, a.effectiveFrom && `effective ${escape(a.effectiveFrom.text)}`,
          a.effectiveUntil && `ending ${escape(a.effectiveUntil.text)} as made`].filter(Boolean).join(', ') || 'not stated'}</dd>
        <dt>Money</dt><dd id="money">${escape(a.money?.text ?? 'not stated')}${a.money?.ceiling ? ' (a ceiling, not a commitment)' : ''}</dd>
        ${a.tranches?.length ? `<dt>In parts</dt><dd><ul id="tranches">${a.tranches.map((t) => `<li>${escape(t.label ?? 'part')}: ${escape(t.money?.text ?? '')}
          ${t.conditional ? `— conditional${t.conditions ? `: ${escape(t.conditions)}` : ''}, not counted as committed` : '— committed'}</li>`).join('')}</ul></dd>` : ''}
        ${a.scope ? `<dt>Scope</dt><dd>${escape(a.scope)}</dd>` : ''}
        ${a.conditions ? `<dt>Conditions</dt><dd>${escape(a.conditions)}</dd>` : ''}
        <dt>On ${escape(date)}</dt><dd id="state">${escape(stateWords(s))}${s.ratePercent != null ? `, ${s.ratePercent}% of revenue` : ''}${s.effectiveUntil ? `, until ${escape(s.effectiveUntil.text)}` : ''}${s.primary ? ', primary partner' : ''}${s.firstRelease ? ', first release' : ''}${s.anyCloud ? ', any cloud allowed' : ''}${s.roundSize ? `, round of ${escape(s.roundSize.text)}` : ''}${s.valuation ? `, valuation ${escape(s.valuation.text)}` : ''}${s.supersededBy ? `, superseded by ${link('agreement', s.supersededBy)}` : ''}</dd>
        ${total ? `<dt>Total value</dt><dd id="total">${texts(total.committed) || 'none committed'}${total.conditional?.length ? `, conditional ${texts(total.conditional)}` : ''}${total.upTo?.length ? ` (up to ${texts(total.upTo).replaceAll('up to ', '')})` : ''} — ${words(total.confidence)}</dd>` : ''}
        ${license ? `<dt>License</dt><dd id="license">${license.exclusive ? 'exclusive' : 'non-exclusive'}${license.endsOn ? `, ends ${escape(license.endsOn.text)}` : ''} — ${words(license.confidence)}</dd>` : ''}
        ${share ? `<dt>Revenue share</dt><dd id="share">${share.active ? `${share.ratePercent}%` : 'not in force'}${share.cap ? `, capped at ${escape(share.cap.text)}` : ''}${share.until ? `, until ${escape(share.until.text)}` : ''} — ${words(share.confidence)}</dd>` : ''}
        ${stake?.percent != null ? `<dt>Implied stake</dt><dd id="stake">${stake.approximate ? '~' : ''}${stake.percent}% — ${words(stake.confidence)}</dd>` : ''}
      </dl>
      ${s.basis ? `<h3>How its terms on ${escape(date)} are reached</h3><p class="basis" id="state-basis">${escape(s.basis.rule)}</p>` : ''}
      ${total ? basisView('How the total is reached', total.basis, 'total-basis') : ''}
      ${license ? basisView('How the license stands', license.basis, 'license-basis') : ''}
      ${share ? basisView('How the revenue share stands', share.basis, 'share-basis') + owedForm(date) : ''}
      ${stake?.percent != null ? basisView('How the stake is implied', stake.basis, 'stake-basis') : ''}
      ${served}
      ${amendments(a)}
      ${contradictions(a.sources)}
      <h3>Sources</h3><ul>${a.sources.map((c) => `<li>${escape(c.source.publisher ?? '')} ${escape(c.source.published?.text ?? '')} — ${words(c.confidence)} — <a href="${escape(c.source.url)}" rel="noreferrer">${escape(c.source.url)}</a></li>`).join('')}</ul>
      ${historyView(a, data.retractions?.nodes ?? [], known)}`;
    status('');
  } catch (e) {
    if (!current()) return;
    $('agreement').innerHTML = `<p class="error">This agreement could not be shown: ${escape(problem(e))}.</p>`;
  }
}

/** The clouds the served party may use on the date, with the basis: the derived fact behind cloud terms. */
async function servingCloudsOf(parties, date) {
  const parts = await Promise.all(parties.map(async (p) => {
    const data = await graphqlPartial(`query($c: String!, $asOf: Date) { servingClouds(company: $c, asOf: $asOf) {
        anyCloud primary { name } firstRelease { name } clouds { provider { name } exclusive } confidence ${BASIS} } }`, { c: p.company.id, asOf: date });
    const sc = data.servingClouds;
    if (!sc) return '';
    return `<h3>Where ${escape(p.company.name)} may serve, ${escape(date)}</h3><p id="serving-clouds">${sc.clouds.map((r) => `${escape(r.provider?.name)}${r.exclusive ? ' (exclusive)' : ''}`).join(', ') || 'no cloud right in force'}${sc.anyCloud ? '; any cloud' : ''}${sc.primary ? `; primary ${escape(sc.primary.name)}` : ''}${sc.firstRelease ? `; first release on ${escape(sc.firstRelease.name)}` : ''} — ${words(sc.confidence)}</p>
      ${basisView('How the clouds are reached', sc.basis, 'clouds-basis')}`;
  }));
  return parts.join('');
}

/** What the graph recorded of the agreement and when: each version, its changes, retractions and restorations, by whom. */
function historyView(a, retractions, known) {
  const before = (at) => !known || (at && Date.parse(at) <= Date.parse(known));
  const events = [];
  for (const h of a.history ?? []) {
    events.push({ at: h.recordedAt, text: `recorded from ${h.recordedFrom ?? '?'} by ${h.recordedBy ?? '?'}` });
    events.push({ at: h.replacedAt, text: `changed by ${h.replacedBy ?? '?'}${h.replacedByCurator ? ` (${h.replacedByCurator})` : ''}` });
  }
  if (a.recorded && !(a.history ?? []).length) events.push({ at: a.recorded.at, text: `recorded from ${a.recorded.from ?? '?'} by ${a.recorded.by ?? '?'}` });
  for (const r of retractions) {
    events.push({ at: r.at, text: `${words(r.kind)}${r.sourceId ? ` (${escape(r.sourceId)})` : ''} retracted by ${r.by}: ${r.reason}` });
    if (r.restoredAt) events.push({ at: r.restoredAt, text: `restored by ${r.restoredBy}: ${r.restoreReason ?? ''}` });
  }
  const shown = events.filter((e) => e.at && before(e.at)).sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
  if (!shown.length) return '';
  return `<h3>What the graph recorded</h3><ol id="history">${shown.map((e) => `<li><time>${escape(e.at)}</time> ${escape(e.text)}</li>`).join('')}</ol>`;
}

function amendments(a) {
  const earlier = (a.amends ?? []).map((m) => `<li>${words(m.kind)} of ${link('agreement', m.agreementId, m.title)}${m.effective ? ` from ${escape(m.effective.text)}` : ''}</li>`);
  const later = (a.amendedBy ?? []).map((m) => `<li>${m.effective ? escape(m.effective.text) : 'undated'}: ${words(m.kind)} by ${link('agreement', m.agreementId, m.title)}
    ${(m.changes ?? []).map((c) => `<span class="change">${escape(c.field)}: ${escape(c.from ?? '—')} → ${escape(c.to ?? '—')}</span>`).join(' ')}</li>`);
  return earlier.length || later.length ? `<h3>Amendments</h3><ul id="amendments">${[...earlier, ...later].join('')}</ul>` : '';
}

/** A basis as readable steps: the rule, then each input with its role, detail, confidence and links to its sources. */
function basisView(title, basis, id) {
  if (!basis) return '';
  const inputs = (basis.inputs ?? []).map((i) => `<li>${escape(words(i.role))}: ${i.agreementId ? link('agreement', i.agreementId, i.title) : ''}
    ${escape(i.detail ?? '')} (${escape(words(i.confidence))})${(i.sources ?? []).map((c) =>
      ` <a href="${escape(c.source.url)}" rel="noreferrer">${escape(c.source.publisher ?? 'source')}</a>`).join('')}</li>`).join('');
  return `<h3>${title}</h3><p class="basis" id="${id}">${escape(basis.rule)}</p>${inputs ? `<ol class="inputs">${inputs}</ol>` : ''}`;
}

/** Sources that say otherwise than the recorded fact. */
function contradictions(sources) {
  const claims = sources.filter((c) => c.claim);
  return claims.length ? `<h3>Where sources disagree</h3><ul id="contradictions">${claims.map((c) =>
    `<li>${escape(c.source.publisher ?? c.source.url)}: ${escape(c.claim)}</li>`).join('')}</ul>` : '';
}

function owedForm(date) {
  const year = date.slice(0, 4);
  return `<form id="owed-form"><fieldset><legend>What is owed on revenue earned in a period</legend>
    <label>Revenue (USD) <input name="revenue" type="number" min="0" step="any" required></label>
    <label>From <input name="from" type="date" value="${year}-01-01" required></label>
    <label>To <input name="to" type="date" value="${year}-12-31" required></label>
    <label>Already paid (USD) <input name="paid" type="number" min="0" step="any" value="0"></label>
    <button type="submit">Compute</button></fieldset><div id="owed" aria-live="polite"></div></form>`;
}

$('agreement').addEventListener('submit', async (e) => {
  if (e.target.id !== 'owed-form') return;
  e.preventDefault();
  const form = new FormData(e.target);
  $('owed').textContent = 'Computing…';
  try {
    const data = await graphql(`query($id: ID!, $revenue: BigDecimal!, $from: Date!, $to: Date!, $paid: BigDecimal) { agreement(id: $id) {
        owed(revenue: $revenue, from: $from, to: $to, alreadyPaid: $paid) { committed { text } confidence basis { rule } } } }`,
      { id: wanted().agreement, revenue: Number(form.get('revenue')), from: form.get('from'), to: form.get('to'), paid: Number(form.get('paid') || 0) });
    const owed = data.agreement.owed;
    $('owed').innerHTML = `<p><strong id="owed-amount">${owed.committed.map((m) => escape(m.text)).join(' + ') || 'nothing'}</strong> owed — ${words(owed.confidence)}</p><p class="basis">${escape(owed.basis.rule)}</p>`;
  } catch (err) { $('owed').innerHTML = `<p class="error">Could not compute what is owed: ${escape(problem(err))}.</p>`; }
});

// Live: a load that changes the graph refreshes what is shown (subscriptions over graphql-transport-ws).
if (window.graphqlWs) {
  const live = window.graphqlWs.createClient({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`, retryAttempts: 20 });
  live.subscribe({ query: 'subscription { dealsLoaded { file agreements companies } }' }, {
    next: ({ data }) => {
      const event = data?.dealsLoaded;
      if (!event) return;
      status(`New deals loaded from ${event.file}.`);
      const want = wanted();
      // A person's or product's page depends on companies too; redraw those whenever anything loaded.
      if (want.kind && (want.kind !== 'company' || event.companies.includes(want.id))) shown.subject = null;
      if (want.agreement && event.agreements.includes(want.agreement)) shown.agreement = null;
      render();
    },
    error: () => status('Live updates stopped; use Refresh to see new deals.', true),
    complete: () => {},
  });
}

render();
