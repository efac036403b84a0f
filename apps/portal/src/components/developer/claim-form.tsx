'use client';

import { Button } from '@openpas/ui/button';
import { Field, Input } from '@openpas/ui/field';
import { ErrorNotice } from '@openpas/ui/states';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyFieldErrors } from '../../trpc/field-errors.ts';
import { useTRPC } from '../../trpc/react.tsx';
import { useServerText } from '../../trpc/server-text.ts';

type Values = { clientId: string; registrationAccessToken: string };

/** Brings an RFC 7591 registration into the console (RFC 7592's registration access token proves it). */
export function ClaimForm() {
  const t = useTranslations('developer');
  const trpc = useTRPC();
  const serverText = useServerText();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm<Values>({ defaultValues: { clientId: '', registrationAccessToken: '' } });
  const claim = useMutation(trpc.developerApps.claimRegistration.mutationOptions());
  return (
    <form
      noValidate
      className="grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-end"
      onSubmit={form.handleSubmit(async (values) => {
        setProblems([]);
        try {
          const app = await claim.mutateAsync(values);
          await queryClient.invalidateQueries(trpc.developerApps.list.queryFilter());
          router.push(`/developer/apps/${app.id}`);
        } catch (error) {
          setProblems(
            applyFieldErrors(error, ['clientId', 'registrationAccessToken'], form.setError, serverText),
          );
        }
      })}
    >
      <Field label={t('clientId')} error={form.formState.errors.clientId?.message}>
        {(control) => <Input {...control} {...form.register('clientId')} />}
      </Field>
      <Field
        label={t('registrationAccessToken')}
        error={form.formState.errors.registrationAccessToken?.message}
      >
        {(control) => (
          <Input
            {...control}
            type="password"
            autoComplete="off"
            {...form.register('registrationAccessToken')}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" disabled={claim.isPending}>
        {t('claimButton')}
      </Button>
      {problems.length > 0 ? (
        <div className="md:col-span-3">
          <ErrorNotice title={problems.join(' ')} />
        </div>
      ) : null}
    </form>
  );
}
