import { ErrorNotice } from '@openpas/ui/states';
import { getTranslations } from 'next-intl/server';
import type { SandboxDirectory } from '../../node/docs/index.ts';
import { Code, cellClass, DocTable, GeneratedSection } from './doc-parts.tsx';

function Codes({ values, none }: { values: string[]; none: string }) {
  if (values.length === 0) return <span className="text-slate-500">{none}</span>;
  return (
    <ul className="space-y-1">
      {values.map((value) => (
        <li key={value}>
          <Code>{value}</Code>
        </li>
      ))}
    </ul>
  );
}

/** The sandbox's accounts, organisations, clients and cases, as its seed creates them. */
export async function SandboxSection({ sandbox }: { sandbox: SandboxDirectory | null }) {
  const t = await getTranslations('docs.sandbox');
  if (!sandbox) return <ErrorNotice title={t('off')} />;
  const none = t('none');
  return (
    <>
      <GeneratedSection id="docs-sandbox-accounts" title={t('accountsHeading')}>
        <p className="my-3">{t('password', { password: sandbox.password })}</p>
        <DocTable head={[t('username'), t('name'), t('roles'), t('organisation')]}>
          {sandbox.accounts.map((account) => (
            <tr key={account.username} data-username={account.username}>
              <th scope="row" className={`${cellClass} text-left font-normal`}>
                <Code>{account.username}</Code>
              </th>
              <td className={cellClass}>{account.displayName}</td>
              <td className={cellClass}>
                <Codes values={account.roles} none={none} />
              </td>
              <td className={cellClass}>
                {account.organization ? <Code>{account.organization}</Code> : none}
              </td>
            </tr>
          ))}
        </DocTable>
      </GeneratedSection>
      <GeneratedSection id="docs-sandbox-organisations" title={t('organisationsHeading')}>
        <DocTable head={[t('nhiCode'), t('name'), t('kind')]}>
          {sandbox.organisations.map((organisation) => (
            <tr key={organisation.nhiCode}>
              <th scope="row" className={`${cellClass} text-left font-normal`}>
                <Code>{organisation.nhiCode}</Code>
              </th>
              <td className={cellClass}>
                {organisation.name} ({organisation.nameEn})
              </td>
              <td className={cellClass}>
                <Code>{organisation.kind}</Code>
              </td>
            </tr>
          ))}
        </DocTable>
      </GeneratedSection>
      <GeneratedSection id="docs-sandbox-clients" title={t('clientsHeading')}>
        <DocTable
          head={[t('clientId'), t('authMethod'), t('grantTypes'), t('scopes'), t('redirectUris'), t('key')]}
        >
          {sandbox.clients.map((client) => (
            <tr key={client.clientId} data-client={client.clientId}>
              <th scope="row" className={`${cellClass} text-left font-normal`}>
                <Code>{client.clientId}</Code>
                <span className="mt-1 block text-slate-600">{client.name}</span>
                {client.organization ? <Code>{client.organization}</Code> : null}
              </th>
              <td className={cellClass}>
                <Code>{client.authMethod}</Code>
              </td>
              <td className={cellClass}>
                <Codes values={client.grantTypes} none={none} />
              </td>
              <td className={cellClass}>
                <Codes values={client.scopes} none={none} />
              </td>
              <td className={cellClass}>
                <Codes values={client.redirectUris} none={none} />
              </td>
              <td className={cellClass}>
                {client.key
                  ? t('keyLine', { file: client.key.file, kid: client.key.kid, alg: client.key.alg })
                  : none}
              </td>
            </tr>
          ))}
        </DocTable>
      </GeneratedSection>
      <GeneratedSection id="docs-sandbox-cases" title={t('casesHeading')}>
        <p className="my-3">{t('casesIntro')}</p>
        <Codes values={[...sandbox.cases]} none={none} />
      </GeneratedSection>
    </>
  );
}
