// A bot on the npm `ws` client: logs in with its first message, says a line, and reports every
// message it gets as one JSON line on stdout, until a line with the text given last arrives.
// Usage: node ws-bot.mjs <ws url> <name> <line to say> <line to wait for>
import WebSocket from 'ws';

const [url, name, say, waitFor] = process.argv.slice(2);
const report = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const socket = new WebSocket(url);

socket.on('open', () => {
  report({ event: 'open' });
  socket.send(JSON.stringify({ type: 'login', version: 1, name }));
});

socket.on('message', (data, isBinary) => {
  if (isBinary) {
    report({ event: 'binary' });
    return;
  }

  const message = JSON.parse(data.toString('utf8'));
  report({ event: 'message', message });
  if (message.type === 'welcome') {
    socket.send(JSON.stringify({ type: 'say', text: say, id: 1 }));
  } else if (message.type === 'line' && message.text === waitFor) {
    socket.send(JSON.stringify({ type: 'leave' }));
  }
});

socket.on('close', (code, reason) => {
  report({ event: 'close', code, reason: reason.toString('utf8') });
  process.exit(0);
});

socket.on('error', (error) => {
  report({ event: 'error', message: error.message });
  process.exit(1);
});
