import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isEncryptionRequest,
  MessageSplitter,
  readBind,
  readParse,
  readQuery,
  readReadyStatus,
} from './wire.ts';

const cstring = (text: string) => Buffer.concat([Buffer.from(text), Buffer.from([0])]);
const int16 = (value: number) => {
  const out = Buffer.alloc(2);
  out.writeInt16BE(value);
  return out;
};
const int32 = (value: number) => {
  const out = Buffer.alloc(4);
  out.writeInt32BE(value);
  return out;
};
const typed = (type: string, body: Buffer) =>
  Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);

test('splits the startup message, then typed messages cut anywhere across chunks', () => {
  const splitter = new MessageSplitter('frontend');
  const startup = Buffer.concat([int32(16), int32(196608), cstring('user'), cstring('me')]);
  const parse = typed('P', Buffer.concat([cstring(''), cstring('SELECT $1'), int16(0)]));
  const sync = typed('S', Buffer.alloc(0));
  const bytes = Buffer.concat([startup, parse, sync]);
  const messages = [...splitter.push(bytes.subarray(0, 11)), ...splitter.push(bytes.subarray(11))];
  assert.deepEqual(
    messages.map((message) => message.type),
    ['', 'P', 'S'],
  );
  assert.deepEqual(readParse(messages[1]?.body ?? Buffer.alloc(0)), { name: '', text: 'SELECT $1' });
});

test('an SSL request is untyped and answered with one byte before the typed messages', () => {
  const frontend = new MessageSplitter('frontend');
  const [request] = frontend.push(Buffer.concat([int32(8), int32(80877103)]));
  assert.ok(request && isEncryptionRequest(request));
  const backend = new MessageSplitter('backend');
  backend.expectSingleByte();
  const messages = backend.push(Buffer.concat([Buffer.from('N'), typed('Z', Buffer.from('I'))]));
  assert.deepEqual(
    messages.map((message) => message.type),
    ['', 'Z'],
  );
  assert.equal(readReadyStatus(messages[1]?.body ?? Buffer.alloc(0)), 'I');
});

test('reads bound parameters: text, binary (base64) and null', () => {
  const body = Buffer.concat([
    cstring(''),
    cstring('s1'),
    int16(3),
    int16(0),
    int16(1),
    int16(0),
    int16(3),
    int32(2),
    Buffer.from('hi'),
    int32(2),
    Buffer.from([1, 2]),
    int32(-1),
    int16(0),
  ]);
  assert.deepEqual(readBind(body), {
    portal: '',
    statement: 's1',
    params: [{ value: 'hi' }, { value: 'AQI=', binary: true }, { value: null }],
  });
  assert.equal(readQuery(cstring('BEGIN')), 'BEGIN');
});
