// Discount club: the daily evaluation proposes who joins and who leaves, with the figures behind it.
import type { MinorUnits } from '../../../platform/money.js';
import type { AccumulationEvent } from './measure.js';
import { addLocalDays, measureWindow } from './measure.js';
import type { ClubConfig } from './program.js';

export interface ClubMembership {
  member: boolean;
  /** When the current membership started (null for non-members). */
  since: Date | null;
}

export type ClubAction = 'join' | 'leave' | 'stay' | 'none';

export interface ClubDecision {
  action: ClubAction;
  /** 'join'/'leave' proposals apply without the owner when the club is set to approve automatically. */
  autoApply: boolean;
  /** 'grace': a member is not asked to meet the stay condition before a full stay window of membership. */
  reason: 'join_threshold_met' | 'join_threshold_not_met' | 'stay_threshold_met' | 'stay_threshold_not_met' | 'grace';
  measured: MinorUnits;
  required: MinorUnits;
  windowStart: Date;
  windowEnd: Date;
}

export function evaluateClub(config: ClubConfig, membership: ClubMembership, events: readonly AccumulationEvent[], at: Date, timeZone: string): ClubDecision {
  const autoApply = config.approval === 'auto';
  if (!membership.member) {
    const windowStart = addLocalDays(at, -config.join.days, timeZone);
    const measured = measureWindow(events, windowStart, at).amount;
    const met = measured >= config.join.amount;
    return {
      action: met ? 'join' : 'none', autoApply, reason: met ? 'join_threshold_met' : 'join_threshold_not_met',
      measured, required: config.join.amount, windowStart, windowEnd: at,
    };
  }
  const windowStart = addLocalDays(at, -config.stay.days, timeZone);
  const measured = measureWindow(events, windowStart, at).amount;
  // Judging a new member on a window that is mostly from before they joined would be unfair both ways.
  if (membership.since !== null && membership.since.getTime() > windowStart.getTime()) {
    return { action: 'stay', autoApply, reason: 'grace', measured, required: config.stay.amount, windowStart, windowEnd: at };
  }
  const met = measured >= config.stay.amount;
  return {
    action: met ? 'stay' : 'leave', autoApply, reason: met ? 'stay_threshold_met' : 'stay_threshold_not_met',
    measured, required: config.stay.amount, windowStart, windowEnd: at,
  };
}
