// Just enough of PostgreSQL's wire protocol (v3) to follow what a client asks and when each answer ends:
// split both byte streams into messages and read the frontend's Parse, Bind and Query.

export interface Message {
  /** The type byte as a character; '' for the untyped startup-phase messages */
  type: string;
  body: Buffer;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Splits a byte stream into messages, keeping the remainder of a message cut across chunks. */
export class MessageSplitter {
  #pending: Buffer = Buffer.alloc(0);
  /** The frontend's first messages carry no type byte (startup, SSL or GSS encryption request). */
  #untyped: boolean;
  /** Single-byte answers (S/N) the backend gives to an SSL or GSS request, owed before typed messages */
  #singleBytes = 0;

  constructor(side: 'frontend' | 'backend') {
    this.#untyped = side === 'frontend';
  }

  /** The backend owes one untyped byte (its answer to an SSL or GSS encryption request). */
  expectSingleByte(): void {
    this.#singleBytes += 1;
  }

  push(chunk: Buffer): Message[] {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const out: Message[] = [];
    let at = 0;
    for (;;) {
      if (this.#singleBytes > 0) {
        if (at >= this.#pending.length) break;
        out.push({ type: '', body: this.#pending.subarray(at, at + 1) });
        at += 1;
        this.#singleBytes -= 1;
        continue;
      }
      const header = this.#untyped ? 4 : 5;
      if (this.#pending.length - at < header) break;
      const length = this.#pending.readInt32BE(at + header - 4);
      const total = header - 4 + length;
      if (this.#pending.length - at < total) break;
      const body = this.#pending.subarray(at + header, at + total);
      if (this.#untyped) {
        const code = body.length >= 4 ? body.readInt32BE(0) : 0;
        // After an SSL/GSS request the client sends another untyped message: the startup itself.
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) this.#untyped = false;
        out.push({ type: '', body });
      } else {
        out.push({ type: String.fromCharCode(this.#pending[at] ?? 0), body });
      }
      at += total;
    }
    this.#pending = this.#pending.subarray(at);
    return out;
  }
}

/** Whether an untyped frontend message is an SSL or GSS encryption request (answered with one byte). */
export function isEncryptionRequest(message: Message): boolean {
  if (message.type !== '' || message.body.length !== 4) return false;
  const code = message.body.readInt32BE(0);
  return code === SSL_REQUEST || code === GSSENC_REQUEST;
}

class Reader {
  at = 0;
  readonly body: Buffer;
  constructor(body: Buffer) {
    this.body = body;
  }
  cstring(): string {
    const end = this.body.indexOf(0, this.at);
    const text = this.body.toString('utf8', this.at, end);
    this.at = end + 1;
    return text;
  }
  int16(): number {
    const value = this.body.readInt16BE(this.at);
    this.at += 2;
    return value;
  }
  int32(): number {
    const value = this.body.readInt32BE(this.at);
    this.at += 4;
    return value;
  }
  bytes(length: number): Buffer {
    const value = this.body.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }
}

export interface Parse {
  name: string;
  text: string;
}

export function readParse(body: Buffer): Parse {
  const reader = new Reader(body);
  return { name: reader.cstring(), text: reader.cstring() };
}

/** A bound parameter: text (format 0) as a string, binary (format 1) as base64, or null. */
export interface Param {
  value: string | null;
  binary?: true;
}

export interface Bind {
  portal: string;
  statement: string;
  params: Param[];
}

export function readBind(body: Buffer): Bind {
  const reader = new Reader(body);
  const portal = reader.cstring();
  const statement = reader.cstring();
  const formats = Array.from({ length: reader.int16() }, () => reader.int16());
  const count = reader.int16();
  const params: Param[] = [];
  for (let i = 0; i < count; i++) {
    const length = reader.int32();
    // One format code applies to every parameter; none means all text.
    const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
    if (length < 0) params.push({ value: null });
    else if (binary) params.push({ value: reader.bytes(length).toString('base64'), binary: true });
    else params.push({ value: reader.bytes(length).toString('utf8') });
  }
  return { portal, statement, params };
}

export function readQuery(body: Buffer): string {
  return new Reader(body).cstring();
}

/** ReadyForQuery's transaction status: I idle, T in a transaction, E in a failed transaction. */
export function readReadyStatus(body: Buffer): 'I' | 'T' | 'E' {
  return String.fromCharCode(body[0] ?? 73) as 'I' | 'T' | 'E';
}

/** The message of an ErrorResponse (its M field). */
export function readErrorMessage(body: Buffer): string {
  const reader = new Reader(body);
  while (reader.at < body.length && body[reader.at] !== 0) {
    const field = String.fromCharCode(body[reader.at] ?? 0);
    reader.at += 1;
    const value = reader.cstring();
    if (field === 'M') return value;
  }
  return 'unknown error';
}
