import { describe, expect, it } from 'vitest';
import { groupCalls } from './group-calls.ts';

describe('groupCalls', () => {
  it('sends a lone call at once and groups the calls that arrive while a batch is on its way', async () => {
    const batches: number[][] = [];
    const double = groupCalls(async (inputs: readonly number[]) => {
      batches.push([...inputs]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return inputs.map((n) => n * 2);
    });
    expect(await double(1)).toBe(2);
    expect(await Promise.all([3, 4, 5, 6].map(double))).toEqual([6, 8, 10, 12]);
    expect(batches).toEqual([[1], [3], [4, 5, 6]]);
  });

  it('caps a batch and sends the rest in the next one', async () => {
    const sizes: number[] = [];
    const echo = groupCalls(async (inputs: readonly string[]) => {
      sizes.push(inputs.length);
      await new Promise((resolve) => setImmediate(resolve));
      return inputs;
    }, 2);
    expect(await Promise.all(['a', 'b', 'c', 'd', 'e'].map(echo))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sizes).toEqual([1, 2, 2]);
  });

  it('fails every call of a failed batch, then goes on', async () => {
    let fail = true;
    const call = groupCalls(async (inputs: readonly number[]) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) {
        fail = false;
        throw new Error('database gone');
      }
      return inputs;
    });
    const first = call(1);
    const [second, third] = [call(2), call(3)];
    await expect(first).rejects.toThrow('database gone');
    expect(await Promise.all([second, third])).toEqual([2, 3]);
  });

  it('refuses a batch answered with the wrong number of results', async () => {
    const broken = groupCalls(async () => [] as number[]);
    await expect(broken(1)).rejects.toThrow('a batch of 1 got 0 results');
  });
});
