// A recording proxy for PostgreSQL on loopback: bytes pass through untouched while it notes, per connection,
// every statement the client runs (text, bound parameters, protocol), when it was sent and answered, and the
// transaction status after it — enough to replay the same statements in the same transactions.
import { connect, createServer, type Socket } from 'node:net';
import {
  isEncryptionRequest,
  MessageSplitter,
  type Param,
  readBind,
  readErrorMessage,
  readParse,
  readQuery,
  readReadyStatus,
} from './wire.ts';

export interface RecordedStatement {
  /** Which client connection ran it (numbered as they connect) */
  connection: number;
  text: string;
  params: Param[];
  /** Sent as a simple Query (no parameters: BEGIN, COMMIT, …) rather than Parse/Bind/Execute */
  simple: boolean;
  /** performance.now() when sent and when its ReadyForQuery came back */
  start: number;
  end: number;
  /** Transaction status once answered: I idle, T in a transaction, E failed transaction */
  status: 'I' | 'T' | 'E';
  error?: string;
}

export interface Recorder {
  /** The database URL pointing at the proxy */
  url: string;
  /** The statements answered since the last take, in the order they were sent */
  take(): RecordedStatement[];
  /** performance.now() of the last message either way */
  lastActivity(): number;
  stop(): Promise<void>;
}

type Open = Omit<RecordedStatement, 'end' | 'status'>;

function follow(id: number, client: Socket, server: Socket, done: (statement: RecordedStatement) => void) {
  const fromClient = new MessageSplitter('frontend');
  const fromServer = new MessageSplitter('backend');
  const prepared = new Map<string, string>();
  let pending: Open[] = [];
  // Statements waiting for their ReadyForQuery, one group per Sync or simple Query.
  const awaiting: Open[][] = [];
  let failed: string | undefined;
  const activity = { at: performance.now() };

  client.on('data', (chunk: Buffer) => {
    server.write(chunk);
    activity.at = performance.now();
    for (const message of fromClient.push(chunk)) {
      if (isEncryptionRequest(message)) fromServer.expectSingleByte();
      else if (message.type === 'P') {
        const parse = readParse(message.body);
        prepared.set(parse.name, parse.text);
      } else if (message.type === 'B') {
        const bind = readBind(message.body);
        const text = prepared.get(bind.statement) ?? '';
        pending.push({ connection: id, text, params: bind.params, simple: false, start: activity.at });
      } else if (message.type === 'S') {
        awaiting.push(pending);
        pending = [];
      } else if (message.type === 'Q') {
        const text = readQuery(message.body);
        awaiting.push([{ connection: id, text, params: [], simple: true, start: activity.at }]);
      }
    }
  });
  server.on('data', (chunk: Buffer) => {
    client.write(chunk);
    activity.at = performance.now();
    for (const message of fromServer.push(chunk)) {
      if (message.type === 'E') failed = readErrorMessage(message.body);
      else if (message.type === 'Z') {
        const status = readReadyStatus(message.body);
        for (const statement of awaiting.shift() ?? [])
          done({ ...statement, end: activity.at, status, ...(failed ? { error: failed } : {}) });
        failed = undefined;
      }
    }
  });
  return activity;
}

export function startRecorder(databaseUrl: string): Promise<Recorder> {
  const target = new URL(databaseUrl);
  const answered: RecordedStatement[] = [];
  const sockets = new Set<Socket>();
  const activities: { at: number }[] = [];
  let next = 0;
  const proxy = createServer((client) => {
    const server = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(server);
    client.setNoDelay(true);
    server.setNoDelay(true);
    activities.push(follow(next++, client, server, (statement) => answered.push(statement)));
    const close = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('close', close).on('error', close);
    server.on('close', close).on('error', close);
  });
  return new Promise((done) => {
    proxy.listen(0, '127.0.0.1', () => {
      const address = proxy.address();
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(typeof address === 'object' && address ? address.port : 0);
      done({
        url: url.toString(),
        take: () => answered.splice(0).sort((a, b) => a.start - b.start),
        lastActivity: () => Math.max(0, ...activities.map((activity) => activity.at)),
        stop: () =>
          new Promise<void>((closed) => {
            for (const socket of sockets) socket.destroy();
            proxy.close(() => closed());
          }),
      });
    });
  });
}
