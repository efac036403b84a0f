import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AttachedFile } from './attached-file.tsx';
import type { DossierAnswer, ReviewCaseAnswer } from './types.ts';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The submission, readably: patient, diagnoses, what is asked for, the evidence, the hospital's view, the pre-check. */
export async function Dossier({
  dossier,
  precheck,
}: {
  dossier: DossierAnswer;
  precheck: ReviewCaseAnswer['precheck'];
}) {
  const t = await getTranslations('review.case');
  const locale = await getLocale();
  const label = (pair: { zh: string; en: string }) => (locale === 'zh-TW' ? pair.zh : pair.en);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Section id="patient" title={t('patient')}>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t('patient')}</dt>
          <dd>{dossier.patient.name || '—'}</dd>
          <dt className="text-slate-600">{t('nationalId')}</dt>
          <dd className="font-mono">{dossier.patient.maskedId ?? '—'}</dd>
          <dt className="text-slate-600">{t('birthDate')}</dt>
          <dd>{dossier.patient.birthDate ?? '—'}</dd>
          <dt className="text-slate-600">{t('gender')}</dt>
          <dd>{dossier.patient.gender ? t(`genders.${dossier.patient.gender}`) : '—'}</dd>
          <dt className="text-slate-600">{t('hospital')}</dt>
          <dd>{dossier.hospital ? `${dossier.hospital.name} (${dossier.hospital.code ?? ''})` : '—'}</dd>
          <dt className="text-slate-600">{t('submitted')}</dt>
          <dd>{dossier.submitted ?? '—'}</dd>
        </dl>
        {dossier.vitals.length ? (
          <>
            <h3 className="pt-2 font-medium">{t('vitals')}</h3>
            <ul className="text-sm">
              {dossier.vitals.map((vital) => (
                <li key={vital.title.en}>
                  {label(vital.title)}:{' '}
                  {vital.value === 'yes' ? t('yes') : vital.value === 'no' ? t('no') : vital.value}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
      <Section id="diagnoses" title={t('diagnoses')}>
        <ul className="space-y-2 text-sm">
          {dossier.diagnoses.map((diagnosis, index) => (
            <li key={`${diagnosis.code}-${index}`}>
              {diagnosis.code ? (
                <span className="mr-2 font-mono text-slate-600">{diagnosis.code}</span>
              ) : null}
              {diagnosis.text}
              {diagnosis.recordedDate ? (
                <span className="ml-2 text-xs text-slate-500">
                  {t('recorded', { date: diagnosis.recordedDate })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <div className="lg:col-span-2">
        <Section id="requested" title={t('requested')}>
          <div className="grid gap-4 md:grid-cols-2">
            {dossier.items.map((item) => (
              <article
                key={item.sequence}
                aria-label={t('item', { sequence: item.sequence })}
                className="rounded-md bg-slate-50 p-3 text-sm"
              >
                <h3 className="font-medium">{t('item', { sequence: item.sequence })}</h3>
                <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                  <dt className="text-slate-600">{t('drug')}</dt>
                  <dd>
                    {item.drug}
                    {item.drugCode ? (
                      <span className="ml-2 font-mono text-xs text-slate-500">{item.drugCode}</span>
                    ) : null}
                  </dd>
                  <dt className="text-slate-600">{t('quantity')}</dt>
                  <dd>{item.quantity}</dd>
                  <dt className="text-slate-600">{t('programCode')}</dt>
                  <dd>{item.programCode ?? '—'}</dd>
                  <dt className="text-slate-600">{t('modifiers')}</dt>
                  <dd>{item.modifiers.join('、') || '—'}</dd>
                  {item.dosage ? (
                    <>
                      <dt className="text-slate-600">{t('dosage')}</dt>
                      <dd>{item.dosage}</dd>
                    </>
                  ) : null}
                </dl>
              </article>
            ))}
          </div>
        </Section>
      </div>
      <div className="lg:col-span-2">
        <Section id="evidence" title={t('evidence')}>
          {dossier.sections.length === 0 ? <p className="text-sm">{t('noEvidence')}</p> : null}
          {dossier.sections.map((section) => (
            <div
              key={section.category}
              className="space-y-2 border-t border-slate-100 pt-3 first:border-0 first:pt-0"
            >
              <h3 className="font-medium">{label(section.title)}</h3>
              <ul className="space-y-3 text-sm">
                {section.records.map((record) => (
                  <li key={record.key}>
                    <p>
                      <span className="font-medium">{record.label}</span>
                      {record.value ? <>: {record.value}</> : null}
                      {record.date ? (
                        <span className="ml-2 text-xs text-slate-500">{record.date}</span>
                      ) : null}
                    </p>
                    {record.parts.length ? (
                      <ul className="ml-4 list-disc text-slate-700">
                        {record.parts.map((part) => (
                          <li key={part}>{part}</li>
                        ))}
                      </ul>
                    ) : null}
                    {record.files.length ? (
                      <ul className="mt-1 flex flex-wrap gap-2" aria-label={t('files')}>
                        {record.files.map((file, index) => (
                          <li key={`${file.name}-${index}`}>
                            <AttachedFile file={file} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </Section>
      </div>
      <Section id="self-assessment" title={t('selfAssessment')}>
        {dossier.selfAssessment.length ? (
          <ul className="list-disc pl-5 text-sm">
            {dossier.selfAssessment.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t('noSelfAssessment')}</p>
        )}
      </Section>
      <Section id="precheck" title={t('precheck')}>
        {precheck.length ? (
          <ul className="list-disc pl-5 text-sm">
            {precheck.map((finding) => (
              <li key={finding.code}>
                <span className="font-mono text-xs">{finding.code}</span>{' '}
                {locale === 'zh-TW' ? finding.zh : finding.en}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t('precheckPassed')}</p>
        )}
      </Section>
    </div>
  );
}
