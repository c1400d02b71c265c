// The owner's side of the club: the daily evaluation's proposals, approved or rejected one by one.
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/database.js';
import { scoped } from '../../platform/db/tenant.js';
import { conflict, notFound } from '../../platform/errors.js';
import { audit, requirePermission, type Actor } from '../tenancy/index.js';
import { applyClubChange } from './evaluation.js';
import { memberForUpdate } from './members.js';
import type { ClubProposalsTable } from './tables.js';
import type { Selectable } from 'kysely';

const toProposal = (r: Selectable<ClubProposalsTable>) => ({
  id: r.id, programId: r.program_id, customerId: r.customer_id, action: r.action, status: r.status, reason: r.reason,
  measured: r.measured, required: r.required, windowStart: r.window_start.toISOString(), windowEnd: r.window_end.toISOString(),
  createdAt: r.created_at.toISOString(), decidedAt: r.decided_at?.toISOString() ?? null, decidedBy: r.decided_by,
});

export async function listClubProposals(ctx: ServiceContext, actor: Actor, q: { status?: Selectable<ClubProposalsTable>['status']; limit: number }) {
  requirePermission(actor, 'programs.manage');
  let query = scoped(ctx.db, actor).selectFrom('loyalty_club_proposals').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit);
  if (q.status) query = query.where('status', '=', q.status);
  return (await query.execute()).map(toProposal);
}

export async function decideClubProposal(ctx: ServiceContext, actor: Actor, id: string, decision: 'approve' | 'reject') {
  requirePermission(actor, 'programs.manage');
  return inTransaction(ctx.db, async (tx) => {
    const p = await scoped(tx, actor).selectFrom('loyalty_club_proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw notFound('club_proposal', { id });
    if (p.status !== 'pending') throw conflict('proposal_decided', `This proposal was ${p.status} already`);
    const now = ctx.clock.now();
    if (decision === 'approve') {
      const member = await memberForUpdate(tx, actor, p.program_id, p.customer_id);
      if (!member) throw notFound('member', { customerId: p.customer_id });
      if (member.club_member !== (p.action === 'join')) {
        await applyClubChange(ctx, tx, actor, { programId: p.program_id, customerId: p.customer_id, action: p.action, reason: `approved:${p.reason}`, staffId: actor.staffId, details: { proposalId: p.id, measured: p.measured, required: p.required } });
      }
    }
    const row = await scoped(tx, actor).updateTable('loyalty_club_proposals', { status: decision === 'approve' ? 'approved' : 'rejected', decided_at: now, decided_by: actor.staffId })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, ctx, actor, `club_proposal.${decision === 'approve' ? 'approved' : 'rejected'}`, 'loyalty_club_proposal', id, { customerId: p.customer_id, action: p.action });
    return toProposal(row);
  });
}
