'use client';

import type { DecisionView } from '@openpas/app-registry/views';
import { useFormatter, useTranslations } from 'next-intl';

/** Who decided what about which version, when and why: the same list for the developer and the admin. */
export function DecisionHistory({ decisions }: { decisions: DecisionView[] }) {
  const t = useTranslations('appDetail');
  const vocab = useTranslations('vocab.action');
  const certification = useTranslations('certification');
  // The certification override is this feature's own decision, labelled in its namespace.
  const action = (name: DecisionView['action']) =>
    name === 'approve-override' ? certification('decisionOverride') : vocab(name);
  const format = useFormatter();
  if (decisions.length === 0) return <p className="text-sm text-slate-600">{t('noHistory')}</p>;
  return (
    <ol className="space-y-2 text-sm">
      {decisions.map((decision) => (
        <li key={decision.id} className="border-l-2 border-slate-200 pl-3">
          <p>
            <span className="font-medium">{action(decision.action)}</span>
            {decision.version !== null ? ` · v${decision.version}` : ''}
            {decision.actor ? ` · ${t('by', { name: decision.actor.displayName })}` : ''}
            {' · '}
            <time dateTime={decision.at}>
              {format.dateTime(new Date(decision.at), { dateStyle: 'medium', timeStyle: 'short' })}
            </time>
          </p>
          {decision.reason ? (
            <p className="text-slate-600">
              {t('reason')}: {decision.reason}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
