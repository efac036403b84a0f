import type { Socket } from 'node:net';

// Requests Node's HTTP parser refuses before Koa sees them (headers too large, malformed request lines,
// slow requests): answered on the raw socket with an RFC 6749-shaped error, then the connection is closed.

const REFUSED: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'the request took too long to arrive'],
};

export function answerConnectionError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, description] = REFUSED[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'the request is malformed',
  ];
  const body = JSON.stringify({ error: 'invalid_request', error_description: description });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
