// Reads a PushChat event stream with the npm `eventsource` client, sending the session's cookie
// through its custom fetch, and reports as JSON lines on stdout: each opening of the stream, each
// error (a dropped connection, after which the client reconnects with Last-Event-ID) and each
// `line` event. Ends after a line with the text given last.
// Usage: node eventsource-reader.mjs <events url> <cookie header> <line to end after>
import { EventSource } from 'eventsource';

const [url, cookie, endAfter] = process.argv.slice(2);
const report = (event) => process.stdout.write(JSON.stringify(event) + '\n');

// The client's reconnection timer does not keep node running (it is unref'd): this does, until the end.
setInterval(() => {}, 60_000);

const source = new EventSource(url, {
  fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, Cookie: cookie } }),
});

source.addEventListener('open', () => report({ event: 'open' }));
source.addEventListener('error', (error) => report({ event: 'error', message: error.message ?? null, code: error.code ?? null }));
source.addEventListener('line', (event) => {
  const item = JSON.parse(event.data);
  report({ event: 'line', id: event.lastEventId, item });
  if (item.text === endAfter) {
    source.close();
    process.exit(0);
  }
});
