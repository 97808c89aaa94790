// Child process for `npm run bench:events`: holds many GET /api/v1/events streams, so parsing them
// is not on the server's thread nor the writers'. Commands on stdin, one JSON line back each:
//   open <n>   opens n streams; answers once each has its first bytes
//   count      events received per stream (min, max, total), ids out of order, streams ended, and
//              this process's CPU time so far (µs)
//   close      closes every stream
import net from 'node:net';
import { createInterface } from 'node:readline';

const [port, token] = [Number(process.argv[2]), process.argv[3]!];

interface Stream {
  socket: net.Socket;
  events: number;
  lastSeq: number;
  outOfOrder: number;
  ended: boolean;
  started: boolean;
}

let streams: Stream[] = [];
/** Event ids follow a blank line (or start the stream, after the preamble's comment line). */
const ID_LINE = Buffer.from('\nid: ');
const NEWLINE = 0x0a;
const DASH = 0x2d;

/**
 * A stream on a plain TCP socket: the request written by hand, the answer scanned as bytes for id
 * lines only (no HTTP parser, no text), so this process costs the shared cores as little as a
 * client can. Chunked framing never splits an id line: the server writes whole events per chunk.
 */
function open(): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const stream: Stream = { socket, events: 0, lastSeq: -1, outOfOrder: 0, ended: false, started: false };
    let head = true;
    let tail = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      let bytes = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
      if (head) {
        const end = bytes.indexOf('\r\n\r\n');
        if (end === -1) {
          tail = Buffer.from(bytes);
          return;
        }
        if (!bytes.toString('latin1', 0, 12).endsWith(' 200')) {
          reject(new Error(`events answered ${bytes.toString('latin1', 0, 12)}`));
          return;
        }
        head = false;
        bytes = bytes.subarray(end + 2);
      }
      let from = 0;
      let cut = -1;
      for (let at = bytes.indexOf(ID_LINE); at !== -1; at = bytes.indexOf(ID_LINE, from)) {
        const end = bytes.indexOf(NEWLINE, at + 1);
        if (end === -1) {
          cut = at;
          break;
        }
        from = end + 1;
        const seq = Number(bytes.toString('latin1', bytes.lastIndexOf(DASH, end) + 1, end));
        if (!stream.started) {
          // The preamble's id: the stream's starting position, not an event.
          stream.started = true;
          resolve(stream);
        } else {
          stream.events++;
          if (seq !== stream.lastSeq + 1) stream.outOfOrder++;
        }
        stream.lastSeq = seq;
      }
      // An id line cut by the chunk's end, or the first bytes of one, wait for the next chunk.
      const keepFrom = cut !== -1 ? cut : Math.max(from, bytes.length - (ID_LINE.length - 1));
      tail = Buffer.from(bytes.subarray(keepFrom));
    });
    socket.on('close', () => (stream.ended = true));
    socket.on('error', (error) => {
      stream.ended = true;
      reject(error);
    });
    socket.write(
      `GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
    );
  });
}

function reply(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, argument] = line.trim().split(' ');
  if (command === 'open') {
    void Promise.all(Array.from({ length: Number(argument) }, open)).then((opened) => {
      streams = opened;
      reply({ opened: opened.length });
    });
  } else if (command === 'count') {
    const counts = streams.map((stream) => stream.events);
    reply({
      streams: streams.length,
      min: counts.length ? Math.min(...counts) : 0,
      max: counts.length ? Math.max(...counts) : 0,
      total: counts.reduce((sum, n) => sum + n, 0),
      outOfOrder: streams.reduce((sum, stream) => sum + stream.outOfOrder, 0),
      ended: streams.filter((stream) => stream.ended).length,
      cpuMicros: process.cpuUsage().user + process.cpuUsage().system,
    });
  } else if (command === 'close') {
    for (const stream of streams) stream.socket.destroy();
    streams = [];
    reply({ closed: true });
  }
});
