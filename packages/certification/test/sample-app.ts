// A small SMART app served on loopback, as a developer's would be: /launch starts an EHR launch (PKCE,
// state, aud), /callback checks the state, redeems the code and reads the patient; /privacy and /terms
// answer. Variants break one rule each: `ignores-state` redeems whatever state comes back, `plain-pkce`
// sends its verifier as a plain challenge, `overreach` asks for a scope it did not register.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SampleVariant = 'well-behaved' | 'ignores-state' | 'plain-pkce' | 'overreach';

export interface SampleApp {
  origin: string;
  /** Set once the app is registered */
  configure(settings: { clientId: string; scope: string; variant: SampleVariant }): void;
  close(): Promise<void>;
}

const LAUNCH = `
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));
(async () => {
  const params = new URLSearchParams(location.search);
  const iss = params.get('iss');
  const config = await (await fetch(iss + '/.well-known/smart-configuration')).json();
  const state = random(32);
  const verifier = random(32);
  const plain = APP.variant === 'plain-pkce';
  const challenge = plain ? verifier : b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem('smart', JSON.stringify({ iss, state, verifier, token: config.token_endpoint }));
  const scope = APP.variant === 'overreach' ? APP.scope + ' patient/Claim.rs' : APP.scope;
  const auth = new URL(config.authorization_endpoint);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: APP.clientId, redirect_uri: location.origin + '/callback',
    scope, state, aud: iss, launch: params.get('launch'), code_challenge: challenge, code_challenge_method: plain ? 'plain' : 'S256' })) auth.searchParams.set(k, v);
  location.assign(auth.href);
})();`;

const CALLBACK = `
(async () => {
  const out = document.getElementById('out');
  const params = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem('smart') || '{}');
  if (params.get('error')) { out.textContent = 'refused: ' + params.get('error'); return; }
  if (APP.variant !== 'ignores-state' && params.get('state') !== saved.state) { out.textContent = 'state mismatch'; return; }
  const response = await fetch(saved.token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: location.origin + '/callback',
      client_id: APP.clientId, code_verifier: saved.verifier }) });
  const token = await response.json();
  if (!token.access_token) { out.textContent = 'no token: ' + token.error; return; }
  const patient = await fetch(saved.iss + '/Patient/' + token.patient, { headers: { authorization: 'Bearer ' + token.access_token, accept: 'application/fhir+json' } });
  const body = await patient.json();
  out.textContent = 'done ' + patient.status + ' ' + body.resourceType;
})();`;

const page = (script: string, app: unknown) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Sample SMART app</title></head><body><p id="out">working</p><script>const APP = ${JSON.stringify(app)};${script}</script></body></html>`;

export async function startSampleApp(): Promise<SampleApp> {
  let settings = { clientId: '', scope: '', variant: 'well-behaved' as SampleVariant };
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const html = (body: string) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body);
    };
    if (path === '/launch') return html(page(LAUNCH, settings));
    if (path === '/callback') return html(page(CALLBACK, settings));
    if (path === '/privacy' || path === '/terms') return html(`<p>${path.slice(1)}</p>`);
    response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    configure(next) {
      settings = next;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
