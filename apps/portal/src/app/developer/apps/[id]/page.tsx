import { AppDetail } from '../../../../components/developer/app-detail.tsx';
import { Forbidden } from '../../../../components/layout/forbidden.tsx';
import { requireRole } from '../../../../server/require-role.ts';

export default async function DeveloperAppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { allowed } = await requireRole('developer', `/developer/apps/${id}`);
  if (!allowed) return <Forbidden />;
  return <AppDetail appId={id} />;
}
