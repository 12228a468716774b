// The reference frontend: only the public GraphQL API, same origin, nothing fetched from elsewhere.
const $ = (id) => document.getElementById(id);
const status = (text, error = false) => { $('status').textContent = text; $('status').className = error ? 'error' : ''; };
const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function post(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** The data of a query whose fields may each fail on their own (a derived fact NOT_APPLICABLE to this kind). */
async function graphqlPartial(query, variables) {
  const body = await post(query, variables);
  if (!body.data) throw new Error((body.errors ?? []).map((e) => e.message).join('; ') || 'no answer');
  return body.data;
}

async function graphql(query, variables) {
  const body = await post(query, variables);
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

const today = new Date().toISOString().slice(0, 10);
$('asof').value = today;
// The slider counts days from 2015-01-01; moving it sets the date (and the date input moves it).
const EPOCH = Date.UTC(2015, 0, 1);
const dayOf = (date) => Math.round((Date.parse(date) - EPOCH) / 86400000);
const dateOf = (day) => new Date(EPOCH + day * 86400000).toISOString().slice(0, 10);
$('timeslider').value = String(dayOf(today));
let sliding;
$('timeslider').addEventListener('input', () => {
  $('asof').value = dateOf(Number($('timeslider').value));
  clearTimeout(sliding);
  sliding = setTimeout(dateChanged, 150);
});

const COLOURS = { EQUITY_INVESTMENT: '#1f77b4', RECAPITALIZATION: '#17becf', COMPUTE_COMMITMENT: '#d62728', SUPPLY: '#8c564b',
  IP_LICENSE: '#9467bd', REVENUE_SHARE: '#2ca02c', DISTRIBUTION: '#ff7f0e', PARTNERSHIP: '#7f7f7f', MEMORANDUM: '#bcbd22', JOINT_VENTURE: '#e377c2' };
let graphView = null;
const asOf = () => $('asof').value || today;
let current = { company: null, agreement: null };

let searching;
$('search').addEventListener('input', () => {
  clearTimeout(searching);
  const text = $('search').value.trim();
  if (!text) { $('results').innerHTML = ''; return; }
  searching = setTimeout(async () => {
    try {
      const data = await graphql('query($t: String!) { search(text: $t, first: 8) { type id name } }', { t: text });
      $('results').innerHTML = data.search.length
        ? data.search.map((hit) => `<li role="option" tabindex="0" data-type="${hit.type}" data-id="${escape(hit.id)}">${escape(hit.name)} <span class="kind">${hit.type.toLowerCase()}</span></li>`).join('')
        : '<li role="option" aria-disabled="true">Nothing found for that name.</li>';
    } catch (e) { status(`Search failed: ${e.message}`, true); }
  }, 200);
});

function choose(item) {
  if (!item?.dataset.id) return;
  $('results').innerHTML = '';
  if (item.dataset.type === 'COMPANY') showCompany(item.dataset.id);
  else status(`${item.textContent.trim()}: only companies have a deal view so far.`);
}
$('results').addEventListener('click', (e) => choose(e.target.closest('li')));
$('results').addEventListener('keydown', (e) => { if (e.key === 'Enter') choose(e.target.closest('li')); });

async function showCompany(id) {
  current.company = id;
  $('company').innerHTML = '<p class="hint">Loading…</p>';
  try {
    const data = await graphql(`query($id: ID!, $cid: String!, $asOf: Date) { company(id: $id) { id name kinds
        agreementsConnection(first: 100) { totalCount nodes { id kind title money { text amount } parties { role company { id name } }
          state(asOf: $asOf) { active exclusive } } } }
        timeline(company: $cid) { kind date { text } agreementId title } }`, { id, cid: id, asOf: asOf() });
    const c = data.company;
    const deals = c.agreementsConnection.nodes;
    drawGraph(c, deals);
    $('timeline').innerHTML = `<h3>Timeline</h3><ol>${data.timeline.map((e) => `<li>${escape(e.date?.text)} ${e.kind.toLowerCase()}: ${e.agreementId
      ? `<button type="button" class="link" data-agreement="${escape(e.agreementId)}">${escape(e.title)}</button>` : escape(e.title)}</li>`).join('')}</ol>`;
    $('company').innerHTML = `<h2>${escape(c.name)}</h2><p>${c.kinds.map((k) => `<span class="kind">${k}</span>`).join('')}
      ${c.agreementsConnection.totalCount} agreements</p>
      <ul class="deals">${deals.map((a) => `<li><span class="kind">${a.kind}</span><button type="button" data-agreement="${escape(a.id)}">${escape(a.title)}</button>
        ${a.money ? escape(a.money.text) : ''} — ${a.parties.filter((p) => p.company.id !== c.id).map((p) => escape(p.company.name)).join(', ')}</li>`).join('')}</ul>`;
    status('');
  } catch (e) { $('company').innerHTML = `<p class="error">This company could not be shown: ${escape(e.message)}</p>`; }
}
$('company').addEventListener('click', (e) => { const id = e.target.dataset?.agreement; if (id) showAgreement(id); });
$('timeline').addEventListener('click', (e) => { const id = e.target.dataset?.agreement; if (id) showAgreement(id); });

/** Companies as nodes, agreements in force on the date as edges, coloured by kind and as wide as their amount. */
function drawGraph(company, deals) {
  if (!window.cytoscape) return;
  const nodes = new Map([[company.id, company.name]]);
  const edges = [];
  for (const deal of deals) {
    const others = deal.parties.filter((p) => p.company.id !== company.id);
    for (const other of others) {
      nodes.set(other.company.id, other.company.name);
      if (deal.state?.active) {
        const width = deal.money?.amount ? Math.max(1, Math.min(12, Math.log10(deal.money.amount) - 7)) : 1;
        edges.push({ data: { id: `${deal.id}:${other.company.id}`, source: company.id, target: other.company.id, agreement: deal.id,
          colour: COLOURS[deal.kind] ?? '#444', width, label: deal.kind.toLowerCase().replace('_', ' ') } });
      }
    }
  }
  const elements = [...[...nodes].map(([id, name]) => ({ data: { id, name } })), ...edges];
  if (graphView) graphView.destroy();
  graphView = window.cytoscape({
    container: $('graph'), elements,
    style: [
      { selector: 'node', style: { label: 'data(name)', 'font-size': 10, 'background-color': '#345', width: 14, height: 14 } },
      { selector: `node[id = "${company.id}"]`, style: { 'background-color': '#b8a93b', width: 22, height: 22 } },
      { selector: 'edge', style: { 'line-color': 'data(colour)', width: 'data(width)', 'curve-style': 'bezier', opacity: 0.8 } },
    ],
    layout: { name: 'concentric', concentric: (n) => (n.id() === company.id ? 2 : 1), minNodeSpacing: 30 },
  });
  graphView.on('tap', 'edge', (e) => showAgreement(e.target.data('agreement')));
  window.explorerGraph = graphView;
  $('graph').setAttribute('aria-label', `Graph of ${company.name}'s agreements in force on ${asOf()}: ${edges.length} links to `
    + `${nodes.size - 1} companies (the list below says the same in words)`);
}


async function showAgreement(id) {
  current.agreement = id;
  $('agreement').innerHTML = '<p class="hint">Loading…</p>';
  try {
    const data = await graphql(`query($id: ID!, $asOf: Date) { agreement(id: $id) { id kind title summary
        money { text } parties { role company { id name } }
        state(asOf: $asOf) { active exclusive cap { text } stakePercent ratePercent effectiveUntil { text } basis { rule } }
        sources { confidence claim source { url publisher published { text } } } } }`, { id, asOf: asOf() });
    const a = data.agreement;
    // Each derived fact applies to some kinds only: the others answer NOT_APPLICABLE and stay empty.
    const BASIS = 'basis { rule inputs { agreementId title role detail confidence sources { confidence source { url publisher } } } }';
    const derived = (await graphqlPartial(`query($id: ID!, $asOf: Date) { agreement(id: $id) {
        totalValue(asOf: $asOf) { committed { text } upTo { text } confidence ${BASIS} }
        license(asOf: $asOf) { exclusive endsOn { text } confidence ${BASIS} }
        revenueShare(asOf: $asOf) { active ratePercent cap { text } until { text } confidence ${BASIS} }
        impliedStake(asOf: $asOf) { percent approximate confidence ${BASIS} } } }`, { id, asOf: asOf() })).agreement ?? {};
    const total = derived.totalValue;
    const license = derived.license;
    const share = derived.revenueShare;
    const stake = derived.impliedStake;
    const s = a.state;
    $('agreement').innerHTML = `<h2>${escape(a.title)}</h2>
      <p><span class="kind">${a.kind}</span>${escape(a.summary ?? '')}</p>
      <dl>
        <dt>Parties</dt><dd>${a.parties.map((p) => `${escape(p.company.name)} (${p.role.toLowerCase()})`).join(', ')}</dd>
        <dt>Money</dt><dd>${escape(a.money?.text ?? 'not stated')}</dd>
        <dt>On ${escape(asOf())}</dt><dd id="state">${s.active ? 'in force' : 'not in force'}${s.exclusive === true ? ', exclusive' : s.exclusive === false ? ', non-exclusive' : ''}${s.cap ? `, capped at ${escape(s.cap.text)}` : ''}${s.effectiveUntil ? `, until ${escape(s.effectiveUntil.text)}` : ''}</dd>
        ${total ? `<dt>Total value</dt><dd id="total">${total.committed.map((m) => escape(m.text)).join(' + ') || 'none committed'}${total.upTo?.length ? ` (up to ${total.upTo.map((m) => escape(m.text)).join(' + ')})` : ''} — ${total.confidence.toLowerCase()}</dd>` : ''}
        ${license ? `<dt>License</dt><dd id="license">${license.exclusive ? 'exclusive' : 'non-exclusive'}${license.endsOn ? `, ends ${escape(license.endsOn.text)}` : ''} — ${license.confidence.toLowerCase()}</dd>` : ''}
        ${share ? `<dt>Revenue share</dt><dd id="share">${share.active ? `${share.ratePercent}%` : 'not in force'}${share.cap ? `, capped at ${escape(share.cap.text)}` : ''}${share.until ? `, until ${escape(share.until.text)}` : ''} — ${share.confidence.toLowerCase()}</dd>` : ''}
        ${stake?.percent != null ? `<dt>Implied stake</dt><dd id="stake">${stake.approximate ? '~' : ''}${stake.percent}% — ${stake.confidence.toLowerCase()}</dd>` : ''}
      </dl>
      ${total ? basisView('How the total is reached', total.basis, 'total-basis') : ''}
      ${license ? basisView('How the license stands', license.basis, 'license-basis') : ''}
      ${share ? basisView('How the revenue share stands', share.basis, 'share-basis') + owedForm() : ''}
      ${stake?.percent != null ? basisView('How the stake is implied', stake.basis, 'stake-basis') : ''}
      ${contradictions(a.sources)}
      <h3>Sources</h3><ul>${a.sources.map((c) => `<li>${escape(c.source.publisher ?? '')} ${escape(c.source.published?.text ?? '')} — ${c.confidence.toLowerCase()} — <a href="${escape(c.source.url)}" rel="noreferrer">${escape(c.source.url)}</a></li>`).join('')}</ul>`;
    status('');
  } catch (e) { $('agreement').innerHTML = `<p class="error">This agreement could not be shown: ${escape(e.message)}</p>`; }
}

function dateChanged() {
  $('timeslider').value = String(dayOf(asOf()));
  if (current.company) showCompany(current.company);
  if (current.agreement) showAgreement(current.agreement);
}
$('asof').addEventListener('change', dateChanged);

/** A basis as readable steps: the rule, then each input with its role, detail, confidence and links to its sources. */
function basisView(title, basis, id) {
  if (!basis) return '';
  const inputs = (basis.inputs ?? []).map((i) => `<li>${escape(i.role.toLowerCase().replaceAll('_', ' '))}: ${i.agreementId
    ? `<button type="button" class="link" data-agreement="${escape(i.agreementId)}">${escape(i.title ?? i.agreementId)}</button>` : ''}
    ${escape(i.detail ?? '')} (${escape((i.confidence ?? '').toLowerCase())})${(i.sources ?? []).map((c) =>
      ` <a href="${escape(c.source.url)}" rel="noreferrer">${escape(c.source.publisher ?? 'source')}</a>`).join('')}</li>`).join('');
  return `<h3>${title}</h3><p class="basis" id="${id}">${escape(basis.rule)}</p>${inputs ? `<ol class="inputs">${inputs}</ol>` : ''}`;
}

/** Sources that say otherwise than the recorded fact. */
function contradictions(sources) {
  const claims = sources.filter((c) => c.claim);
  return claims.length ? `<h3>Where sources disagree</h3><ul id="contradictions">${claims.map((c) =>
    `<li>${escape(c.source.publisher ?? c.source.url)}: ${escape(c.claim)}</li>`).join('')}</ul>` : '';
}

function owedForm() {
  const year = asOf().slice(0, 4);
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
      { id: current.agreement, revenue: Number(form.get('revenue')), from: form.get('from'), to: form.get('to'), paid: Number(form.get('paid') || 0) });
    const owed = data.agreement.owed;
    $('owed').innerHTML = `<p><strong id="owed-amount">${owed.committed.map((m) => escape(m.text)).join(' + ') || 'nothing'}</strong> owed — ${owed.confidence.toLowerCase()}</p><p class="basis">${escape(owed.basis.rule)}</p>`;
  } catch (err) { $('owed').innerHTML = `<p class="error">Could not compute what is owed: ${escape(err.message)}</p>`; }
});
$('agreement').addEventListener('click', (e) => { const id = e.target.dataset?.agreement; if (id) showAgreement(id); });
$('refresh').addEventListener('click', () => {
  if (current.company) showCompany(current.company);
  if (current.agreement) showAgreement(current.agreement);
});

// Live: a load that changes the graph refreshes what is shown (subscriptions over graphql-transport-ws).
if (window.graphqlWs) {
  const live = window.graphqlWs.createClient({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql` });
  live.subscribe({ query: 'subscription { dealsLoaded { file agreements companies } }' }, {
    next: ({ data }) => {
      const event = data?.dealsLoaded;
      if (!event) return;
      status(`New deals loaded from ${event.file}.`);
      if (current.company && event.companies.includes(current.company)) showCompany(current.company);
      if (current.agreement && event.agreements.includes(current.agreement)) showAgreement(current.agreement);
    },
    error: () => status('Live updates stopped; use Refresh.', true),
    complete: () => {},
  });
}
