// Optional SMS confirmation before spending points or giving a personal discount by phone number. The
// code goes to the customer's phone through an SmsSender; only a salted hash is stored, attempts are
// limited, codes expire, and no answer ever contains the code, so the cashier cannot see it.
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import { scoped } from '../../platform/db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Logger } from '../../platform/logging.js';
import { getCustomer } from '../customers/index.js';
import { requirePermission, type Actor } from '../tenancy/index.js';
import { sha256 } from './hashing.js';
import { orgSettings, readerActor } from './org.js';

export interface SmsSender {
  send(message: { to: string; text: string; organizationId: string }, log: Logger): Promise<void>;
}

/** Until the messaging capability brings real gateways: the message goes to the server log only. */
export const logSmsSender: SmsSender = {
  async send(message, log) {
    log.info({ sms: { to: message.to, text: message.text, organizationId: message.organizationId } }, 'SMS (log-only sender)');
  },
};

let sender: SmsSender = logSmsSender;

/** Replaces the sender for this process (a gateway module at start; tests that read the code). */
export function setSmsSender(next: SmsSender): void {
  sender = next;
}

export const SMS_CODE_TTL_MS = 10 * 60_000;
export const SMS_MAX_ATTEMPTS = 5;
const MAX_CODES_PER_WINDOW = 3;
const WINDOW_MS = 10 * 60_000;

const codeHash = (challengeId: string, code: string) => sha256(`${challengeId}:${code}`);
const mask = (phone: string) => `${phone.slice(0, 3)}${'•'.repeat(Math.max(0, phone.length - 5))}${phone.slice(-2)}`;

export async function requestSmsCode(ctx: ServiceContext, actor: Actor, input: { customerId: string; purpose: 'spend_points' | 'phone_discount' }) {
  requirePermission(actor, 'checkout.use');
  const customer = await getCustomer(ctx, readerActor(actor, actor), input.customerId);
  const phone = customer.phones[0];
  if (!phone) throw new AppError('no_phone', 'customerId: the customer has no phone number for an SMS code', { field: 'customerId' }, 'unprocessable');
  const now = ctx.clock.now();
  const recent = await scoped(ctx.db, actor).selectFrom('loyalty_sms_challenges').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', input.customerId).where('created_at', '>', new Date(now.getTime() - WINDOW_MS)).executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_CODES_PER_WINDOW) throw new AppError('too_many_sms', 'Too many codes were sent to this customer; wait a few minutes', { retryAfterSeconds: WINDOW_MS / 1000 }, 'too_many');
  const id = ctx.ids.next();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + SMS_CODE_TTL_MS);
  await scoped(ctx.db, actor).insertInto('loyalty_sms_challenges', {
    id, customer_id: input.customerId, purpose: input.purpose, phone, code_hash: codeHash(id, code), max_attempts: SMS_MAX_ATTEMPTS,
    expires_at: expiresAt, verified_at: null, consumed_at: null, consumed_by: null, created_at: now,
  }).execute();
  const { name } = await orgSettings(ctx, actor);
  await sender.send({ to: phone, text: `${name}: your code is ${code}`, organizationId: actor.organizationId }, ctx.log);
  return { challengeId: id, expiresAt: expiresAt.toISOString(), phone: mask(phone) };
}

export async function verifySmsCode(ctx: ServiceContext, actor: Actor, input: { challengeId: string; code: string }) {
  requirePermission(actor, 'checkout.use');
  const s = scoped(ctx.db, actor);
  const row = await s.selectFrom('loyalty_sms_challenges').selectAll().where('id', '=', input.challengeId).executeTakeFirst();
  if (!row) throw notFound('sms_challenge', { field: 'challengeId' });
  const now = ctx.clock.now();
  if (row.verified_at) return { challengeId: row.id, verified: true, expiresAt: row.expires_at.toISOString() };
  if (row.expires_at.getTime() <= now.getTime()) throw new AppError('sms_code_expired', 'The code has expired; request a new one', { field: 'code' }, 'gone');
  if (row.attempts >= row.max_attempts) throw new AppError('sms_attempts_exceeded', 'Too many wrong codes; request a new one', { field: 'code' }, 'too_many');
  const given = Buffer.from(codeHash(row.id, input.code.trim()), 'hex');
  const right = timingSafeEqual(given, Buffer.from(row.code_hash, 'hex'));
  if (!right) {
    // Counted with a conditional update, so parallel guesses cannot exceed the limit.
    const counted = await s.updateTable('loyalty_sms_challenges', { attempts: row.attempts + 1 }).where('id', '=', row.id).where('attempts', '=', row.attempts).returning('attempts').executeTakeFirst();
    const left = row.max_attempts - (counted?.attempts ?? row.max_attempts);
    throw new AppError('sms_code_wrong', 'code: the code is wrong', { field: 'code', attemptsLeft: Math.max(0, left) }, 'unprocessable');
  }
  await s.updateTable('loyalty_sms_challenges', { verified_at: now }).where('id', '=', row.id).execute();
  return { challengeId: row.id, verified: true, expiresAt: row.expires_at.toISOString() };
}
