'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@openpas/ui/button';
import { Field, Input } from '@openpas/ui/field';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { applyFieldErrors } from '../../trpc/field-errors.ts';
import { useTRPC } from '../../trpc/react.tsx';
import { useServerText } from '../../trpc/server-text.ts';

export function OrganisationForm({ current }: { current: string }) {
  const t = useTranslations('developer');
  const common = useTranslations('common');
  const v = useTranslations('validation');
  const trpc = useTRPC();
  const serverText = useServerText();
  const schema = z.object({ organizationName: z.string().trim().min(1, v('required')).max(200) });
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { organizationName: current },
  });
  const save = useMutation(trpc.account.updateOrganization.mutationOptions());
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await save.mutateAsync(values);
        } catch (error) {
          applyFieldErrors(error, ['organizationName'], form.setError, serverText);
        }
      })}
    >
      <div className="min-w-64 flex-1">
        <Field label={t('organisationName')} error={form.formState.errors.organizationName?.message}>
          {(control) => <Input {...control} {...form.register('organizationName')} />}
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        {common('save')}
      </Button>
      {save.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          {t('organisationSaved')}
        </p>
      ) : null}
    </form>
  );
}
