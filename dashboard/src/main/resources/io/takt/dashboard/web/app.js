// Takt plant dashboard: one EventSource (/api/events) feeds a client-side copy of the plant view;
// every change re-renders the panels from it. Each KPI number carries its exact value from the
// record in data-value (data-equipment / data-kpi say which), so tests and scripts can read it.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const STATE_LABEL = {
  RUNNING: 'running', SETUP: 'setup', FAULT: 'fault', MINOR_STOP: 'minor stop', IDLE: 'idle',
  STARVED: 'starved', BLOCKED: 'blocked', PLANNED_STOP: 'planned stop', UNKNOWN: 'no data'
};
const LEVEL_ORDER = { ENTERPRISE: 0, SITE: 1, AREA: 2, LINE: 3, MACHINE: 4 };
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;

const plant = { site: '', updatedAt: null, trendLimit: 480, traceConfigured: false, oee: {}, trends: {},
  machines: {}, downtime: { stops: [], pareto: [], shiftStart: null },
  workOrders: { orders: [], orderCount: 0, confirmationCount: 0 } };

// ---- formatting ---------------------------------------------------------------------------

function percent(value) {
  return value === null || value === undefined ? '–' : (value * 100).toFixed(1) + ' %';
}

function clock(millis) {
  return millis === null || millis === undefined ? '–'
    : new Date(millis).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function duration(millis) {
  const seconds = Math.round(millis / 1000);
  if (seconds < 60) return seconds + ' s';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + ' min ' + String(seconds % 60).padStart(2, '0') + ' s';
  return Math.floor(minutes / 60) + ' h ' + String(minutes % 60).padStart(2, '0') + ' min';
}

function quantity(value) {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** The last part of an ISA-95 path id ('site1.production.line1' -> 'line1'); its parent path is shown beside it. */
function shortName(id) {
  return id.includes('.') ? id.slice(id.lastIndexOf('.') + 1) : id;
}

function parentPath(id) {
  return id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : '';
}

function band(value) {
  if (value === null || value === undefined) return 'none';
  return value >= 0.85 ? 'good' : value >= 0.6 ? 'fair' : 'poor';
}

function stateClass(state) {
  return 'state-' + (state || 'UNKNOWN');
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value; else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A KPI number: the text shown plus the record's exact value for whoever reads the page. */
function kpi(equipment, name, value, className) {
  return el('span', { class: 'kpi-value ' + (className || ''), 'data-equipment': equipment, 'data-kpi': name,
    'data-value': value === null || value === undefined ? '' : String(value) }, percent(value));
}

function chip(state) {
  return el('span', { class: 'chip ' + stateClass(state) }, STATE_LABEL[state] || (state || '').toLowerCase());
}

// ---- gauges and sparklines ----------------------------------------------------------------

const GAUGE_SWEEP = 240;

function polar(cx, cy, r, degrees) {
  const radians = (degrees - 90) * Math.PI / 180;
  return [cx + r * Math.cos(radians), cy + r * Math.sin(radians)];
}

function arc(cx, cy, r, from, to) {
  const [x1, y1] = polar(cx, cy, r, from);
  const [x2, y2] = polar(cx, cy, r, to);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${r} ${r} 0 ${to - from > 180 ? 1 : 0} 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

/** An SVG arc gauge of a ratio (clamped to the arc; the number below it stays exact). */
function gauge(equipment, name, label, value, size) {
  const r = 40, start = -GAUGE_SWEEP / 2;
  const shown = value === null || value === undefined ? 0 : Math.max(0, Math.min(1, value));
  const picture = svg('svg', { viewBox: '0 0 100 84', class: 'gauge-arc', width: size, height: size * 0.84 },
    svg('path', { d: arc(50, 50, r, start, start + GAUGE_SWEEP), class: 'track' }),
    shown > 0 ? svg('path', { d: arc(50, 50, r, start, start + GAUGE_SWEEP * Math.max(shown, 0.003)),
      class: 'bar band-' + band(value) }) : null);
  return el('div', { class: 'gauge gauge-' + name },
    picture,
    el('div', { class: 'gauge-text' }, kpi(equipment, name, value, 'band-' + band(value)), el('small', {}, label)));
}

function sparkline(id, width, height) {
  const live = plant.oee[id];
  const points = plant.trends[id] || [];
  const from = live ? live.shiftStart : (points.length ? points[0].start : 0);
  const to = live ? Math.max(live.shiftEnd, live.accountedUntil) : (points.length ? points[points.length - 1].start + 60000 : 1);
  const span = Math.max(1, to - from);
  const x = (t) => ((t - from) / span) * width;
  const y = (v) => height - 2 - Math.max(0, Math.min(1.05, v)) / 1.05 * (height - 4);
  const segments = [];
  let current = [];
  for (const point of points) {
    if (point.oee === null || point.oee === undefined) {
      if (current.length) segments.push(current);
      current = [];
    } else {
      current.push(`${x(point.start).toFixed(1)},${y(point.oee).toFixed(1)}`);
    }
  }
  if (current.length) segments.push(current);
  const picture = svg('svg', { class: 'sparkline', viewBox: `0 0 ${width} ${height}`, width, height,
    preserveAspectRatio: 'none', 'data-trend': id, 'data-points': points.length },
    svg('line', { x1: 0, x2: width, y1: y(0.85), y2: y(0.85), class: 'target' }),
    segments.map((segment) => segment.length === 1
      ? svg('circle', { cx: segment[0].split(',')[0], cy: segment[0].split(',')[1], r: 1.5, class: 'dot' })
      : svg('polyline', { points: segment.join(' '), class: 'line' })));
  if (!points.length) picture.append(svg('text', { x: width / 2, y: height / 2 + 4, class: 'empty' }, 'no minute windows yet'));
  return picture;
}

// ---- panels -------------------------------------------------------------------------------

function renderHeader() {
  document.getElementById('site').textContent = plant.site;
  document.title = 'Takt · ' + plant.site;
  const updated = document.getElementById('updated-at');
  updated.textContent = clock(plant.updatedAt);
  updated.setAttribute('data-updated-at', plant.updatedAt === null ? '' : String(plant.updatedAt));
  const site = Object.values(plant.oee).find((e) => e.level === 'SITE');
  document.getElementById('shift').textContent = site
    ? `shift ${clock(site.shiftStart).slice(0, 5)}–${clock(site.shiftEnd).slice(0, 5)}` : '';
  document.querySelectorAll('code[data-topic]').forEach((code) => {
    code.textContent = `takt.${plant.site}.${code.getAttribute('data-topic')}.v1`;
  });
}

function renderRollups() {
  const host = document.getElementById('rollups');
  const rollups = Object.values(plant.oee).filter((e) => e.level !== 'MACHINE')
    .sort((a, b) => (LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]) || byName(a.id, b.id));
  host.replaceChildren(...rollups.map((e) => {
    const big = e.level === 'SITE' || e.level === 'ENTERPRISE';
    return el('article', { class: 'rollup level-' + e.level.toLowerCase(), 'data-rollup': e.id },
      el('header', {},
        el('span', { class: 'level' }, e.level.toLowerCase()),
        el('h3', { title: e.id }, shortName(e.id), el('small', {}, parentPath(e.id))),
        el('span', { class: 'members' }, `${e.members} machine${e.members === 1 ? '' : 's'}`),
        e.dataGap ? el('span', { class: 'flag', title: 'part of the planned busy time had no machine state' }, 'data gap') : null),
      el('div', { class: 'gauges' },
        gauge(e.id, 'oee', 'OEE', e.oee, big ? 132 : 112),
        el('div', { class: 'apq' },
          gauge(e.id, 'availability', 'Avail.', e.availability, 72),
          gauge(e.id, 'performance', 'Perf.', e.performance, 72),
          gauge(e.id, 'quality', 'Quality', e.quality, 72))),
      el('div', { class: 'trend' }, sparkline(e.id, 320, 52),
        el('span', { class: 'trend-axis' }, clock(e.shiftStart).slice(0, 5), el('span', {}, 'OEE this shift'),
          clock(e.shiftEnd).slice(0, 5))));
  }));
  if (!rollups.length) host.replaceChildren(el('p', { class: 'empty-note' }, 'No live OEE on the oee-live topic yet: is streams-oee running?'));
}

function machineLines() {
  const lines = new Map();
  for (const machine of Object.values(plant.machines)) {
    const key = `${machine.area} / ${machine.line}`;
    if (!lines.has(key)) lines.set(key, { area: machine.area, line: machine.line, machines: [] });
    lines.get(key).machines.push(machine);
  }
  return [...lines.values()].sort((a, b) => byName(a.area, b.area) || byName(a.line, b.line));
}

/**
 * Now on the plant's clock: the wall clock, or the newest time the OEE app has accounted up to when
 * that is ahead of it (a simulated plant running faster than real time).
 */
function plantNow() {
  return Object.values(plant.oee).reduce((latest, kpi) => Math.max(latest, kpi.accountedUntil || 0), Date.now());
}

function renderLines() {
  const host = document.getElementById('lines');
  const now = plantNow();
  const lines = machineLines();
  host.replaceChildren(...lines.map((line) => {
    // Left to right in work-cell then machine-name order: the ids carry no flow order, the names usually do.
    const machines = line.machines.sort((a, b) => byName(a.workCell || '', b.workCell || '') || byName(a.machine, b.machine));
    return el('div', { class: 'line', 'data-line': `${line.area}.${line.line}` },
      el('div', { class: 'line-name' }, el('strong', {}, line.line), el('small', {}, line.area)),
      el('div', { class: 'flow' }, machines.map((m, i) => [
        i > 0 ? el('span', { class: 'conveyor', 'aria-hidden': 'true' }) : null,
        el('div', { class: 'machine ' + stateClass(m.state), 'data-machine': m.id, 'data-state': m.state,
          title: `${m.id}: ${m.rawState}${m.reasonCode ? ' (' + m.reasonCode + ')' : ''}` },
          el('span', { class: 'machine-name' }, m.machine),
          el('span', { class: 'machine-state' }, STATE_LABEL[m.state] || m.state),
          el('span', { class: 'machine-since' }, m.reasonCode ? m.reasonCode + ' · ' : '', duration(Math.max(0, now - m.since))))])));
  }));
  if (!lines.length) host.replaceChildren(el('p', { class: 'empty-note' }, 'No machine states on the machine-state topic yet.'));
}

function renderMachines() {
  const rows = Object.values(plant.oee).filter((e) => e.level === 'MACHINE')
    .sort((a, b) => byName(a.line || '', b.line || '') || byName(a.id, b.id));
  document.getElementById('machine-rows').replaceChildren(...rows.map((e) => {
    const state = (plant.machines[e.id] || {}).state || e.currentState;
    return el('tr', { 'data-row': e.id },
      el('td', {}, el('strong', {}, e.machine || e.id), el('small', { class: 'id' }, e.id)),
      el('td', {}, e.line || ''),
      el('td', {}, state ? chip(state) : ''),
      el('td', { class: 'num big' }, kpi(e.id, 'oee', e.oee, 'band-' + band(e.oee))),
      el('td', { class: 'num' }, kpi(e.id, 'availability', e.availability)),
      el('td', { class: 'num' }, kpi(e.id, 'performance', e.performance),
        e.performanceImplausible ? el('span', { class: 'flag', title: 'performance above 100 %: ideal cycle time too long' }, '!') : null),
      el('td', { class: 'num' }, kpi(e.id, 'quality', e.quality)),
      el('td', { class: 'num muted' }, `${quantity(e.goodQuantity)} / ${quantity(e.producedQuantity)}`),
      el('td', { class: 'spark' }, sparkline(e.id, 180, 30)));
  }));
  if (!rows.length) {
    document.getElementById('machine-rows').replaceChildren(
      el('tr', {}, el('td', { colspan: 9, class: 'empty-note' }, 'No machine OEE yet.')));
  }
}

function renderPareto() {
  const { pareto, shiftStart } = plant.downtime;
  document.getElementById('pareto-since').textContent = shiftStart ? `this shift, since ${clock(shiftStart).slice(0, 5)}` : 'this shift';
  const host = document.getElementById('pareto');
  if (!pareto.length) {
    host.replaceChildren(el('p', { class: 'empty-note' }, 'No stops this shift.'));
    return;
  }
  const top = pareto.slice(0, 10);
  const longest = top[0].durationMillis || 1;
  const more = pareto.length - top.length;
  host.replaceChildren(el('div', { class: 'pareto' }, top.map((bar) =>
    el('div', { class: 'pareto-row', 'data-reason': bar.reason },
      el('span', { class: 'reason', title: bar.reason }, bar.reason),
      el('span', { class: 'bar-track' }, el('span', { class: 'bar', style: `width:${(bar.durationMillis / longest * 100).toFixed(2)}%` })),
      el('span', { class: 'amount', 'data-kpi': 'downtime', 'data-value': bar.durationMillis }, duration(bar.durationMillis)),
      el('span', { class: 'count', 'data-kpi': 'stops', 'data-value': bar.stops }, `${bar.stops}×`),
      el('span', { class: 'cumulative', 'data-kpi': 'cumulative', 'data-value': bar.cumulativeShare },
        (bar.cumulativeShare * 100).toFixed(0) + ' %')))));
  if (more > 0) host.append(el('p', { class: 'hint' }, `${more} more reason(s)`));
}

function renderStops() {
  const stops = plant.downtime.stops;
  document.getElementById('stop-rows').replaceChildren(...stops.map((stop) =>
    el('tr', { 'data-stop': stop.key, class: stop.end === null ? 'open' : '' },
      el('td', { class: 'mono' }, clock(stop.start)),
      el('td', {}, el('strong', {}, stop.machine), el('small', { class: 'id' }, stop.line)),
      el('td', {}, chip(stop.state), stop.minorStop ? el('span', { class: 'tag' }, 'minor') : null),
      el('td', { 'data-kpi': 'reason', 'data-value': stop.reasonCode || '' },
        stop.reasonCode ? el('code', { class: 'reason-code' }, stop.reasonCode) : el('span', { class: 'muted' }, 'no reason given')),
      el('td', { class: 'num', 'data-kpi': 'duration', 'data-value': stop.durationMillis },
        // An ongoing stop's record holds its length when it was last written: it goes on counting.
        duration(stop.end === null ? Math.max(stop.durationMillis, plantNow() - stop.start) : stop.durationMillis),
        stop.end === null ? el('span', { class: 'tag live' }, 'ongoing') : null))));
  if (!stops.length) {
    document.getElementById('stop-rows').replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty-note' }, 'No stops yet.')));
  }
}

function renderOrders() {
  const { orders, orderCount, confirmationCount } = plant.workOrders;
  document.getElementById('order-count').textContent = orderCount
    ? `${orderCount} order(s), ${confirmationCount} confirmation(s)${orderCount > orders.length ? `, first ${orders.length} shown` : ''}` : '';
  const host = document.getElementById('orders');
  if (!orders.length) {
    host.replaceChildren(el('p', { class: 'empty-note', 'data-empty': 'work-orders' },
      `No work orders on takt.${plant.site}.work-order.v1: the ERP connector is not running or has sent none.`));
    return;
  }
  host.replaceChildren(el('div', { class: 'orders' }, orders.map((order) => {
    const ratio = order.progress;
    return el('div', { class: 'order', 'data-order': order.workOrderId },
      el('div', { class: 'order-head' },
        el('strong', {}, order.workOrderId),
        el('span', { class: 'product' }, order.description || order.productId),
        el('span', { class: 'status status-' + order.status }, order.status.replace('_', ' ').toLowerCase())),
      el('div', { class: 'progress' }, el('span', { class: 'fill' + (ratio !== null && ratio >= 1 ? ' done' : ''),
        style: `width:${ratio === null ? 0 : Math.min(100, ratio * 100).toFixed(2)}%` })),
      el('div', { class: 'order-foot' },
        el('span', { 'data-kpi': 'good', 'data-value': order.goodQuantity },
          `${quantity(order.goodQuantity)} / ${quantity(order.plannedQuantity)} ${order.uom}`),
        el('span', { class: 'muted' }, order.equipmentId || ''),
        el('span', { class: 'kpi-value', 'data-kpi': 'progress', 'data-value': ratio === null ? '' : String(ratio) }, percent(ratio))));
  })));
}

function renderAll() {
  renderHeader();
  renderRollups();
  renderLines();
  renderMachines();
  renderPareto();
  renderStops();
  renderOrders();
  renderTraceAvailability();
}

// ---- live feed ------------------------------------------------------------------------------

function mergeTrend(id, points) {
  const byStart = new Map((plant.trends[id] || []).map((p) => [p.start, p]));
  points.forEach((p) => byStart.set(p.start, p));
  const live = plant.oee[id];
  let merged = [...byStart.values()].sort((a, b) => a.start - b.start);
  if (live) merged = merged.filter((p) => p.start >= live.shiftStart);
  plant.trends[id] = merged.slice(Math.max(0, merged.length - plant.trendLimit));
}

function applySnapshot(snapshot) {
  Object.assign(plant, snapshot);
  renderAll();
}

function applyUpdate(update) {
  plant.updatedAt = update.updatedAt;
  Object.assign(plant.oee, update.oee);
  Object.assign(plant.machines, update.machines);
  // A live record with a new shift start drops the old shift's points (the server has already).
  Object.keys(update.oee).forEach((id) => mergeTrend(id, []));
  Object.entries(update.trends).forEach(([id, points]) => mergeTrend(id, points));
  if (update.downtime) plant.downtime = update.downtime;
  if (update.workOrders) plant.workOrders = update.workOrders;
  renderAll();
}

function setConnection(state, text) {
  const indicator = document.getElementById('connection');
  indicator.setAttribute('data-connection', state);
  indicator.querySelector('span').textContent = text;
}

function connect() {
  const events = new EventSource('/api/events');
  events.onopen = () => setConnection('live', 'live');
  events.onerror = () => setConnection(events.readyState === EventSource.CLOSED ? 'offline' : 'connecting',
    events.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting');
  events.addEventListener('snapshot', (event) => applySnapshot(JSON.parse(event.data)));
  events.addEventListener('update', (event) => applyUpdate(JSON.parse(event.data)));
}

// ---- lot trace ------------------------------------------------------------------------------

function traceStatus(kind, text) {
  const status = document.getElementById('trace-status');
  status.setAttribute('data-trace-status', kind);
  status.className = 'notice notice-' + kind;
  status.textContent = text;
}

let traceAvailabilityShown = null;

function renderTraceAvailability() {
  if (traceAvailabilityShown === plant.traceConfigured) return;
  traceAvailabilityShown = plant.traceConfigured;
  document.querySelectorAll('#trace-form input, #trace-form button').forEach((input) => { input.disabled = !plant.traceConfigured; });
  if (!plant.traceConfigured) {
    traceStatus('not-configured', 'Lot trace is not configured: start the dashboard with dashboard.genealogy.url set to the genealogy service.');
  } else {
    traceStatus('idle', 'Enter a lot id: backward shows what went into it, forward where it went.');
    traceFromLink();
  }
}

/** A trace can be shared as a link: #trace=<lot>&direction=forward opens the page with it drawn. */
function traceFromLink() {
  const link = new URLSearchParams(location.hash.slice(1));
  const lot = link.get('trace');
  if (!lot) return;
  const direction = link.get('direction') === 'forward' ? 'forward' : 'backward';
  document.getElementById('trace-lot').value = lot;
  document.querySelector(`input[name="direction"][value="${direction}"]`).checked = true;
  document.getElementById('trace-form').requestSubmit();
}

async function runTrace(event) {
  event.preventDefault();
  const lot = document.getElementById('trace-lot').value.trim();
  const direction = document.querySelector('input[name="direction"]:checked').value;
  if (!lot) return;
  history.replaceState(null, '', `#trace=${encodeURIComponent(lot)}&direction=${direction}`);
  traceStatus('loading', `Tracing ${lot} ${direction}…`);
  try {
    const response = await fetch(`/api/trace/${encodeURIComponent(lot)}?direction=${direction}`);
    const body = await response.json();
    if (!response.ok) {
      document.getElementById('trace-graph').replaceChildren();
      traceStatus('error', body.error || `The trace failed (${response.status})`);
      return;
    }
    drawTrace(body);
    traceStatus('done', `${body.nodes.length} lot(s), ${body.edges.length} link(s) ${direction} from ${body.root}`
      + (body.truncated ? ` (cut at depth ${body.depthLimit})` : ''));
  } catch (error) {
    traceStatus('error', 'The trace failed: ' + error.message);
  }
}

/** The trace as layers by depth, the traced lot on the left. */
function drawTrace(trace) {
  const layers = new Map();
  trace.nodes.forEach((node) => {
    if (!layers.has(node.depth)) layers.set(node.depth, []);
    layers.get(node.depth).push(node);
  });
  const depths = [...layers.keys()].sort((a, b) => a - b);
  const boxW = 168, boxH = 46, gapX = 110, gapY = 18, pad = 12;
  const tallest = Math.max(...depths.map((d) => layers.get(d).length));
  const width = pad * 2 + depths.length * boxW + (depths.length - 1) * gapX;
  const height = pad * 2 + tallest * boxH + (tallest - 1) * gapY;
  const place = new Map();
  depths.forEach((depth, column) => {
    const column_nodes = layers.get(depth);
    const offset = (height - (column_nodes.length * boxH + (column_nodes.length - 1) * gapY)) / 2;
    column_nodes.forEach((node, row) => place.set(node.lotId, {
      x: pad + column * (boxW + gapX), y: offset + row * (boxH + gapY), node }));
  });
  const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'trace-svg',
    'data-root': trace.root, 'data-direction': trace.direction },
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
      orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }))));
  trace.edges.forEach((edge) => {
    const from = place.get(edge.parent), to = place.get(edge.child);
    if (!from || !to) return;
    // Material flows parent -> child; draw it from the box nearer the root to the farther one.
    const [a, b] = from.x <= to.x ? [from, to] : [to, from];
    const x1 = a.x + boxW, y1 = a.y + boxH / 2, x2 = b.x, y2 = b.y + boxH / 2;
    const forward = a === from;
    picture.append(svg('path', { d: `M ${x1} ${y1} C ${x1 + gapX / 2} ${y1}, ${x2 - gapX / 2} ${y2}, ${x2} ${y2}`,
      class: 'edge', 'data-edge': `${edge.parent}>${edge.child}`,
      'marker-end': forward ? 'url(#arrow)' : null, 'marker-start': forward ? null : 'url(#arrow)' }));
    if (edge.quantity) {
      picture.append(svg('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 6, class: 'edge-label' },
        `${quantity(edge.quantity.value)} ${edge.quantity.uom}`));
    }
  });
  place.forEach(({ x, y, node }) => {
    picture.append(svg('g', { class: 'lot quality-' + (node.quality || 'UNKNOWN') + (node.depth === 0 ? ' root' : ''),
      'data-lot': node.lotId, 'data-depth': node.depth, transform: `translate(${x},${y})` },
      svg('rect', { width: boxW, height: boxH, rx: 8 }),
      svg('text', { x: 10, y: 19, class: 'lot-id' }, node.lotId),
      svg('text', { x: 10, y: 36, class: 'lot-info' }, [node.material, node.producedQuantity
        ? `${quantity(node.producedQuantity.value)} ${node.producedQuantity.uom}` : null,
        node.quality === 'UNKNOWN' ? null : node.quality]
        .filter(Boolean).join(' · '))));
  });
  document.getElementById('trace-graph').replaceChildren(picture);
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('trace-form').addEventListener('submit', runTrace);
  // Durations of states and ongoing stops keep counting between updates.
  setInterval(() => {
    renderLines();
    renderStops();
  }, 5000);
  connect();
});
