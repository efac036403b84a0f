'use client';

import { Button } from '@openpas/ui/button';
import { usePathname, useSearchParams } from 'next/navigation';

/** "Sign in" that comes back to the page the person was on. */
export function SignInLink({ label }: { label: string }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const here = `${pathname}${search ? `?${search}` : ''}`;
  const href = here === '/' ? '/api/auth/signin' : `/api/auth/signin?returnTo=${encodeURIComponent(here)}`;
  return (
    <Button asChild>
      <a href={href}>{label}</a>
    </Button>
  );
}
