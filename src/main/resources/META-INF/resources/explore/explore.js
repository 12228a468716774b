// The reference frontend: only the public GraphQL API, same origin, nothing fetched from elsewhere.
const $ = (id) => document.getElementById(id);
const status = (text, error = false) => { $('status').textContent = text; $('status').className = error ? 'error' : ''; };
const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function graphql(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

const today = new Date().toISOString().slice(0, 10);
$('asof').value = today;
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
    const data = await graphql(`query($id: ID!) { company(id: $id) { id name kinds
        agreementsConnection(first: 100) { totalCount nodes { id kind title money { text } parties { role company { id name } } } } } }`, { id });
    const c = data.company;
    const deals = c.agreementsConnection.nodes;
    $('company').innerHTML = `<h2>${escape(c.name)}</h2><p>${c.kinds.map((k) => `<span class="kind">${k}</span>`).join('')}
      ${c.agreementsConnection.totalCount} agreements</p>
      <ul class="deals">${deals.map((a) => `<li><span class="kind">${a.kind}</span><button type="button" data-agreement="${escape(a.id)}">${escape(a.title)}</button>
        ${a.money ? escape(a.money.text) : ''} — ${a.parties.filter((p) => p.company.id !== c.id).map((p) => escape(p.company.name)).join(', ')}</li>`).join('')}</ul>`;
    status('');
  } catch (e) { $('company').innerHTML = `<p class="error">This company could not be shown: ${escape(e.message)}</p>`; }
}
$('company').addEventListener('click', (e) => { const id = e.target.dataset?.agreement; if (id) showAgreement(id); });

const LICENSE_KINDS = new Set(['IP_LICENSE']);

async function showAgreement(id) {
  current.agreement = id;
  $('agreement').innerHTML = '<p class="hint">Loading…</p>';
  try {
    const data = await graphql(`query($id: ID!, $asOf: Date) { agreement(id: $id) { id kind title summary
        money { text } parties { role company { id name } }
        state(asOf: $asOf) { active exclusive cap { text } stakePercent ratePercent effectiveUntil { text } basis { rule } }
        sources { confidence source { url publisher published { text } } } } }`, { id, asOf: asOf() });
    const a = data.agreement;
    // Each derived fact applies to some kinds only (NOT_APPLICABLE otherwise): asked for on its own.
    let total = null;
    try {
      total = (await graphql('query($id: ID!, $asOf: Date) { agreement(id: $id) { totalValue(asOf: $asOf) { committed { text } upTo { text } confidence basis { rule } } } }',
        { id, asOf: asOf() })).agreement.totalValue;
    } catch (e) { total = null; }
    let license = null;
    if (LICENSE_KINDS.has(a.kind)) {
      license = (await graphql('query($id: ID!, $asOf: Date) { agreement(id: $id) { license(asOf: $asOf) { exclusive endsOn { text } confidence basis { rule } } } }',
        { id, asOf: asOf() })).agreement.license;
    }
    const s = a.state;
    $('agreement').innerHTML = `<h2>${escape(a.title)}</h2>
      <p><span class="kind">${a.kind}</span>${escape(a.summary ?? '')}</p>
      <dl>
        <dt>Parties</dt><dd>${a.parties.map((p) => `${escape(p.company.name)} (${p.role.toLowerCase()})`).join(', ')}</dd>
        <dt>Money</dt><dd>${escape(a.money?.text ?? 'not stated')}</dd>
        <dt>On ${escape(asOf())}</dt><dd id="state">${s.active ? 'in force' : 'not in force'}${s.exclusive === true ? ', exclusive' : s.exclusive === false ? ', non-exclusive' : ''}${s.cap ? `, capped at ${escape(s.cap.text)}` : ''}${s.effectiveUntil ? `, until ${escape(s.effectiveUntil.text)}` : ''}</dd>
        ${total ? `<dt>Total value</dt><dd id="total">${total.committed.map((m) => escape(m.text)).join(' + ') || 'none committed'}${total.upTo?.length ? ` (up to ${total.upTo.map((m) => escape(m.text)).join(' + ')})` : ''} — ${total.confidence.toLowerCase()}</dd>` : ''}
        ${license ? `<dt>License</dt><dd id="license">${license.exclusive ? 'exclusive' : 'non-exclusive'}${license.endsOn ? `, ends ${escape(license.endsOn.text)}` : ''} — ${license.confidence.toLowerCase()}</dd>` : ''}
      </dl>
      ${total ? `<h3>How the total is reached</h3><p class="basis" id="total-basis">${escape(total.basis.rule)}</p>` : ''}
      ${license ? `<h3>How the license stands</h3><p class="basis">${escape(license.basis.rule)}</p>` : ''}
      <h3>Sources</h3><ul>${a.sources.map((c) => `<li>${escape(c.source.publisher ?? '')} ${escape(c.source.published?.text ?? '')} — ${c.confidence.toLowerCase()} — <a href="${escape(c.source.url)}" rel="noreferrer">${escape(c.source.url)}</a></li>`).join('')}</ul>`;
    status('');
  } catch (e) { $('agreement').innerHTML = `<p class="error">This agreement could not be shown: ${escape(e.message)}</p>`; }
}

$('asof').addEventListener('change', () => { if (current.agreement) showAgreement(current.agreement); });
$('refresh').addEventListener('click', () => {
  if (current.company) showCompany(current.company);
  if (current.agreement) showAgreement(current.agreement);
});
