'use client';

import { Button } from '@openpas/ui/button';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTRPC } from '../../trpc/react.tsx';

interface Item {
  sequence: number;
  /** `56 {tbl}`: the requested quantity with its unit */
  requested: string;
  drug: string;
}

type Reason = '1' | '2' | '3' | '4';

interface Values {
  items: { reason: Reason | ''; comment: string; approvedQuantity: string }[];
}

const CHOICES: { reason: Reason; key: 'approve' | 'deny' | 'partial' | 'documents' }[] = [
  { reason: '1', key: 'approve' },
  { reason: '2', key: 'deny' },
  { reason: '3', key: 'partial' },
  { reason: '4', key: 'documents' },
];

const CONTROL =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600';

/** The API's limit on a comment (the tRPC input's). */
const COMMENT_MAX = 2000;

function requestedNumber(requested: string): number {
  return Number.parseFloat(requested);
}

/** The reviewer's decision on every item, sent at once through $decide, If-Match the version shown. */
export function DecisionForm({ caseId, version, items }: { caseId: string; version: string; items: Item[] }) {
  const t = useTranslations('review.decision');
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const formId = useId();
  const decide = useMutation(trpc.review.decide.mutationOptions());
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; lines: string[] } | null>(null);
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<Values>({
    defaultValues: { items: items.map(() => ({ reason: '', comment: '', approvedQuantity: '' })) },
  });

  const onSubmit = handleSubmit(async (values) => {
    // The button stays focusable while sending (aria-disabled): a second press sends nothing.
    if (decide.isPending) return;
    setNotice(null);
    try {
      const outcome = await decide.mutateAsync({
        id: caseId,
        version,
        items: values.items.map((value, index) => ({
          sequence: items[index]?.sequence ?? index + 1,
          reason: Number(value.reason) as 1 | 2 | 3 | 4,
          ...(value.comment.trim() ? { comment: value.comment.trim() } : {}),
          ...(value.reason === '3' ? { approvedQuantity: Number(value.approvedQuantity) } : {}),
        })),
      });
      if (outcome.ok) {
        setNotice({ tone: 'ok', lines: [t('sent')] });
        router.refresh();
        return;
      }
      if (outcome.reason === 'already-decided') {
        const at = outcome.by
          ? format.dateTime(new Date(outcome.by.at), {
              dateStyle: 'medium',
              timeStyle: 'short',
              timeZone: 'Asia/Taipei',
            })
          : '';
        setNotice({
          tone: 'error',
          lines: [
            outcome.byName
              ? t('alreadyDecided', { who: outcome.byName, at })
              : t('alreadyDecidedUnknown', { at }),
          ],
        });
      } else if (outcome.reason === 'changed') {
        setNotice({ tone: 'error', lines: [t('changed')] });
      } else {
        setNotice({ tone: 'error', lines: [t('refused'), ...outcome.messages] });
      }
    } catch (problem) {
      setNotice({ tone: 'error', lines: [t('failed', { message: (problem as Error).message })] });
    }
  });

  return (
    <section
      aria-labelledby={`${formId}-heading`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id={`${formId}-heading`} className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <form noValidate onSubmit={onSubmit} className="space-y-5">
        {items.map((item, index) => {
          const reason = watch(`items.${index}.reason`);
          const itemErrors = errors.items?.[index];
          const requested = requestedNumber(item.requested);
          return (
            <fieldset key={item.sequence} className="space-y-3 rounded-md border border-slate-200 p-4">
              <legend className="px-1 font-medium">
                {t('itemLegend', { sequence: item.sequence, drug: item.drug || item.requested })}
              </legend>
              <div className="flex flex-wrap gap-4">
                {CHOICES.map((choice) => (
                  <label key={choice.reason} className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      value={choice.reason}
                      required
                      aria-invalid={Boolean(itemErrors?.reason)}
                      aria-describedby={itemErrors?.reason ? `${formId}-${index}-reason-error` : undefined}
                      {...register(`items.${index}.reason`, { required: t('chooseEach') })}
                    />
                    {t(choice.key)}
                  </label>
                ))}
              </div>
              {itemErrors?.reason ? (
                <p id={`${formId}-${index}-reason-error`} className="text-xs font-medium text-red-700">
                  {itemErrors.reason.message}
                </p>
              ) : null}
              {reason === '3' ? (
                <div className="space-y-1">
                  <label htmlFor={`${formId}-${index}-quantity`} className="block text-sm font-medium">
                    {t('approvedQuantity')}
                  </label>
                  <input
                    id={`${formId}-${index}-quantity`}
                    inputMode="decimal"
                    aria-invalid={Boolean(itemErrors?.approvedQuantity)}
                    aria-describedby={`${formId}-${index}-quantity-hint`}
                    className={CONTROL}
                    {...register(`items.${index}.approvedQuantity`, {
                      validate: (value) => {
                        const number = Number(value);
                        return (
                          (value.trim() !== '' &&
                            Number.isFinite(number) &&
                            number > 0 &&
                            (Number.isNaN(requested) || number < requested)) ||
                          t('quantityRequired')
                        );
                      },
                    })}
                  />
                  <p id={`${formId}-${index}-quantity-hint`} className="text-xs text-slate-500">
                    {itemErrors?.approvedQuantity?.message ??
                      t('approvedQuantityHint', { requested: item.requested })}
                  </p>
                </div>
              ) : null}
              <div className="space-y-1">
                <label htmlFor={`${formId}-${index}-comment`} className="block text-sm font-medium">
                  {t('comment')}
                </label>
                <textarea
                  id={`${formId}-${index}-comment`}
                  aria-invalid={Boolean(itemErrors?.comment)}
                  aria-describedby={`${formId}-${index}-comment-hint`}
                  maxLength={COMMENT_MAX}
                  className={`${CONTROL} min-h-20`}
                  {...register(`items.${index}.comment`, {
                    validate: (value, all) =>
                      all.items[index]?.reason === '1' || value.trim() !== '' || t('commentRequired'),
                  })}
                />
                <p id={`${formId}-${index}-comment-hint`} className="text-xs text-slate-500">
                  {itemErrors?.comment?.message ?? t('commentHint')}
                </p>
              </div>
            </fieldset>
          );
        })}
        {notice ? (
          <div
            role={notice.tone === 'error' ? 'alert' : 'status'}
            className={
              notice.tone === 'error'
                ? 'rounded-md bg-red-50 p-3 text-sm text-red-900'
                : 'rounded-md bg-emerald-50 p-3 text-sm text-emerald-900'
            }
          >
            {notice.lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        ) : null}
        <Button type="submit" aria-disabled={decide.isPending}>
          {decide.isPending ? t('sending') : t('send')}
        </Button>
      </form>
    </section>
  );
}
