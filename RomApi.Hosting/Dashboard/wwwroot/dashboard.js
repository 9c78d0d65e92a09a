// The dashboard polls the AppHost's JSON API once a second: resource states, and the console lines after the last one shown.
const tbody = document.querySelector('#resources tbody');
const picker = document.getElementById('log-resource');
const log = document.getElementById('log');
const follow = document.getElementById('follow');
let logResource = null;
let lastSequence = 0;

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
  log.replaceChildren();
  pollLogs();
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
