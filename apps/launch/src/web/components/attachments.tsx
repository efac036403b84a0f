import { CARE_PLAN_TITLES } from '@openpas/fhir-model/browser';
import { ATTACHMENT_LIMITS, type AttachmentDraft, type EvidenceItem, fileProblem } from '@openpas/pa-request';
import { Button } from '@openpas/ui/button';
import { Field, Input } from '@openpas/ui/field';
import { useId, useState } from 'react';
import { useTranslations } from 'use-intl';

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface AttachmentsProps {
  value: AttachmentDraft[];
  onChange: (files: AttachmentDraft[]) => void;
  /** The imaging reports a key image can belong to */
  imagingReports: EvidenceItem[];
  errorOf: (index: number) => string | undefined;
}

/**
 * Evidence files the chart does not hold: PDFs (a medical record or a care plan) and key images of an
 * imaging report, each checked for type and size before it is read; they travel inside the Bundle.
 */
export function Attachments({ value, onChange, imagingReports, errorOf }: AttachmentsProps) {
  const t = useTranslations('attachments');
  const inputId = useId();
  const [problem, setProblem] = useState<string | undefined>();

  async function add(files: FileList | null) {
    setProblem(undefined);
    const next = [...value];
    for (const file of [...(files ?? [])]) {
      const kind = file.type.startsWith('image/') ? 'image' : 'pdf';
      const refused = fileProblem({ contentType: file.type, size: file.size }, kind, next);
      if (refused) {
        setProblem(
          t(`refused.${refused}`, {
            name: file.name,
            max: megabytes(ATTACHMENT_LIMITS.maxFileBytes),
            total: megabytes(ATTACHMENT_LIMITS.maxTotalBytes),
            count: ATTACHMENT_LIMITS.maxFiles,
          }),
        );
        continue;
      }
      next.push({
        name: file.name,
        contentType: file.type,
        size: file.size,
        data: await base64Of(file),
        kind: kind === 'image' ? 'image' : 'medrec',
        title: file.name.replace(/\.[^.]+$/, ''),
        imagingReport: kind === 'image' ? (imagingReports[0]?.key ?? '') : '',
      });
    }
    onChange(next);
  }

  const update = (index: number, change: Partial<AttachmentDraft>) =>
    onChange(value.map((file, i) => (i === index ? { ...file, ...change } : file)));

  return (
    <div className="space-y-3">
      <Field
        label={t('add')}
        error={problem}
        hint={t('limits', {
          max: megabytes(ATTACHMENT_LIMITS.maxFileBytes),
          total: megabytes(ATTACHMENT_LIMITS.maxTotalBytes),
          count: ATTACHMENT_LIMITS.maxFiles,
        })}
      >
        {(control) => (
          <input
            {...control}
            id={inputId}
            type="file"
            multiple
            accept={[...ATTACHMENT_LIMITS.pdf, ...ATTACHMENT_LIMITS.image].join(',')}
            onChange={(event) => {
              void add(event.currentTarget.files);
              event.currentTarget.value = '';
            }}
            className="block text-sm"
          />
        )}
      </Field>
      {value.length > 0 ? (
        <ul className="space-y-3">
          {value.map((file, index) => (
            <li key={`${file.name}-${index}`} className="rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-end gap-3">
                <p className="min-w-48 text-sm font-medium">
                  {file.name} <span className="text-xs text-slate-500">{megabytes(file.size)}</span>
                </p>
                {file.kind === 'image' ? (
                  <Field label={t('imagingReport')}>
                    {(control) => (
                      <select
                        {...control}
                        value={file.imagingReport}
                        onChange={(event) => update(index, { imagingReport: event.target.value })}
                        className="rounded-md border border-slate-300 px-2 py-2 text-sm"
                      >
                        {imagingReports.map((report) => (
                          <option key={report.key} value={report.key}>
                            {report.label} {report.date ?? ''}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ) : (
                  <>
                    <Field label={t('kind')}>
                      {(control) => (
                        <select
                          {...control}
                          value={file.kind}
                          onChange={(event) => {
                            const kind = event.target.value as AttachmentDraft['kind'];
                            update(index, {
                              kind,
                              ...(kind === 'careplan' ? { title: CARE_PLAN_TITLES[0] } : {}),
                            });
                          }}
                          className="rounded-md border border-slate-300 px-2 py-2 text-sm"
                        >
                          <option value="medrec">{t('medrec')}</option>
                          <option value="careplan">{t('careplan')}</option>
                        </select>
                      )}
                    </Field>
                    <Field label={t('title')} error={errorOf(index)}>
                      {(control) =>
                        file.kind === 'careplan' ? (
                          <select
                            {...control}
                            value={file.title}
                            onChange={(event) => update(index, { title: event.target.value })}
                            className="rounded-md border border-slate-300 px-2 py-2 text-sm"
                          >
                            {CARE_PLAN_TITLES.map((title) => (
                              <option key={title}>{title}</option>
                            ))}
                          </select>
                        ) : (
                          <Input
                            {...control}
                            value={file.title}
                            onChange={(event) => update(index, { title: event.target.value })}
                          />
                        )
                      }
                    </Field>
                  </>
                )}
                <Button variant="ghost" onClick={() => onChange(value.filter((_, i) => i !== index))}>
                  {t('remove', { name: file.name })}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
