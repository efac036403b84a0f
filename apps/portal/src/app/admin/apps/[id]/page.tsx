import { Review } from '../../../../components/admin/review.tsx';
import { Forbidden } from '../../../../components/layout/forbidden.tsx';
import { requireRole } from '../../../../server/require-role.ts';

export default async function AdminReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { allowed } = await requireRole('admin', `/admin/apps/${id}`);
  if (!allowed) return <Forbidden />;
  return <Review appId={id} />;
}
