'use client';

import type { IssuedSecretView } from '@openpas/app-registry/views';
import { Button } from '@openpas/ui/button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '../../trpc/react.tsx';
import { AppForm } from './app-form.tsx';
import { toAppInput } from './app-form-values.ts';
import { SecretOnce } from './secret-once.tsx';

export function NewApp() {
  const t = useTranslations('appForm');
  const d = useTranslations('developer');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.developerApps.create.mutationOptions());
  const [created, setCreated] = useState<{ appId: string; secrets: IssuedSecretView[] } | null>(null);

  if (created) {
    return (
      <div className="space-y-4">
        {created.secrets.map((secret) => (
          <SecretOnce key={secret.clientId} secret={secret} />
        ))}
        <Button asChild>
          <Link href={`/developer/apps/${created.appId}`}>{d('open')}</Link>
        </Button>
      </div>
    );
  }
  return (
    <AppForm
      submitLabel={t('save')}
      onSubmit={async (values) => {
        const { app, secrets } = await create.mutateAsync(toAppInput(values));
        await queryClient.invalidateQueries(trpc.developerApps.list.queryFilter());
        if (secrets.length > 0) setCreated({ appId: app.id, secrets });
        else router.push(`/developer/apps/${app.id}`);
      }}
    />
  );
}
