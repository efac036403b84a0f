/** A list of sizes from the environment, "10000,100000,1000000" (underscores allowed), ascending. */
export function parseSizes(text: string): number[] {
  const sizes = text
    .split(',')
    .map((part) => part.trim().replaceAll('_', ''))
    .filter(Boolean)
    .map((part) => {
      const n = Number(part);
      if (!/^\d+$/.test(part) || !Number.isSafeInteger(n) || n < 1000)
        throw new Error(`a size is a whole number of claims, at least 1000: ${part}`);
      return n;
    });
  if (sizes.length === 0) throw new Error('no sizes');
  return [...new Set(sizes)].sort((a, b) => a - b);
}
