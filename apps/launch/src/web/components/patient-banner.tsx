import type { Patient } from '@openpas/fhir-model/browser';
import { useTranslations } from 'use-intl';

const NATIONAL_ID = 'http://www.moi.gov.tw';

/** The national ID shown as clinicians read it on screen: the last four characters only. */
export function maskNationalId(value: string | undefined): string {
  if (!value) return '—';
  return `${'•'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;
}

function age(birthDate: string | undefined, today = new Date()): number | undefined {
  if (!birthDate) return undefined;
  const born = new Date(birthDate);
  let years = today.getFullYear() - born.getFullYear();
  const beforeBirthday =
    today.getMonth() < born.getMonth() ||
    (today.getMonth() === born.getMonth() && today.getDate() < born.getDate());
  if (beforeBirthday) years -= 1;
  return years;
}

/**
 * Who the request is for, on every page of the launch (SMART's need_patient_banner): name, sex, birth
 * date and age, national ID (masked) and the hospital's record number.
 */
export function PatientBanner({ patient }: { patient: Patient }) {
  const t = useTranslations('banner');
  const name =
    patient.name?.[0]?.text ?? [patient.name?.[0]?.family, ...(patient.name?.[0]?.given ?? [])].join(' ');
  const nationalId = patient.identifier?.find((i) => i.system?.startsWith(NATIONAL_ID))?.value;
  const record = patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))?.value;
  const years = age(patient.birthDate);
  return (
    <section
      aria-label={t('label')}
      className="mb-6 flex flex-wrap items-center gap-x-8 gap-y-1 rounded-lg border border-brand-100 bg-white px-4 py-3 shadow-sm"
    >
      <p className="text-lg font-semibold">{name}</p>
      <p className="text-sm text-slate-700">
        {t('sex', { sex: patient.gender ?? 'unknown' })} · {patient.birthDate ?? '—'}
        {years !== undefined ? ` (${t('age', { years })})` : ''}
      </p>
      <p className="text-sm text-slate-700">
        {t('nationalId')} <span className="font-mono">{maskNationalId(nationalId)}</span>
      </p>
      <p className="text-sm text-slate-700">
        {t('record')} <span className="font-mono">{record ?? '—'}</span>
      </p>
    </section>
  );
}
