// HTTP routes of custom fields, questionnaires and their values.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, listOf, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { ownRow, text } from '../schemas.js';
import * as service from './service.js';

const fieldType = z.enum(['text', 'number', 'date', 'choice', 'multi_choice']);
const fieldSchema = z.object({ id: z.uuid(), key: z.string(), label: z.string(), type: fieldType, options: z.array(z.string()), archived: z.boolean(), createdAt: z.string() }).meta({ id: 'CustomField' });
const questionnaireSchema = z.object({
  id: z.uuid(), name: z.string(), description: z.string().nullable(), archived: z.boolean(),
  fields: z.array(z.object({ fieldId: z.uuid(), required: z.boolean() })), createdAt: z.string(),
}).meta({ id: 'Questionnaire' });
const valuesSchema = z.object({
  items: z.array(z.object({ fieldId: z.uuid(), key: z.string(), label: z.string(), type: fieldType, value: z.unknown(), updatedAt: z.string(), updatedBy: z.string().nullable() })),
  missingRequired: z.array(z.uuid()).describe('Required fields of the questionnaire asked about that have no value yet'),
}).meta({ id: 'CustomerFieldValues' });
const questionnaireBody = z.object({
  name: text(200).min(1), description: text(2000).nullable().optional(),
  fields: z.array(z.object({ fieldId: z.uuid(), required: z.boolean().optional() })).max(200),
});

export async function questionnaireRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customer questionnaires'];
  app.get('/api/customer-fields', { schema: { tags, summary: 'Custom fields of the customer base', response: { 200: listOf(fieldSchema), ...commonErrors } } },
    async (request) => ({ items: await service.listFields(ctx, actorOf(request)) }));
  app.post('/api/customer-fields', {
    schema: { tags, summary: 'Define a custom field (owner, manager)', body: z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lowercase latin letters, digits and _ starting with a letter').optional(), label: text(200).min(1), type: fieldType, options: z.array(text(200)).max(200).optional() }), response: { 201: fieldSchema, ...commonErrors } },
  }, async (request, reply) => reply.code(201).send(await service.createField(ctx, actorOf(request), request.body)));
  app.patch('/api/customer-fields/:id', {
    preValidation: ownRow(ctx, 'customer_fields', 'field'),
    schema: { tags, summary: 'Rename a field, add or remove choices, archive it (owner, manager)', params: idParams, body: z.object({ label: text(200).min(1).optional(), options: z.array(text(200)).max(200).optional(), archived: z.boolean().optional() }), response: { 200: fieldSchema, ...commonErrors } },
  }, (request) => service.updateField(ctx, actorOf(request), request.params.id, request.body));

  app.get('/api/questionnaires', { schema: { tags, summary: 'Questionnaires (forms of custom fields)', response: { 200: listOf(questionnaireSchema), ...commonErrors } } },
    async (request) => ({ items: await service.listQuestionnaires(ctx, actorOf(request)) }));
  app.post('/api/questionnaires', { schema: { tags, summary: 'Define a questionnaire (owner, manager)', body: questionnaireBody, response: { 201: questionnaireSchema, ...commonErrors } } },
    async (request, reply) => reply.code(201).send(await service.createQuestionnaire(ctx, actorOf(request), request.body)));
  app.get('/api/questionnaires/:id', { preValidation: ownRow(ctx, 'customer_questionnaires', 'questionnaire'), schema: { tags, summary: 'One questionnaire', params: idParams, response: { 200: questionnaireSchema, ...commonErrors } } },
    (request) => service.getQuestionnaire(ctx, actorOf(request), request.params.id));
  app.patch('/api/questionnaires/:id', {
    preValidation: ownRow(ctx, 'customer_questionnaires', 'questionnaire'),
    schema: { tags, summary: 'Change a questionnaire; `fields` replaces the list (owner, manager)', params: idParams, body: questionnaireBody.partial().extend({ archived: z.boolean().optional() }), response: { 200: questionnaireSchema, ...commonErrors } },
  }, (request) => service.updateQuestionnaire(ctx, actorOf(request), request.params.id, request.body));

  app.get('/api/customers/:id/field-values', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags, summary: 'Custom field values of a customer; with questionnaireId, which required ones are missing', params: idParams, querystring: z.object({ questionnaireId: z.uuid().optional() }), response: { 200: valuesSchema, ...commonErrors } },
  }, (request) => service.getFieldValues(ctx, actorOf(request), request.params.id, request.query.questionnaireId));
  app.put('/api/customers/:id/field-values', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: {
      tags, summary: 'Fill custom fields (by field id or key; null clears); with questionnaireId the form must end up complete', params: idParams,
      body: z.object({ values: z.record(z.string(), z.unknown()), questionnaireId: z.uuid().optional() }), response: { 200: valuesSchema, ...commonErrors },
    },
  }, (request) => service.setFieldValues(ctx, actorOf(request), request.params.id, request.body));
}
