// The buyer view: one product with its units left, a buy button, and the order followed over its status stream.
import { call, describe, followOrder, randomId } from './api.js';
import { every, message, money, show, time } from './format.js';

const $ = id => document.getElementById(id);
const POLL = 1000;
const OPEN = new Set(['PENDING', 'ACCEPTED']);
const ORDER_KEY = 'flashsale.order';

let token = null;
let product = null;
let order = null;
let stream = null;
let stopPolling = null;
let countdown = null;

export async function startBuyer(signedInToken) {
  token = signedInToken;
  const select = $('product');
  const answer = await call(null, 'GET', '/api/products?size=100');
  const products = answer.status === 200 ? answer.body.items : [];
  select.replaceChildren(...products.map(p => new Option(p.name, p.id)));
  const wanted = new URLSearchParams(location.search).get('product');
  const first = products.find(p => p.id === wanted) || products.find(p => p.available > 0) || products[0];
  if (!first) {
    $('product-name').textContent = 'No products yet';
    message($('buy-error'), 'An operator creates one with POST /api/products.');
    return;
  }
  select.value = first.id;
  select.onchange = () => watchProduct(select.value);
  $('buy').onclick = buy;
  $('pay').onclick = pay;
  $('cancel').onclick = cancel;
  watchProduct(first.id);
  // A reload keeps following the order this tab placed; the stream starts again from its status now.
  const placed = sessionStorage.getItem(ORDER_KEY);
  if (placed) startOrder(placed);
}

export function stopBuyer() {
  stopPolling?.();
  stream?.close();
  clearInterval(countdown);
}

function watchProduct(id) {
  stopPolling?.();
  product = null;
  stopPolling = every(POLL, async () => {
    const answer = await call(null, 'GET', `/api/products/${encodeURIComponent(id)}`);
    if (answer.status === 200) renderProduct(answer.body);
  });
}

function renderProduct(next) {
  const initial = product?.id === next.id ? Math.max(product.initial, next.available) : next.available;
  product = { ...next, initial };
  $('product-name').textContent = next.name;
  $('product-price').textContent = money(next.price);
  $('units-left').textContent = next.available.toLocaleString();
  $('units-left').classList.toggle('out', next.available === 0);
  $('units-meter').style.width = `${initial ? 100 * next.available / initial : 0}%`;
  message($('product-limit'), next.maxPerCustomer ? `At most ${next.maxPerCustomer} per buyer` : '');
  const busy = order && OPEN.has(order.status);
  $('buy').disabled = busy || next.available === 0;
  $('buy').textContent = next.available === 0 ? 'Sold out' : 'Buy now';
}

async function buy() {
  $('buy').disabled = true;
  message($('buy-error'), '');
  const answer = await call(token, 'POST', '/api/orders', { items: [{ productId: product.id, quantity: 1 }] },
    { 'Idempotency-Key': randomId() });
  if (answer.status === 202 || answer.status === 201) {
    startOrder(answer.body.orderId);
  } else if (answer.status === 409 && answer.body?.code === 'SOLD_OUT') {
    showOrder(null, { status: 'SOLD_OUT', at: new Date().toISOString() });
  } else {
    message($('buy-error'), describe(answer));
    $('buy').disabled = false;
  }
}

function startOrder(orderId) {
  stream?.close();
  sessionStorage.setItem(ORDER_KEY, orderId);
  order = { orderId, status: null, history: [] };
  showOrder(orderId, null);
  stream = followOrder(token, orderId, status => showOrder(orderId, status), showPlace,
    problem => message($('order-error'), problem));
}

function showOrder(orderId, event) {
  show($('order'), true);
  $('order-id').textContent = orderId || '';
  message($('order-error'), '');
  if (!orderId) {
    order = { orderId: null, status: event.status, history: [event] };
  }
  if (orderId && event) {
    order.status = event.status;
    order.history.push(event);
  }
  const status = order.status || 'PLACING';
  const element = $('order-status');
  element.textContent = status === 'SOLD_OUT' ? 'SOLD OUT' : status;
  element.className = `status ${status.toLowerCase()}`;
  element.dataset.status = status;
  $('order-detail').textContent = detail(event);
  showPlace(event);
  show($('order-actions'), status === 'ACCEPTED');
  $('order-history').replaceChildren(...order.history.map(step => {
    const item = document.createElement('li');
    item.textContent = `${time(step.at)} ${step.status === 'SOLD_OUT' ? 'sold out' : step.status}`;
    return item;
  }));
  clearInterval(countdown);
  if (status === 'ACCEPTED' && event?.paymentDeadline) {
    const deadline = new Date(event.paymentDeadline);
    const tick = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      $('order-detail').textContent = `Reserved for you: pay within ${Math.floor(left / 60)}:`
        + `${String(left % 60).padStart(2, '0')}`;
    };
    tick();
    countdown = setInterval(tick, 1000);
  }
  if (product) renderProduct(product);
}

/** The place in line of a PENDING order, from its status event or a position event: the line furthest back. */
function showPlace(event) {
  const places = order?.status === 'PENDING' && Array.isArray(event?.placeInLine) ? event.placeInLine : [];
  const place = places.reduce((last, next) => (last && last.position >= next.position ? last : next), null);
  const wait = place?.estimatedWaitSeconds != null ? `, about ${Math.ceil(place.estimatedWaitSeconds)} s to go` : '';
  message($('order-position'), place && place.position > 0
    ? `Place in line: ${place.position.toLocaleString()}${wait}` : '');
}

function detail(event) {
  switch (event?.status) {
    case undefined: return 'Sending your order…';
    case 'PENDING': return 'In line: the sale is deciding your order.';
    case 'REJECTED': return `Not this time: ${(event.reason || 'rejected').replace(/_/g, ' ').toLowerCase()}.`;
    case 'SOLD_OUT': return 'Sold out before your order was placed.';
    case 'PAID': return `Paid ${money(event.amount)} (${event.paymentReference}).`;
    case 'CANCELLED': return 'Cancelled: the unit is back on sale.';
    case 'EXPIRED': return 'Not paid in time: the unit is back on sale.';
    default: return '';
  }
}

async function pay() {
  const view = await call(token, 'GET', `/api/orders/${order.orderId}`);
  if (view.status !== 200) {
    message($('order-error'), describe(view));
    return;
  }
  await command('payment', { amount: view.body.total, paymentReference: `page-${randomId().slice(0, 8)}` });
}

async function cancel() {
  await command('cancel', undefined);
}

async function command(name, body) {
  $('pay').disabled = $('cancel').disabled = true;
  const answer = await call(token, 'POST', `/api/orders/${order.orderId}/${name}`, body);
  $('pay').disabled = $('cancel').disabled = false;
  // The new status arrives over the stream; only a refusal needs showing here.
  if (answer.status >= 400) message($('order-error'), describe(answer));
}
