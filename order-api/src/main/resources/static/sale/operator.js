// The operator view: every product's units left, and this API instance's answers per second, decision latency and
// the processor's lag from GET /api/sale/summary (counts that only grow: rates come from two summaries).
import { call, describe } from './api.js';
import { every, message, money } from './format.js';

const $ = id => document.getElementById(id);
const POLL = 1000;
const HISTORY = 120;

let stops = [];
let previous = null;
let rates = [];

export function startOperator(token) {
  previous = null;
  rates = [];
  stops = [every(POLL, () => summary(token)), every(POLL, products)];
}

export function stopOperator() {
  stops.forEach(stop => stop());
  stops = [];
}

async function summary(token) {
  const answer = await call(token, 'GET', '/api/sale/summary');
  if (answer.status !== 200) {
    message($('operator-error'), answer.status === 403
      ? 'The numbers need a token with scope admin: bin/token ops --admin.' : describe(answer));
    return;
  }
  message($('operator-error'), '');
  const now = answer.body;
  $('total-accepted').textContent = `${now.accepted.toLocaleString()} in all`;
  $('total-rejected').textContent = `${now.rejected.toLocaleString()} in all`;
  $('total-sold-out').textContent = `${now.soldOut.toLocaleString()} in all`;
  $('processor-lag').textContent = now.processorLag == null ? 'unknown' : now.processorLag.toLocaleString();
  if (!previous && now.decisionLatency.count > 0) {
    // Until decisions come in, the mean since this instance started.
    $('latency-mean').textContent = `${Math.round(now.decisionLatency.totalMillis / now.decisionLatency.count)} ms`;
  }
  $('latency-max').textContent = `max ${Math.round(now.decisionLatency.maxMillis)} ms (recent)`;
  if (previous) {
    const seconds = (Date.parse(now.at) - Date.parse(previous.at)) / 1000;
    if (seconds > 0) {
      const rate = {
        accepted: (now.accepted - previous.accepted) / seconds,
        rejected: (now.rejected - previous.rejected) / seconds,
        soldOut: (now.soldOut - previous.soldOut) / seconds,
      };
      $('rate-accepted').textContent = rate.accepted.toFixed(1);
      $('rate-rejected').textContent = rate.rejected.toFixed(1);
      $('rate-sold-out').textContent = rate.soldOut.toFixed(1);
      const decided = now.decisionLatency.count - previous.decisionLatency.count;
      if (decided > 0) {
        const mean = (now.decisionLatency.totalMillis - previous.decisionLatency.totalMillis) / decided;
        $('latency-mean').textContent = `${Math.round(mean)} ms`;
      }
      rates = [...rates, rate].slice(-HISTORY);
      draw();
    }
  }
  previous = now;
}

async function products() {
  const answer = await call(null, 'GET', '/api/products?size=100');
  if (answer.status !== 200) return;
  const rows = answer.body.items.map(product => {
    const row = document.createElement('tr');
    row.dataset.productId = product.id;
    row.innerHTML = '<td class="name"></td><td class="num price"></td><td class="num available"></td>'
      + '<td class="state"></td>';
    row.querySelector('.name').textContent = product.name;
    row.querySelector('.price').textContent = money(product.price);
    row.querySelector('.available').textContent = product.available.toLocaleString();
    const state = row.querySelector('.state');
    state.textContent = product.available === 0 ? 'sold out' : 'on sale';
    state.className = `state ${product.available === 0 ? 'out' : 'on'}`;
    return row;
  });
  document.querySelector('#products tbody').replaceChildren(...rows);
}

function draw() {
  const canvas = $('rates-chart');
  const width = canvas.width = canvas.clientWidth * devicePixelRatio;
  const height = canvas.height = 120 * devicePixelRatio;
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, width, height);
  const top = Math.max(1, ...rates.map(r => Math.max(r.accepted, r.rejected, r.soldOut)));
  const style = getComputedStyle(document.body);
  context.strokeStyle = style.getPropertyValue('--line');
  context.lineWidth = devicePixelRatio;
  for (const fraction of [0, 0.5, 1]) {
    const y = height - 4 - (height - 8) * fraction;
    context.beginPath();
    context.moveTo(0, y);
    context.lineTo(width, y);
    context.stroke();
  }
  context.fillStyle = style.getPropertyValue('--muted');
  context.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
  context.fillText(`${top.toFixed(top < 10 ? 1 : 0)}/s`, 4, 14 * devicePixelRatio);
  const series = [['accepted', '--good'], ['rejected', '--bad'], ['soldOut', '--warn']];
  for (const [key, color] of series) {
    context.strokeStyle = style.getPropertyValue(color);
    context.lineWidth = 2 * devicePixelRatio;
    context.beginPath();
    rates.forEach((rate, i) => {
      const x = width - (rates.length - 1 - i) * (width / (HISTORY - 1));
      const y = height - 4 - (height - 8) * rate[key] / top;
      if (i === 0) context.moveTo(x, y); else context.lineTo(x, y);
    });
    context.stroke();
  }
}
