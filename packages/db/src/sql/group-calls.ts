/**
 * Group commit for any statement: the calls that arrive while one batch is on its way to the database
 * go together in the next batch, so under load many requests share one round trip, and a lone call goes
 * at once (no timer, no added latency). `run` gets the inputs of one batch and returns one output per
 * input, in order; when it throws, every call of that batch fails with its error. Each caller waits for
 * its own batch, so nothing is kept once its request is gone.
 */
export function groupCalls<I, O>(
  run: (inputs: readonly I[]) => Promise<readonly O[]>,
  maxBatch = 500,
): (input: I) => Promise<O> {
  interface Pending {
    input: I;
    done: (output: O) => void;
    failed: (error: unknown) => void;
  }
  let queue: Pending[] = [];
  let running = false;

  async function next(): Promise<void> {
    running = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    try {
      const outputs = await run(batch.map((pending) => pending.input));
      if (outputs.length !== batch.length)
        throw new Error(`a batch of ${batch.length} got ${outputs.length} results`);
      batch.forEach((pending, n) => {
        pending.done(outputs[n] as O);
      });
    } catch (error) {
      for (const pending of batch) pending.failed(error);
    } finally {
      running = false;
      if (queue.length > 0) void next();
    }
  }

  return (input) =>
    new Promise<O>((done, failed) => {
      queue.push({ input, done, failed });
      if (!running) void next();
    });
}
