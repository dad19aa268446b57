export const money = minor => (minor / 100).toLocaleString(undefined,
  { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const time = instant => new Date(instant).toLocaleTimeString(undefined, { hour12: false });

export function show(element, visible) {
  element.hidden = !visible;
}

export function message(element, text) {
  element.textContent = text || '';
  element.hidden = !text;
}

/** Calls task now and then every interval, one call at a time; returns a function that stops it. */
export function every(interval, task) {
  let stopped = false;
  let timer = null;
  const run = async () => {
    try {
      await task();
    } catch (error) {
      console.warn(error);
    }
    if (!stopped) timer = setTimeout(run, interval);
  };
  run();
  return () => { stopped = true; clearTimeout(timer); };
}
