import { createServer, type Server } from 'node:http';
import smart from 'fhirclient';
import { freePort } from './harness.ts';

// A SMART app built on fhirclient (SMART's JavaScript client, Node adapter): /launch starts the EHR or
// standalone launch (fhirclient reads iss and launch from the URL), /callback completes it. Its /fhir base serves only the SMART configuration, copied
// from the auth server, so fhirclient discovers the endpoints the way it would from a FHIR server.

export interface FhirclientApp {
  origin: string;
  fhirBase: string;
  redirectUri: string;
  launchUri: string;
  /** Token responses fhirclient obtained, in order */
  tokenResponses: Record<string, unknown>[];
  setIssuer(issuer: string): void;
  close(): Promise<void>;
}

export async function startFhirclientApp(clientId: string, scope: string): Promise<FhirclientApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const values = new Map<string, unknown>();
  const storage = {
    get: async (key: string) => values.get(key),
    set: async (key: string, value: unknown) => {
      values.set(key, value);
      return value;
    },
    unset: async (key: string) => values.delete(key),
  };
  const tokenResponses: Record<string, unknown>[] = [];
  let issuer = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const fail = (error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fhirclient failed: ${error instanceof Error ? error.message : String(error)}`);
    };
    if (url.pathname === '/fhir/.well-known/smart-configuration') {
      fetch(`${issuer}/.well-known/smart-configuration`)
        .then(async (response) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(await response.text());
        })
        .catch(fail);
      return;
    }
    if (url.pathname === '/launch') {
      smart(req, res, storage)
        .authorize({
          clientId,
          // scope launch belongs to EHR launches only; a standalone launch asks for launch/patient.
          scope: url.searchParams.has('launch') ? `launch ${scope}` : scope,
          redirectUri: `${origin}/callback`,
        })
        .catch(fail);
      return;
    }
    if (url.pathname === '/callback') {
      smart(req, res, storage)
        .ready()
        .then((client) => {
          tokenResponses.push({ ...client.state.tokenResponse });
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            `<!doctype html><html lang="en"><title>ready</title><p id="patient">${client.patient.id ?? ''}</p></html>`,
          );
        })
        .catch(fail);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    origin,
    fhirBase: `${origin}/fhir`,
    redirectUri: `${origin}/callback`,
    launchUri: `${origin}/launch`,
    tokenResponses,
    setIssuer: (value) => {
      issuer = value;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
