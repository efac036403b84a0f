import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

/** The field errors the API returns (`error.data.fieldErrors`, `{ field: [message…] }`), or null. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> | null {
  const data = (error as { data?: { fieldErrors?: unknown } } | null)?.data;
  const fieldErrors = data?.fieldErrors;
  return fieldErrors && typeof fieldErrors === 'object' ? (fieldErrors as Record<string, string[]>) : null;
}

/**
 * Puts the API's field errors on the form's fields (each shown under its field and tied to it); returns
 * the messages of fields the form does not have, to show above it.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly string[],
  setError: UseFormSetError<T>,
  translate: (message: string) => string = (message) => message,
): string[] {
  const fieldErrors = fieldErrorsOf(error);
  if (!fieldErrors) return [(error as Error | null)?.message ?? 'error'];
  const rest: string[] = [];
  let first = true;
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const message = messages.map(translate).join(' ');
    const top = field.split('.')[0] ?? field;
    if (fields.includes(top)) {
      setError(top as Path<T>, { type: 'server', message }, { shouldFocus: first });
      first = false;
    } else {
      rest.push(`${field}: ${message}`);
    }
  }
  return rest;
}
