// HTTP routes of interactions, complaints and complaint reasons.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, listOf, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { ownRow, text } from '../schemas.js';
import { complaintHandovers, complaintsByReason, listComplaints, reassignComplaint, resolveComplaint } from './complaints.js';
import { addReason, listReasons, updateReason } from './reasons.js';
import { addInteraction, getInteraction, listInteractions } from './service.js';

const kind = z.enum(['call', 'message', 'meeting', 'letter', 'contract', 'complaint', 'return', 'cancellation', 'note']);
const channel = z.enum(['phone', 'email', 'sms', 'messenger', 'in_person', 'post', 'web', 'other']);
const interactionSchema = z.object({
  id: z.uuid(), customerId: z.uuid(), kind, occurredAt: z.string(), staffId: z.string().nullable(), channel: channel.nullable(),
  direction: z.enum(['inbound', 'outbound']).nullable(), text: z.string().nullable(), attachmentRef: z.string().nullable(),
  complaint: z.object({
    status: z.enum(['open', 'resolved']), ownerId: z.string(), reasonId: z.string(), resolution: z.string().nullable(), resolvedAt: z.string().nullable(), resolvedBy: z.string().nullable(),
  }).nullable(),
  createdAt: z.string(), createdBy: z.string().nullable(),
}).meta({ id: 'CustomerInteraction' });
const reasonSchema = z.object({ id: z.uuid(), key: z.string(), label: z.string(), position: z.number().int(), archived: z.boolean(), builtIn: z.boolean().describe('A default reason with its default label: the web app shows it translated') }).meta({ id: 'ComplaintReason' });
const period = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

export async function interactionRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customer interactions'];
  const complaint = ownRow(ctx, 'customer_interactions', 'complaint');

  app.get('/api/customers/:id/interactions', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags, summary: 'Interactions with a customer, newest first', params: idParams, querystring: z.object({ kind: kind.optional(), before: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: listOf(interactionSchema), ...commonErrors } },
  }, async (request) => ({ items: await listInteractions(ctx, actorOf(request), request.params.id, request.query) }));
  app.post('/api/customers/:id/interactions', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: {
      tags, summary: 'Log a call, message, meeting, letter, contract, complaint, return or cancellation', params: idParams,
      body: z.object({
        kind, occurredAt: z.iso.datetime({ offset: true }).optional(), staffId: z.uuid().nullable().optional().describe('Who dealt with it; default the caller'),
        channel: channel.nullable().optional(), direction: z.enum(['inbound', 'outbound']).nullable().optional(), text: text(20_000).nullable().optional(),
        attachmentRef: text(1000).nullable().optional().describe('A link or file reference of an attachment'),
        complaint: z.object({ reasonId: z.uuid(), ownerId: z.uuid().optional().describe('Who keeps it until it is resolved; default the caller') }).optional(),
      }),
      response: { 201: interactionSchema, ...commonErrors },
    },
  }, async (request, reply) => reply.code(201).send(await addInteraction(ctx, actorOf(request), request.params.id, request.body)));
  app.get('/api/interactions/:id', {
    preValidation: ownRow(ctx, 'customer_interactions', 'interaction'),
    schema: { tags, summary: 'One interaction', params: idParams, response: { 200: interactionSchema, ...commonErrors } },
  }, (request) => getInteraction(ctx, actorOf(request), request.params.id));

  app.get('/api/complaints', {
    schema: { tags, summary: 'Complaints across customers, newest first', querystring: z.object({ status: z.enum(['open', 'resolved']).optional(), ownerId: z.uuid().optional(), reasonId: z.uuid().optional(), from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: listOf(interactionSchema), ...commonErrors } },
  }, async (request) => ({ items: await listComplaints(ctx, actorOf(request), request.query) }));
  app.get('/api/complaints/by-reason', {
    schema: { tags, summary: 'Complaints counted by reason over a period', querystring: period, response: { 200: period.extend({ items: z.array(z.object({ reasonId: z.uuid(), key: z.string(), label: z.string(), total: z.number().int(), open: z.number().int(), resolved: z.number().int() })) }), ...commonErrors } },
  }, (request) => complaintsByReason(ctx, actorOf(request), request.query));
  app.post('/api/complaints/:id/resolve', {
    preValidation: complaint,
    schema: { tags, summary: 'Resolve a complaint (its owner, or an owner or manager)', params: idParams, body: z.object({ resolution: text(20_000).min(1) }), response: { 200: interactionSchema, ...commonErrors } },
  }, (request) => resolveComplaint(ctx, actorOf(request), request.params.id, request.body));
  app.post('/api/complaints/:id/reassign', {
    preValidation: complaint,
    schema: { tags, summary: 'Hand a complaint to another staff member, with the reason (its owner, or an owner or manager)', params: idParams, body: z.object({ ownerId: z.uuid(), reason: text(2000).min(1) }), response: { 200: interactionSchema, ...commonErrors } },
  }, (request) => reassignComplaint(ctx, actorOf(request), request.params.id, request.body));
  app.get('/api/complaints/:id/handovers', {
    preValidation: complaint,
    schema: { tags, summary: 'Who handed a complaint to whom, and why', params: idParams, response: { 200: listOf(z.object({ id: z.uuid(), fromStaffId: z.uuid(), toStaffId: z.uuid(), reason: z.string(), byStaffId: z.string().nullable(), at: z.string() })), ...commonErrors } },
  }, async (request) => ({ items: await complaintHandovers(ctx, actorOf(request), request.params.id) }));

  app.get('/api/complaint-reasons', { schema: { tags, summary: 'Complaint reasons of the organization', response: { 200: listOf(reasonSchema), ...commonErrors } } },
    async (request) => ({ items: await listReasons(ctx, actorOf(request)) }));
  app.post('/api/complaint-reasons', {
    schema: { tags, summary: 'Add a complaint reason (owner, manager)', body: z.object({ label: text(200).min(1), key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lowercase latin letters, digits and _').optional() }), response: { 201: reasonSchema, ...commonErrors } },
  }, async (request, reply) => reply.code(201).send(await addReason(ctx, actorOf(request), request.body)));
  app.patch('/api/complaint-reasons/:id', {
    preValidation: ownRow(ctx, 'customer_complaint_reasons', 'reason'),
    schema: { tags, summary: 'Rename, reorder or archive a complaint reason (owner, manager)', params: idParams, body: z.object({ label: text(200).min(1).optional(), archived: z.boolean().optional(), position: z.number().int().min(0).max(10_000).optional() }), response: { 200: reasonSchema, ...commonErrors } },
  }, (request) => updateReason(ctx, actorOf(request), request.params.id, request.body));
}
