import type { Socket } from 'node:net';
import { FhirHttpError } from './errors.ts';
import { FHIR_JSON } from './reply.ts';

// Requests Node's HTTP parser refuses before any route runs (headers too large, malformed request lines,
// slow requests): answered on the raw socket, still as an OperationOutcome, then the connection is closed.

const REFUSED: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'the request took too long to arrive'],
};

export function answerConnectionError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = REFUSED[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'the request is malformed',
  ];
  const body = JSON.stringify(
    new FhirHttpError(status, status === 408 ? 'timeout' : 'invalid', message).outcome,
  );
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${FHIR_JSON}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
