/** B4 reference worker: parse and pretty-print off the main thread. */
self.onmessage = (e: MessageEvent<string>) => {
  const pretty = JSON.stringify(JSON.parse(e.data), null, 2);
  (self as unknown as Worker).postMessage(pretty);
};
