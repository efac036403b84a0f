import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { nodeSide } from '../../server/node.ts';
import { SignUpForm } from './signup-form.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signup'))('title') };
}

export default async function SignUpPage() {
  const t = await getTranslations('signup');
  const { services } = await (await nodeSide()).runtime();
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="text-slate-600">{t('intro')}</p>
      <SignUpForm sandbox={services.sandbox} />
    </div>
  );
}
