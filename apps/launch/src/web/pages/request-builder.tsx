import {
  APPLY_TYPES,
  type ApplyTypeCode,
  type Claim,
  type ClaimResponse,
  CONTINUATION_STATUSES,
  LINES_OF_THERAPY,
  PRIORITIES,
} from '@openpas/fhir-model/browser';
import {
  blocking,
  bundleFromDraft,
  type Chart,
  draftFromChart,
  evidenceOf,
  type Finding,
  findingsOf,
  followUpDraft,
  type RequestDraft,
  readChart,
} from '@openpas/pa-request';
import { Button } from '@openpas/ui/button';
import { Field, Input, Textarea } from '@openpas/ui/field';
import { ErrorNotice, Loading } from '@openpas/ui/states';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslations } from 'use-intl';
import { Attachments } from '../components/attachments.tsx';
import { CodePicker } from '../components/code-picker.tsx';
import { EvidencePicker } from '../components/evidence-picker.tsx';
import { FindingList, fieldError } from '../components/findings.tsx';
import { PatientBanner } from '../components/patient-banner.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { caseOfSubmission, chartReader, FhirError, submitRequest, validateRequest } from '../smart/fhir.ts';
import { useSession } from '../smart/session-context.tsx';

const MEDICATIONS = 'https://nhicore.nhi.gov.tw/pas/ValueSet/nhi-medication';
const INDICATIONS = 'https://nhicore.nhi.gov.tw/pas/ValueSet/nhi-apply-reason';
const SELECT =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600';

function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Taipei' }).format(new Date());
}

/** The chart, and the draft it prefills (a follow-up of an earlier case when the URL names one). */
function useDraft(patientId: string, from: string | null, applyType: string | null) {
  const { client, guard } = useSession();
  return useQuery({
    queryKey: ['draft', patientId, from, applyType],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async (): Promise<{ chart: Chart; draft: RequestDraft }> => {
      try {
        const chart = await readChart(chartReader(client), patientId);
        const draft = draftFromChart(chart, today());
        if (!from || !applyType || applyType === '1') return { chart, draft };
        const earlier = await client.request<ClaimResponse>(`ClaimResponse/${encodeURIComponent(from)}`);
        const claim = await client.request<Claim>(earlier.request?.reference ?? '');
        return { chart, draft: followUpDraft(draft, claim, applyType as Exclude<ApplyTypeCode, '1'>) };
      } catch (error) {
        return guard(error);
      }
    },
  });
}

export function RequestBuilderPage() {
  const t = useTranslations('builder');
  const { patientId } = useSession();
  const [params] = useSearchParams();
  const loaded = useDraft(patientId ?? '', params.get('from'), params.get('type'));
  if (!patientId) return <ErrorNotice title={t('noPatient')} />;
  if (loaded.isPending) return <Loading label={t('loadingChart')} />;
  if (loaded.isError) return <ErrorNotice title={t('chartFailed')} detail={String(loaded.error.message)} />;
  return <RequestForm chart={loaded.data.chart} initial={loaded.data.draft} />;
}

function RequestForm({ chart, initial }: { chart: Chart; initial: RequestDraft }) {
  const t = useTranslations('builder');
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { client, fhirUser, guard, needPatientBanner, scopes } = useSession();
  // The grant may lack submitting (a scope unticked at consent): say so before the clinician starts.
  const canSubmit = scopes.some((scope) => /^user\/(Bundle|\*)\.(c|write|\*)/.test(scope));
  const form = useForm<RequestDraft>({ defaultValues: initial });
  const items = useFieldArray({ control: form.control, name: 'items' });
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const evidence = useMemo(() => evidenceOf(chart), [chart]);
  const imagingReports = evidence.filter((item) => item.category === 'imagingReport');
  const applyType = form.watch('applyType');
  const priority = form.watch('priority');
  const all = findings ?? [];
  const errorOf = (field: string) => all.filter((finding) => finding.field === field);
  const errorText = (field: string) => fieldError(all, field, locale);
  const general = all.filter(
    (finding) =>
      finding.field === 'general' ||
      finding.field === 'patient' ||
      finding.field === 'practitioner' ||
      finding.field === 'claim',
  );

  const build = () =>
    bundleFromDraft(form.getValues(), chart, {
      practitioner: fhirUser?.startsWith('Practitioner/') ? fhirUser : undefined,
    });

  const check = useMutation({
    mutationFn: async () => {
      const built = build();
      const outcome = await validateRequest(client, built.bundle, locale).catch(guard);
      return findingsOf(outcome, built.entryFields, locale);
    },
    onSuccess: setFindings,
  });
  const submit = useMutation({
    mutationFn: async () => {
      const built = build();
      try {
        const stored = await submitRequest(client, built.bundle, locale);
        return { opened: await caseOfSubmission(client, stored) };
      } catch (error) {
        if (error instanceof FhirError && error.outcome)
          return { findings: findingsOf(error.outcome, built.entryFields, locale) };
        return guard(error);
      }
    },
    onSuccess: (result) => {
      if (result.findings) return setFindings(result.findings);
      navigate(result.opened?.id ? `/cases/${result.opened.id}?submitted=1` : '/cases');
    },
  });

  const busy = check.isPending || submit.isPending;
  return (
    <div>
      {needPatientBanner ? <PatientBanner patient={chart.patient} /> : null}
      <h1 className="mb-1 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-6 text-sm text-slate-600">{t('intro')}</p>
      <form
        noValidate
        onSubmit={form.handleSubmit(() => {
          if (!busy && canSubmit) submit.mutate();
        })}
        className="space-y-8"
        aria-describedby="check-result"
      >
        <CheckResult
          findings={findings}
          general={general}
          pending={check.isPending}
          failed={check.error ?? submit.error}
          failedTitle={submit.error ? t('submitFailed') : t('checkFailed')}
        />
        {canSubmit ? null : (
          <p
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            {t('cannotSubmit')}
          </p>
        )}

        <Section title={t('sections.request')}>
          <div className="grid gap-4 md:grid-cols-3">
            <Field label={t('applyType')} error={errorText('applyType')}>
              {(control) => (
                <select {...control} {...form.register('applyType')} className={SELECT}>
                  {Object.entries(APPLY_TYPES).map(([code, label]) => (
                    <option key={code} value={code}>
                      {code} {locale === 'en' ? label.en : label.zh}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('priority')} error={errorText('priority')}>
              {(control) => (
                <select {...control} {...form.register('priority')} className={SELECT}>
                  {Object.entries(PRIORITIES).map(([code, label]) => (
                    <option key={code} value={code}>
                      {locale === 'en' ? label.en : label.zh}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('created')} error={errorText('created')}>
              {(control) => <Input {...control} type="date" {...form.register('created')} />}
            </Field>
            {applyType !== '1' ? (
              <Field label={t('previousAcceptanceNumber')} error={errorText('previousAcceptanceNumber')}>
                {(control) => <Input {...control} {...form.register('previousAcceptanceNumber')} />}
              </Field>
            ) : null}
          </div>
        </Section>

        <Section title={t('sections.patient')}>
          <div className="grid gap-4 md:grid-cols-4">
            <Field label={t('weight')} error={errorText('weightKg')}>
              {(control) => <Input {...control} inputMode="decimal" {...form.register('weightKg')} />}
            </Field>
            <Field label={t('height')} error={errorText('heightCm')}>
              {(control) => <Input {...control} inputMode="decimal" {...form.register('heightCm')} />}
            </Field>
            <Field label={t('pregnancy')} error={errorText('pregnancy')}>
              {(control) => (
                <select {...control} {...form.register('pregnancy')} className={SELECT}>
                  <option value="unknown">{t('pregnancyUnknown')}</option>
                  <option value="no">{t('no')}</option>
                  <option value="yes">{t('yes')}</option>
                </select>
              )}
            </Field>
            <Field label={t('department')} error={errorText('departmentCode')}>
              {(control) => <Input {...control} {...form.register('departmentCode')} />}
            </Field>
          </div>
        </Section>

        <Section title={t('sections.diagnoses')}>
          {initial.diagnoses.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noDiagnoses')}</p>
          ) : null}
          <ol className="space-y-4">
            {initial.diagnoses.map((diagnosis, index) => (
              <li key={`${diagnosis.icd10cm}-${index}`} className="space-y-2">
                <p className="text-sm">
                  <span className="font-mono font-medium">{diagnosis.icd10cm}</span>{' '}
                  {diagnosis.display !== diagnosis.icd10cm ? diagnosis.display : ''}
                  <span className="ml-2 text-xs text-slate-500">
                    {index === 0 ? t('mainDiagnosis') : t('otherDiagnosis')} · {diagnosis.recordedDate}
                  </span>
                </p>
                {index === 0 ? (
                  <Field
                    label={t('summary')}
                    error={errorText('diagnoses.0.summary')}
                    hint={t('summaryHint')}
                  >
                    {(control) => (
                      <Textarea {...control} rows={4} {...form.register('diagnoses.0.summary')} />
                    )}
                  </Field>
                ) : null}
              </li>
            ))}
          </ol>
          <FieldFindings findings={errorOf('diagnoses')} />
        </Section>

        <Section title={t('sections.drugs')}>
          <div className="space-y-6">
            {items.fields.map((item, index) => (
              <ItemFields key={item.id} index={index} form={form} findings={all} />
            ))}
          </div>
        </Section>

        <Section title={t('sections.evidence')}>
          <EvidencePicker items={evidence} register={form.register('evidence')} />
          <FieldFindings findings={errorOf('evidence')} />
        </Section>

        <Section title={t('sections.attachments')}>
          <Controller
            control={form.control}
            name="attachments"
            render={({ field }) => (
              <Attachments
                value={field.value}
                onChange={field.onChange}
                imagingReports={imagingReports}
                errorOf={(index) =>
                  errorOf(`attachments.${index}`)
                    .map((f) => (locale === 'en' ? f.en : f.zh))
                    .join(' · ') || undefined
                }
              />
            )}
          />
        </Section>

        {priority === '3' ? (
          <Section title={t('sections.selfReview')}>
            <Field
              label={t('selfReviewers')}
              error={errorText('selfReviewers')}
              hint={t('selfReviewersHint')}
            >
              {(control) => <Input {...control} {...form.register('selfReviewers')} />}
            </Field>
          </Section>
        ) : null}

        <div className="flex flex-wrap gap-3 border-t border-slate-200 py-4">
          <Button variant="secondary" onClick={() => busy || check.mutate()} aria-disabled={busy}>
            {t('check')}
          </Button>
          <Button type="submit" aria-disabled={busy || !canSubmit}>
            {t('submit')}
          </Button>
          {submit.isPending ? (
            <p role="status" className="self-center text-sm text-slate-600">
              {t('submitting')}
            </p>
          ) : null}
          {findings && blocking(findings) ? (
            <p className="self-center text-sm text-red-700">{t('fixFirst')}</p>
          ) : null}
        </div>
      </form>
    </div>
  );
}

function ItemFields({
  index,
  form,
  findings,
}: {
  index: number;
  form: ReturnType<typeof useForm<RequestDraft>>;
  findings: Finding[];
}) {
  const t = useTranslations('builder');
  const { locale } = useLocale();
  const prefix = `items.${index}` as const;
  const n = index + 1;
  return (
    <fieldset className="rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-medium">{t('item', { n })}</legend>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('drug', { n })} error={fieldError(findings, `${prefix}.drugCode`, locale)}>
          {(control) => (
            <Controller
              control={form.control}
              name={`${prefix}.drugCode`}
              render={({ field }) => (
                <CodePicker
                  id={control.id}
                  valueSet={MEDICATIONS}
                  invalid={control['aria-invalid']}
                  describedBy={control['aria-describedby']}
                  value={{ code: field.value, display: form.getValues(`${prefix}.drugDisplay`) }}
                  onChange={(picked) => {
                    field.onChange(picked.code);
                    form.setValue(`${prefix}.drugDisplay`, picked.display);
                  }}
                />
              )}
            />
          )}
        </Field>
        <Field
          label={t('indication', { n })}
          error={fieldError(findings, `${prefix}.programCode`, locale)}
          hint={t('indicationHint')}
        >
          {(control) => (
            <Controller
              control={form.control}
              name={`${prefix}.programCode`}
              render={({ field }) => (
                <CodePicker
                  id={control.id}
                  valueSet={INDICATIONS}
                  invalid={control['aria-invalid']}
                  describedBy={control['aria-describedby']}
                  value={{ code: field.value, display: '' }}
                  onChange={(picked) => field.onChange(picked.code)}
                />
              )}
            />
          )}
        </Field>
        <Field label={t('indicationText', { n })} hint={t('indicationTextHint')}>
          {(control) => <Input {...control} {...form.register(`${prefix}.programText`)} />}
        </Field>
        <Field
          label={t('continuation', { n })}
          error={fieldError(findings, `${prefix}.continuation`, locale)}
        >
          {(control) => (
            <select {...control} {...form.register(`${prefix}.continuation`)} className={SELECT}>
              <option value="">—</option>
              {Object.entries(CONTINUATION_STATUSES).map(([code, label]) => (
                <option key={code} value={code}>
                  {locale === 'en' ? label.en : label.zh}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('lineOfTherapy', { n })}>
          {(control) => (
            <select {...control} {...form.register(`${prefix}.lineOfTherapy`)} className={SELECT}>
              <option value="">—</option>
              {Object.entries(LINES_OF_THERAPY).map(([code, label]) => (
                <option key={code} value={code}>
                  {locale === 'en' ? label.en : label.zh}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid grid-cols-[2fr_1fr] gap-2">
          <Field label={t('quantity', { n })} error={fieldError(findings, `${prefix}.quantity`, locale)}>
            {(control) => <Input {...control} inputMode="decimal" {...form.register(`${prefix}.quantity`)} />}
          </Field>
          <Field label={t('unit', { n })}>
            {(control) => (
              <select {...control} {...form.register(`${prefix}.quantityUnit`)} className={SELECT}>
                {['{vial}', '{tbl}', '{cap}', '{amp}', 'mg', 'mL'].map((unit) => (
                  <option key={unit}>{unit}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {form.watch('priority') === '3' ? (
          <div className="grid grid-cols-2 gap-2">
            <Field label={t('selfApproved', { n })}>
              {(control) => (
                <Input
                  {...control}
                  inputMode="decimal"
                  {...form.register(`${prefix}.selfApprovedQuantity`)}
                />
              )}
            </Field>
            <Field label={t('selfReason', { n })}>
              {(control) => (
                <select {...control} {...form.register(`${prefix}.selfReason`)} className={SELECT}>
                  <option value="1">1</option>
                  <option value="2">2</option>
                  <option value="3">3</option>
                </select>
              )}
            </Field>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-4 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function FieldFindings({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <div className="mt-3 text-red-700">
      <FindingList findings={findings} />
    </div>
  );
}

function CheckResult({
  findings,
  general,
  pending,
  failed,
  failedTitle,
}: {
  findings: Finding[] | null;
  general: Finding[];
  pending: boolean;
  failed: Error | null;
  failedTitle: string;
}) {
  const t = useTranslations('builder');
  if (pending)
    return (
      <p id="check-result" role="status" className="text-sm text-slate-600">
        {t('checking')}
      </p>
    );
  if (failed)
    return (
      <div id="check-result">
        <ErrorNotice
          title={failedTitle}
          detail={failed instanceof FhirError && failed.status === 403 ? t('forbidden') : failed.message}
        />
      </div>
    );
  if (!findings) return <p id="check-result" className="sr-only" />;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0)
    return (
      <p
        id="check-result"
        role="status"
        className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800"
      >
        {t('checkPassed')}
      </p>
    );
  return (
    <div
      id="check-result"
      role="alert"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
    >
      <p className="font-medium">{t('checkFound', { errors, warnings })}</p>
      {general.length > 0 ? <FindingList findings={general} /> : null}
    </div>
  );
}
