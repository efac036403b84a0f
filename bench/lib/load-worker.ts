// Runs autocannon in its own process (so the load generator does not share a thread with the server)
// and prints one JSON line with the result.
import autocannon from 'autocannon';

type SetupRequest = (request: autocannon.Request, context: object) => autocannon.Request;

interface LoadSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
  /** A module exporting `createRequestFactory(options)`, resolving to autocannon's `setupRequest` */
  requestModule?: string;
  requestOptions?: Record<string, unknown>;
}

type RequestFactoryModule = {
  createRequestFactory(options: Record<string, unknown>): Promise<SetupRequest>;
};

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
// Request factories prepare their inputs (e.g. signed assertions) before the clock starts.
const setup = spec.requestModule
  ? await ((await import(spec.requestModule)) as RequestFactoryModule).createRequestFactory(
      spec.requestOptions ?? {},
    )
  : undefined;

// BENCH_RATE=n: n requests a second in all, not as many as the server answers: a server's CPU a request
// can then be compared below saturation, where run-to-run noise in req/s does not enter it.
const rate = Number(process.env.BENCH_RATE ?? 0);

const result = await autocannon({
  url: spec.url,
  method: (spec.method ?? 'GET') as autocannon.Request['method'],
  headers: spec.headers,
  body: spec.body,
  connections: spec.connections,
  duration: spec.durationSeconds,
  requests: setup ? [{ setupRequest: setup }] : undefined,
  ...(rate > 0 ? { overallRate: rate } : {}),
});

process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  })}\n`,
);
