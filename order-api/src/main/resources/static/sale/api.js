// Calls to the order API with the signed-in token, and the status stream read with fetch(): a browser's EventSource
// cannot send an Authorization header, and a token in the URL would end up in logs.

/** The answer of a call: its status and its JSON body (a problem document for errors), or null. */
export async function call(token, method, path, body, headers = {}) {
  const request = { method, headers: { Accept: 'application/json', ...headers }, cache: 'no-store' };
  if (token) request.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  const response = await fetch(path, request);
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { detail: text };
  }
  return { status: response.status, body: json, headers: response.headers };
}

/** One line for a problem document, as the API sends them for every error. */
export function describe(answer) {
  const problem = answer.body || {};
  return `${answer.status} ${problem.code || problem.title || ''}${problem.detail ? ': ' + problem.detail : ''}`;
}

export function randomId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // crypto.randomUUID exists only in secure contexts (https or localhost).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Follows an order's status (and place-in-line) events as an EventSource would: reconnects with Last-Event-ID after a dropped connection,
 * after Retry-After on a 503, and stops after an event marked final or a 204. Returns a handle to stop it.
 */
export function followOrder(token, orderId, onStatus, onPosition, onProblem) {
  const abort = new AbortController();
  let lastEventId = null;
  let done = false;
  (async () => {
    while (!done) {
      let pause = 1000;
      try {
        const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch(`/api/orders/${encodeURIComponent(orderId)}/events`,
          { headers, cache: 'no-store', signal: abort.signal });
        if (response.status === 204) return;
        if (response.status === 503) {
          pause = 1000 * (Number(response.headers.get('Retry-After')) || 5);
        } else if (!response.ok) {
          const text = await response.text();
          onProblem(describe({ status: response.status, body: text ? JSON.parse(text) : null }));
          return;
        } else {
          await readEvents(response.body, event => {
            if (event.id !== null) lastEventId = event.id;
            // A place in line while PENDING: no id, so Last-Event-ID stays the status.
            if (event.type === 'position') onPosition(JSON.parse(event.data));
            if (event.type !== 'status') return;
            const status = JSON.parse(event.data);
            if (status.final) done = true;
            onStatus(status);
          });
        }
      } catch (error) {
        if (abort.signal.aborted) return;
      }
      if (!done) await sleep(pause);
    }
  })();
  return { close: () => { done = true; abort.abort(); } };
}

/** The text/event-stream format: fields up to a blank line make an event; lines starting with ':' are comments. */
async function readEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { id: null, type: 'message', data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (event.data.length) dispatch({ id: event.id, type: event.type, data: event.data.join('\n') });
        event = { id: null, type: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'id') event.id = value;
      else if (field === 'event') event.type = value;
      else if (field === 'data') event.data.push(value);
    }
  }
}
