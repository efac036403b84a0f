'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@openpas/ui/button';
import { Field, Input } from '@openpas/ui/field';
import { ErrorNotice } from '@openpas/ui/states';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { applyFieldErrors } from '../../trpc/field-errors.ts';
import { useTRPC } from '../../trpc/react.tsx';
import { useServerText } from '../../trpc/server-text.ts';

const FIELDS = ['email', 'password', 'displayName', 'organizationName'] as const;

export function SignUpForm({ sandbox }: { sandbox: boolean }) {
  const t = useTranslations('signup');
  const v = useTranslations('validation');
  const trpc = useTRPC();
  const serverText = useServerText();
  const [problems, setProblems] = useState<string[]>([]);
  const schema = z.object({
    email: z.email(v('email')).trim(),
    password: z.string().min(10, v('min', { min: 10 })),
    displayName: z.string().trim().min(1, v('required')),
    organizationName: z.string().trim().min(1, v('required')),
  });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '', displayName: '', organizationName: '' },
  });
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const errors = form.formState.errors;

  if (signUp.isSuccess) {
    return (
      <div role="status" className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-5">
        <h2 className="font-semibold">{t('done')}</h2>
        <p>{t('doneText', { email: form.getValues('email') })}</p>
        {sandbox ? <p className="text-sm text-slate-600">{t('sandboxNote')}</p> : null}
      </div>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        setProblems([]);
        try {
          await signUp.mutateAsync(values);
        } catch (error) {
          setProblems(applyFieldErrors(error, FIELDS, form.setError, serverText));
        }
      })}
    >
      {problems.length > 0 ? <ErrorNotice title={problems.join(' ')} /> : null}
      <Field label={t('email')} error={errors.email?.message}>
        {(control) => <Input {...control} type="email" autoComplete="email" {...form.register('email')} />}
      </Field>
      <Field label={t('password')} error={errors.password?.message} hint={t('passwordHint')}>
        {(control) => (
          <Input {...control} type="password" autoComplete="new-password" {...form.register('password')} />
        )}
      </Field>
      <Field label={t('displayName')} error={errors.displayName?.message}>
        {(control) => <Input {...control} autoComplete="name" {...form.register('displayName')} />}
      </Field>
      <Field label={t('organizationName')} error={errors.organizationName?.message}>
        {(control) => (
          <Input {...control} autoComplete="organization" {...form.register('organizationName')} />
        )}
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t('submit')}
      </Button>
    </form>
  );
}
