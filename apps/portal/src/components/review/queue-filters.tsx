import { getLocale, getTranslations } from 'next-intl/server';

const CONTROL =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600';

/** The queue's filters: a plain GET form, so a filtered queue is a link a reviewer can keep or share. */
export async function QueueFilterForm({
  hospitals,
  statuses,
  values,
}: {
  hospitals: { code: string; name: string }[];
  statuses: { code: string; zh: string; en: string }[];
  values: {
    hospital?: string | undefined;
    drug?: string | undefined;
    status: string;
    dueBy?: string | undefined;
  };
}) {
  const t = await getTranslations('review');
  const locale = await getLocale();
  return (
    <form
      method="get"
      action="/review"
      aria-label={t('filters')}
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
    >
      <div className="space-y-1">
        <label htmlFor="filter-hospital" className="block text-sm font-medium">
          {t('hospital')}
        </label>
        <select id="filter-hospital" name="hospital" defaultValue={values.hospital ?? ''} className={CONTROL}>
          <option value="">{t('anyHospital')}</option>
          {hospitals.map((hospital) => (
            <option key={hospital.code} value={hospital.code}>
              {hospital.name} ({hospital.code})
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-drug" className="block text-sm font-medium">
          {t('drug')}
        </label>
        <input
          id="filter-drug"
          name="drug"
          defaultValue={values.drug ?? ''}
          pattern="[0-9A-Za-z.\-]{1,30}"
          className={CONTROL}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-status" className="block text-sm font-medium">
          {t('status')}
        </label>
        <select id="filter-status" name="status" defaultValue={values.status} className={CONTROL}>
          <option value="open">{t('statusOpen')}</option>
          <option value="all">{t('statusAll')}</option>
          {statuses.map((choice) => (
            <option key={choice.code} value={choice.code}>
              {locale === 'zh-TW' ? choice.zh : `${choice.en} (${choice.zh})`}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-due" className="block text-sm font-medium">
          {t('dueBy')}
        </label>
        <input
          id="filter-due"
          type="date"
          name="dueBy"
          defaultValue={values.dueBy ?? ''}
          className={CONTROL}
        />
      </div>
      <div className="flex items-end gap-3">
        <button
          type="submit"
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          {t('apply')}
        </button>
        <a href="/review" className="text-sm text-brand-700 hover:underline">
          {t('clear')}
        </a>
      </div>
    </form>
  );
}
