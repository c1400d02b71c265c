// Checkout HTTP routes for POS API keys and cashiers: identify → calculate → confirm → cancel / refund,
// plus the SMS confirmation step.
import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { commonErrors, errorBody, type HttpApp } from '../../platform/http.js';
import { actorOf } from '../tenancy/index.js';
import { calculateCheckout } from './checkout-calculate.js';
import { confirmCheckout, serializedAnswers } from './checkout-confirm.js';
import { identify } from './checkout-identify.js';
import { cancelReceipt, refundReceipt } from './checkout-refund.js';
import {
  calculateAnswerSchema, calculateBodySchema, cancelBodySchema, confirmAnswerSchema, confirmBodySchema, identifyAnswerSchema, identifyBodySchema,
  refundAnswerSchema, refundBodySchema,
} from './schemas.js';
import { requestSmsCode, verifySmsCode } from './sms.js';

const errors = { ...commonErrors, 410: errorBody, 422: errorBody, 429: errorBody, 503: errorBody };

/**
 * The checkout answers are built by typed code from the same shapes the schemas describe (the tests
 * check every answer against its schema); re-validating a 20-line receipt on every request cost about
 * a third of calculate's CPU, so these routes serialize with plain JSON.stringify (fast-json-stringify
 * from the same schema measured no faster for the 11 KB calculate answer). A confirm answer already
 * serialized for its webhook is sent as that text. The schemas still document the answers in OpenAPI.
 */
const plainJson = { serializerCompiler: () => (data: unknown) => (typeof data === 'object' && data !== null && serializedAnswers.get(data)) || JSON.stringify(data) };

export async function checkoutRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Checkout'];
  app.post('/api/checkout/identify', {
    ...plainJson,
    schema: {
      tags, summary: 'Identify the customer by card number, phone, one-time QR token or id: name, tier, discount, points, next threshold, greetings, warnings',
      body: identifyBodySchema, response: { 200: identifyAnswerSchema, ...errors },
    },
  }, (request) => identify(ctx, actorOf(request), request.body));

  app.post('/api/checkout/calculate', {
    ...plainJson,
    schema: {
      tags, summary: 'Calculate a receipt: per-line discounts with reasons, points to spend and earn, the total. Writes nothing.',
      body: calculateBodySchema, response: { 200: calculateAnswerSchema, ...errors },
    },
  }, (request) => calculateCheckout(ctx, actorOf(request), request.body));

  app.post('/api/checkout/confirm', {
    ...plainJson,
    schema: {
      tags,
      summary: 'Confirm a receipt (idempotent by receiptId): the same id and body return the first answer unchanged; the same id with another body is 409 receipt_conflict',
      body: confirmBodySchema, response: { 200: confirmAnswerSchema, ...errors },
    },
  }, (request) => confirmCheckout(ctx, actorOf(request), request.body));

  app.post('/api/checkout/cancel', {
    ...plainJson,
    schema: {
      tags, summary: 'Cancel a receipt on the day it was made, before its points unlock (idempotent by cancelId)',
      body: cancelBodySchema, response: { 200: refundAnswerSchema, ...errors },
    },
  }, (request) => cancelReceipt(ctx, actorOf(request), request.body));

  app.post('/api/checkout/refund', {
    ...plainJson,
    schema: {
      tags, summary: 'Refund lines and quantities of a receipt (idempotent by refundId): money, points returned and taken back, to the minor unit',
      body: refundBodySchema, response: { 200: refundAnswerSchema, ...errors },
    },
  }, (request) => refundReceipt(ctx, actorOf(request), request.body));

  app.post('/api/checkout/sms-code', {
    schema: {
      tags, summary: 'Send a confirmation code to the customer\'s phone (the code is never returned)',
      body: z.object({ customerId: z.uuid(), purpose: z.enum(['spend_points', 'phone_discount']) }),
      response: { 200: z.object({ challengeId: z.uuid(), expiresAt: z.string(), phone: z.string().describe('masked') }), ...errors },
    },
  }, (request) => requestSmsCode(ctx, actorOf(request), request.body));

  app.post('/api/checkout/sms-code/verify', {
    schema: {
      tags, summary: 'Check the code the customer tells the cashier; then pass challengeId to confirm as smsChallengeId',
      body: z.object({ challengeId: z.uuid(), code: z.string().trim().min(4).max(10) }),
      response: { 200: z.object({ challengeId: z.uuid(), verified: z.boolean(), expiresAt: z.string() }), ...errors },
    },
  }, (request) => verifySmsCode(ctx, actorOf(request), request.body));
}
