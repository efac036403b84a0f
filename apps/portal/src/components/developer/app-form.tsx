'use client';

import {
  CATEGORIES,
  CLIENT_KINDS,
  LAUNCH_TYPES,
  SECURITY_QUESTIONS,
  SPECIALTIES,
  USER_TYPES,
} from '@openpas/app-registry/vocabulary';
import { Button } from '@openpas/ui/button';
import { Field, Input, Textarea } from '@openpas/ui/field';
import { ErrorNotice } from '@openpas/ui/states';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { type ReactNode, useDeferredValue, useState } from 'react';
import { Controller, type UseFormReturn, useForm } from 'react-hook-form';
import { applyFieldErrors } from '../../trpc/field-errors.ts';
import { useTRPC } from '../../trpc/react.tsx';
import { useServerText } from '../../trpc/server-text.ts';
import { type AppFormValues, EMPTY_APP } from './app-form-values.ts';
import { CheckboxGroup, RadioChoice } from './choice-group.tsx';
import { ImageUploads } from './image-uploads.tsx';

const FIELDS = Object.keys(EMPTY_APP);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** Scopes in plain words as the developer types them (packages/scopes through the API). */
function PlainScopes({ scopes }: { scopes: string }) {
  const t = useTranslations('appForm');
  const locale = useLocale();
  const trpc = useTRPC();
  const deferred = useDeferredValue(scopes.trim());
  const described = useQuery({
    ...trpc.catalog.describeScopes.queryOptions({ scopes: deferred }),
    enabled: deferred.length > 0,
  });
  if (!deferred || !described.data) return null;
  return (
    <div className="rounded-md bg-slate-50 p-3 text-sm" aria-live="polite">
      <p className="mb-1 font-medium text-slate-600">{t('scopesPlain')}</p>
      <ul className="list-disc space-y-0.5 pl-5">
        {described.data.map((scope) => (
          <li key={scope.scope}>
            {locale === 'zh-TW' ? scope.zhTW : scope.en}{' '}
            <code className="text-xs text-slate-500">{scope.scope}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface AppFormProps {
  initial?: AppFormValues;
  /** The app's id once it exists (images can be uploaded then) */
  appId?: string;
  submitLabel: string;
  onSubmit: (values: AppFormValues) => Promise<void>;
}

/** Every field of a registration (spec/portal.md), with the API's field errors under each field. */
export function AppForm({ initial = EMPTY_APP, appId, submitLabel, onSubmit }: AppFormProps) {
  const t = useTranslations('appForm');
  const f = useTranslations('vocab.field');
  const vocab = useTranslations('vocab');
  const [problems, setProblems] = useState<string[]>([]);
  const serverText = useServerText();
  const form: UseFormReturn<AppFormValues> = useForm<AppFormValues>({ defaultValues: initial });
  const { register, control, formState, watch } = form;
  const errors = formState.errors;
  const message = (name: keyof AppFormValues) => errors[name]?.message as string | undefined;
  const options = (kind: string, codes: readonly string[]) =>
    codes.map((code) => ({ value: code, label: vocab(`${kind}.${code}`) }));
  const text = (name: keyof AppFormValues, extra: { hint?: ReactNode; type?: string } = {}) => (
    <Field label={f(name)} error={message(name)} hint={extra.hint}>
      {(controlProps) => <Input {...controlProps} type={extra.type ?? 'text'} {...register(name)} />}
    </Field>
  );
  const area = (name: keyof AppFormValues, hint?: ReactNode) => (
    <Field label={f(name)} error={message(name)} hint={hint}>
      {(controlProps) => <Textarea {...controlProps} {...register(name)} />}
    </Field>
  );
  const backend = watch('launchTypes').includes('backend-service');
  const clientKind = watch('clientKind');

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={form.handleSubmit(async (values) => {
        setProblems([]);
        try {
          await onSubmit(values);
        } catch (error) {
          const rest = applyFieldErrors(error, FIELDS, form.setError, serverText);
          setProblems(rest.length > 0 ? rest : [t('fixErrors')]);
        }
      })}
    >
      {problems.length > 0 ? <ErrorNotice title={t('fixErrors')} detail={problems.join(' ')} /> : null}
      <Section title={t('basics')}>
        {text('name')}
        <div className="grid gap-4 md:grid-cols-2">
          {text('summaryEn')}
          {text('summaryZh')}
          {area('descriptionEn')}
          {area('descriptionZh')}
        </div>
      </Section>

      <Section title={t('launch')}>
        <Controller
          control={control}
          name="launchTypes"
          render={({ field }) => (
            <CheckboxGroup
              legend={f('launchTypes')}
              options={options('launchType', LAUNCH_TYPES)}
              value={field.value}
              onChange={field.onChange}
              error={message('launchTypes')}
            />
          )}
        />
        <Controller
          control={control}
          name="clientKind"
          render={({ field }) => (
            <RadioChoice
              legend={f('clientKind')}
              options={options('clientKind', CLIENT_KINDS)}
              value={field.value}
              onChange={field.onChange}
              error={message('clientKind')}
            />
          )}
        />
        {backend ? null : area('redirectUris', t('oneUriPerLine'))}
        {backend ? null : text('launchUrl', { type: 'url' })}
        {clientKind === 'confidential-jwks' ? (
          <>
            {text('jwksUrl', { type: 'url', hint: t('jwksHint') })}
            {area('jwks')}
          </>
        ) : null}
      </Section>

      <Section title={t('access')}>
        {text('scopes', { hint: t('scopesHint') })}
        <PlainScopes scopes={watch('scopes')} />
        <p className="text-sm text-slate-600">{f('fhirVersion')}: R4 (4.0.1)</p>
      </Section>

      <Section title={t('listing')}>
        <div className="grid gap-4 md:grid-cols-3">
          {text('homepageUrl', { type: 'url' })}
          {text('privacyPolicyUrl', { type: 'url' })}
          {text('termsUrl', { type: 'url' })}
        </div>
        {(
          [
            ['categories', 'category', CATEGORIES],
            ['specialties', 'specialty', SPECIALTIES],
            ['userTypes', 'userType', USER_TYPES],
          ] as const
        ).map(([name, kind, codes]) => (
          <Controller
            key={name}
            control={control}
            name={name}
            render={({ field }) => (
              <CheckboxGroup
                legend={f(name)}
                options={options(kind, codes)}
                value={field.value}
                onChange={field.onChange}
                error={message(name)}
              />
            )}
          />
        ))}
      </Section>

      <Section title={t('images')}>
        <ImageUploads appId={appId} form={form} />
      </Section>

      <Section title={t('security')}>
        {SECURITY_QUESTIONS.map((question) => (
          <Field key={question} label={vocab(`security.${question}`)} error={message('securityAnswers')}>
            {(controlProps) => <Textarea {...controlProps} {...register(`securityAnswers.${question}`)} />}
          </Field>
        ))}
      </Section>

      <Button type="submit" disabled={formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}
