// Column values as the drivers give them back (see SqlRunner): normalised for the code that reads rows.

/** A json/jsonb column: text from the driver adapter, already parsed from Prisma. */
export function jsonColumn<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A timestamp column: text from the driver adapter, a Date from Prisma. */
export function dateColumn(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** An integer column that may arrive as number, string or bigint. */
export function intColumn(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
