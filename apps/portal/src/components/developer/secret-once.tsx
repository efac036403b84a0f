'use client';

import type { IssuedSecretView } from '@openpas/app-registry/views';
import { useFormatter, useTranslations } from 'next-intl';

/** A client secret, shown this once. */
export function SecretOnce({ secret }: { secret: IssuedSecretView }) {
  const t = useTranslations('appDetail');
  const format = useFormatter();
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p className="font-medium">{t('secretOnce')}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt>client_id</dt>
        <dd>
          <code>{secret.clientId}</code>
        </dd>
        <dt>client_secret</dt>
        <dd>
          <code data-testid="client-secret" className="break-all">
            {secret.clientSecret}
          </code>
        </dd>
      </dl>
      {secret.previousSecretValidUntil ? (
        <p className="text-sm">
          {t('previousValid', {
            date: format.dateTime(new Date(secret.previousSecretValidUntil), {
              dateStyle: 'medium',
              timeStyle: 'short',
            }),
          })}
        </p>
      ) : null}
    </div>
  );
}
