// The dashboard polls the AppHost's JSON API once a second: resource states, and the console lines after the last one shown.
const tbody = document.querySelector('#resources tbody');
const picker = document.getElementById('log-resource');
const log = document.getElementById('log');
const follow = document.getElementById('follow');
const telemetry = document.getElementById('telemetry');
let logResource = null;
let lastSequence = 0;
let view = 'console';
let lastStructured = 0;

for (const tab of document.querySelectorAll('.tabs button')) {
  tab.addEventListener('click', () => {
    document.querySelectorAll('.tabs button').forEach(b => b.classList.toggle('active', b === tab));
    view = tab.dataset.view;
    log.hidden = view !== 'console';
    telemetry.hidden = view === 'console';
    lastStructured = 0;
    telemetry.replaceChildren();
    pollTelemetry();
  });
}

function table(headers, rows) {
  const t = document.createElement('table');
  const head = document.createElement('tr');
  headers.forEach(h => head.append(text('th', h)));
  t.append(head);
  for (const cells of rows) {
    const tr = document.createElement('tr');
    for (const cell of cells) {
      const td = document.createElement('td');
      if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? '';
      tr.append(td);
    }
    t.append(tr);
  }
  return t;
}

// Structured logs, traces and metrics arrive from the services over OTLP; the page shows those of the selected resource.
async function pollTelemetry() {
  if (view === 'console' || !logResource) return;
  const resource = encodeURIComponent(logResource);
  if (view === 'structured') {
    const records = await (await fetch(`/api/telemetry/logs?resource=${resource}&after=${lastStructured}`)).json();
    if (!telemetry.firstChild) telemetry.append(table(['time', 'level', 'message', 'trace'], []));
    const t = telemetry.firstChild;
    for (const r of records) {
      const tr = document.createElement('tr');
      tr.append(text('td', r.time.substring(11, 23)), text('td', r.severity, 'sev-' + r.severity), text('td', r.message), text('td', (r.traceId ?? '').substring(0, 8)));
      t.append(tr);
      lastStructured = r.sequence;
    }
    if (records.length && follow.checked) telemetry.scrollTop = telemetry.scrollHeight;
  } else if (view === 'traces') {
    const traces = await (await fetch(`/api/telemetry/traces?resource=${resource}&max=100`)).json();
    const longest = Math.max(1, ...traces.map(t => t.durationMs));
    telemetry.replaceChildren(table(['start', 'name', 'services', 'spans', 'duration'], traces.map(t => {
      const bar = document.createElement('span');
      bar.append(Object.assign(document.createElement('span'), { className: 'bar', style: `width:${Math.max(2, 200 * t.durationMs / longest)}px` }), ` ${t.durationMs.toFixed(1)} ms`);
      return [t.start.substring(11, 23), (t.error ? '⚠ ' : '') + t.name, t.services.join(' → '), String(t.spans.length), bar];
    })));
  } else if (view === 'metrics') {
    const points = await (await fetch(`/api/telemetry/metrics?resource=${resource}`)).json();
    telemetry.replaceChildren(table(['metric', 'attributes', 'value', 'count', 'unit'], points.map(p =>
      [p.name, p.attributes, Number(p.value.toFixed(4)).toString(), p.count ?? '', p.unit])));
  }
}

function text(tag, value, cls) {
  const el = document.createElement(tag);
  el.textContent = value ?? '';
  if (cls) el.className = cls;
  return el;
}

function badge(value) { return text('span', value, 'badge ' + value); }

function renderResources(resources) {
  tbody.replaceChildren();
  for (const r of resources) {
    const row = document.createElement('tr');
    row.className = 'selectable';
    row.dataset.resource = r.name;
    row.addEventListener('click', () => selectResource(r.name));
    row.append(text('td', r.name), text('td', r.type));
    const state = document.createElement('td'); state.append(badge(r.state)); row.append(state);
    const health = document.createElement('td'); health.append(badge(r.health)); row.append(health);
    const endpoints = document.createElement('td');
    for (const e of r.endpoints) {
      const link = e.startsWith('http') ? Object.assign(document.createElement('a'), { href: e, textContent: e, target: '_blank' }) : text('span', e);
      endpoints.append(link, document.createElement('br'));
    }
    row.append(endpoints);
    const replicas = document.createElement('td');
    for (const p of r.replicas) {
      replicas.append(text('div', `#${p.index} ${p.state} · ${p.health}` + (p.processId ? ` · pid ${p.processId}` : '') +
        (p.port ? ` · :${p.port}` : '') + (p.restarts ? ` · ${p.restarts} restart(s)` : ''), 'replica'));
    }
    row.append(replicas, text('td', String(r.restarts)), text('td', r.message, 'message'));
    tbody.append(row);
  }
  const healthy = resources.filter(r => r.health === 'Healthy').length;
  document.getElementById('summary').textContent = `${healthy}/${resources.length} healthy`;
  if (picker.options.length !== resources.length) {
    picker.replaceChildren(...resources.map(r => new Option(r.name, r.name)));
    if (!logResource && resources.length) selectResource(resources.find(r => r.type === 'Project')?.name ?? resources[0].name);
    picker.value = logResource;
  }
}

function selectResource(name) {
  logResource = name;
  picker.value = name;
  lastSequence = 0;
  lastStructured = 0;
  log.replaceChildren();
  telemetry.replaceChildren();
  pollLogs();
  pollTelemetry();
}

picker.addEventListener('change', () => selectResource(picker.value));

async function pollResources() {
  try {
    const response = await fetch('/api/resources');
    renderResources(await response.json());
  } catch { document.getElementById('summary').textContent = 'AppHost not reachable'; }
}

async function pollLogs() {
  if (!logResource) return;
  const name = logResource;
  const response = await fetch(`/api/resources/${encodeURIComponent(name)}/logs?after=${lastSequence}`);
  if (!response.ok || name !== logResource) return;
  const lines = await response.json();
  for (const line of lines) {
    const row = document.createElement('div');
    row.append(text('span', line.source + ' ', 'src'), text('span', line.text, line.isError ? 'err' : ''));
    log.append(row);
    lastSequence = line.sequence;
  }
  while (log.childElementCount > 3000) log.firstChild.remove();
  if (lines.length && follow.checked) log.scrollTop = log.scrollHeight;
}

pollResources();
setInterval(pollResources, 1000);
setInterval(pollLogs, 1000);
setInterval(() => { if (view === 'structured') pollTelemetry(); }, 1000);
setInterval(() => { if (view === 'traces' || view === 'metrics') pollTelemetry(); }, 3000);
