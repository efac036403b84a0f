import type { PrismaClient, ReviewStatus } from '../generated/prisma/client.ts';

export type ClientDecision = 'approve' | 'reject' | 'suspend';

const STATUS: Record<ClientDecision, ReviewStatus> = {
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
};

export interface ClientReview {
  clientId: string;
  decision: ClientDecision;
  /** Required to reject or suspend: the developer is told why */
  reason?: string;
  /** The admin deciding (user id), recorded in the audit trail */
  actorUserId?: string;
}

export interface ClientReviewResult {
  status: ReviewStatus;
  /** Tokens, codes and grants removed because the client was suspended or rejected */
  revoked: number;
}

/**
 * An administrator's decision on an OAuth client. Suspending or rejecting takes effect at once: every
 * token, code and grant the client holds is deleted in the same transaction, so the FHIR API refuses
 * them on the next request. The decision is audited.
 */
export async function reviewClient(prisma: PrismaClient, review: ClientReview): Promise<ClientReviewResult> {
  const status = STATUS[review.decision];
  const reason = review.reason?.trim() || null;
  if (review.decision !== 'approve' && !reason)
    throw new Error(`a reason is required to ${review.decision} a client`);
  return prisma.$transaction(async (tx) => {
    const client = await tx.oAuthClient.findUnique({ where: { clientId: review.clientId } });
    if (!client) throw new Error(`unknown client ${review.clientId}`);
    await tx.oAuthClient.update({
      where: { clientId: review.clientId },
      data: { reviewStatus: status, statusReason: review.decision === 'approve' ? null : reason },
    });
    let revoked = 0;
    if (status !== 'approved') {
      const { count } = await tx.oidcPayload.deleteMany({
        where: { payload: { path: ['clientId'], equals: review.clientId } },
      });
      revoked = count;
    }
    await tx.auditEvent.create({
      data: {
        action: 'U',
        subtype: `client-${review.decision}`,
        outcome: 0,
        userId: review.actorUserId ?? null,
        clientId: review.clientId,
        detail: { status, reason, revoked },
      },
    });
    return { status, revoked };
  });
}
