// `GET /`: one small page that shows the fleet live. It reads the status stream (server-sent events) and redraws
// with textContent only (never HTML from data); the "for how long" clocks tick in the page. Reads well at phone width.

/** The page, with this response's CSP nonce and the runner's CSRF token (used only when answers are on). */
export function statusPage(o: {
  readonly nonce: string;
  readonly csrf: string;
  readonly title: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="nightshift-csrf" content="${o.csrf}">
<title>${escapeHtml(o.title)}</title>
<style nonce="${o.nonce}">${STYLE}</style>
</head>
<body>
<header><h1>nightshift</h1><span id="conn" class="conn off">connecting…</span></header>
<section id="night" class="night"></section>
<main id="agents"></main>
<section id="tasks-box" hidden><h2>Tonight's tasks</h2><ul id="tasks" class="tasks"></ul></section>
<section id="reports-box" hidden><h2>Reports</h2><ul id="reports" class="reports"></ul></section>
<script nonce="${o.nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1d232b;--mute:#5d6774;--line:#d9dee5}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--card:#1b2027;--fg:#e6e9ee;--mute:#9aa4b1;--line:#2c333d}}
*{box-sizing:border-box}body{margin:0;font:16px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header{display:flex;align-items:center;justify-content:space-between;padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--card);position:sticky;top:0}
h1{font-size:1.1rem;margin:0}h2{font-size:1rem;margin:1rem 1rem .4rem}
.conn{font-size:.8rem;padding:.1rem .5rem;border-radius:1rem;background:#2e7d32;color:#fff}.conn.off{background:#9e9e9e}
.night{padding:.5rem 1rem;color:var(--mute);font-size:.9rem}
main{display:grid;gap:.75rem;padding:0 1rem;grid-template-columns:repeat(auto-fill,minmax(300px,1fr))}
.agent{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.7rem .8rem;min-width:0}
.row{display:flex;align-items:center;gap:.5rem;flex-wrap:wrap}.name{font-weight:600;font-size:1.05rem;margin-right:auto;overflow-wrap:anywhere}
.state{font-size:.85rem;font-weight:600;padding:.1rem .55rem;border-radius:1rem;background:#607d8b;color:#fff}
.s-busy{background:#1565c0}.s-input,.s-output{background:#2e7d32}.s-confirm,.s-question{background:#ef6c00}.s-secret,.s-error,.s-exited{background:#c62828}.s-limit{background:#6a1b9a}.s-absent{background:#9e9e9e}
.since,.meta{color:var(--mute);font-size:.85rem}
.parked{margin:.5rem 0 0;padding:.5rem;border-left:4px solid #ef6c00;background:rgba(239,108,0,.08);overflow-wrap:anywhere}
.parked ol{margin:.3rem 0 0;padding-left:1.4rem}.parked button{font:inherit;margin:.2rem .3rem 0 0;padding:.3rem .7rem}
details{margin-top:.5rem}summary{cursor:pointer;color:var(--mute);font-size:.85rem}
pre{margin:.3rem 0 0;padding:.5rem;background:#0d1117;color:#c9d1d9;border-radius:.4rem;font-size:11px;line-height:1.25;overflow-x:auto;max-height:22rem}
ul{margin:0 1rem;padding:0;list-style:none}li{padding:.35rem 0;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
.tasks .state{margin-right:.4rem}a{color:#1e88e5}
`;

const SCRIPT = `
'use strict';
const csrf = document.querySelector('meta[name="nightshift-csrf"]').content;
let status = null;
const $ = (id) => document.getElementById(id);
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function ago(iso) {
  if (!iso) return '';
  let s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  const h = Math.floor(s / 3600); s -= h * 3600; const m = Math.floor(s / 60); s -= m * 60;
  return h ? h + 'h ' + m + 'm' : m ? m + 'm ' + s + 's' : s + 's';
}
function clock(iso) { return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : ''; }
function drawNight(s) {
  const n = $('night'); n.textContent = '';
  if (s.night) n.textContent = 'Night ' + s.night.id + ' · ends ' + clock(s.night.end);
  else n.textContent = 'No night running' + (s.schedule.nextStart ? ' · next starts ' + new Date(s.schedule.nextStart).toLocaleString() : '');
  n.title = 'schedule: ' + s.schedule.nightStart + ' (' + s.schedule.timezone + ')';
}
async function answer(agent, body) {
  const what = body.decline ? 'decline' : body.choice !== undefined ? 'choose ' + body.choice : 'send text';
  if (!confirm(agent + ': ' + what + '?')) return;
  const r = await fetch('/api/answer', { method: 'POST', headers: { 'content-type': 'application/json', 'x-nightshift-csrf': csrf }, body: JSON.stringify(Object.assign({ agent }, body)) });
  const j = await r.json().catch(() => ({}));
  alert(r.ok && j.outcome && j.outcome.ok ? 'answered' : 'not answered: ' + ((j.outcome && j.outcome.reason) || j.error || r.status));
}
function drawAgent(a, canAnswer) {
  const card = el('article', 'agent'); card.dataset.agent = a.agent; card.dataset.state = a.state;
  const top = el('div', 'row');
  top.append(el('span', 'name', a.agent), el('span', 'state s-' + a.state, a.state));
  card.append(top);
  const meta = el('div', 'row');
  const since = el('span', 'since'); since.dataset.since = a.since || ''; since.textContent = a.since ? 'for ' + ago(a.since) : '';
  meta.append(since);
  if (a.restarts) meta.append(el('span', 'meta', a.restarts + ' restart' + (a.restarts === 1 ? '' : 's')));
  if (a.waitingUntil) meta.append(el('span', 'meta', 'waiting for its limit until ' + clock(a.waitingUntil)));
  if (a.givenUp) meta.append(el('span', 'meta', 'given up'));
  card.append(meta);
  if (a.parked) {
    const p = el('div', 'parked');
    p.append(el('div', '', 'Parked on: ' + a.parked.what));
    const ol = el('ol');
    for (const c of a.parked.choices) {
      const li = el('li', '', c.label); li.value = c.number;
      if (canAnswer && c.number !== a.parked.freeText) { const b = el('button', '', 'choose'); b.onclick = () => answer(a.agent, { choice: c.number }); li.append(' ', b); }
      ol.append(li);
    }
    p.append(ol);
    if (canAnswer) { const b = el('button', '', 'decline'); b.onclick = () => answer(a.agent, { decline: true }); p.append(b); }
    card.append(p);
  }
  if (a.screen) {
    const d = el('details'); d.open = !!a.parked;
    d.append(el('summary', '', 'last screen'), el('pre', 'screen', a.screen));
    card.append(d);
  }
  return card;
}
function draw(s) {
  status = s;
  drawNight(s);
  const main = $('agents');
  const open = new Set([...main.querySelectorAll('article')].filter((c) => c.querySelector('details[open]')).map((c) => c.dataset.agent));
  main.textContent = '';
  for (const a of s.agents) { const c = drawAgent(a, s.answer); if (open.has(a.agent)) { const d = c.querySelector('details'); if (d) d.open = true; } main.append(c); }
  $('tasks-box').hidden = !s.tasks.length; const tl = $('tasks'); tl.textContent = '';
  for (const t of s.tasks) { const li = el('li'); li.append(el('span', 'state s-' + t.state, t.state), t.id + (t.agent ? ' (' + t.agent + ')' : '') + ': ' + t.text); tl.append(li); }
  $('reports-box').hidden = !s.reports.length; const rl = $('reports'); rl.textContent = '';
  for (const r of s.reports) { const li = el('li'); const a = el('a', '', 'Report of ' + r.night); a.href = r.href; li.append(a); rl.append(li); }
}
setInterval(() => { for (const e of document.querySelectorAll('[data-since]')) if (e.dataset.since) e.textContent = 'for ' + ago(e.dataset.since); }, 1000);
const source = new EventSource('/api/events');
source.addEventListener('status', (m) => { draw(JSON.parse(m.data)); $('conn').textContent = 'live'; $('conn').className = 'conn'; });
source.onerror = () => { $('conn').textContent = 'reconnecting…'; $('conn').className = 'conn off'; };
`;
