import type { z } from 'zod';
import * as contract from './contract';
import type { Operation } from './openapi';

const problemStatuses = (...codes: number[]): Record<number, z.ZodType> =>
  Object.fromEntries(codes.map((code) => [code, contract.ProblemSchema]));

/** SPEC §9's routes, in the OpenAPI document beside the others. */
export const WEBHOOK_OPERATIONS: Operation[] = [
  {
    operationId: 'listWebhooks',
    method: 'get',
    path: '/api/v1/webhooks',
    summary: 'List webhook endpoints',
    permission: 'getWebhook',
    responses: { 200: contract.WebhookListSchema, ...problemStatuses(401, 403) },
  },
  {
    operationId: 'createWebhook',
    method: 'post',
    path: '/api/v1/webhooks',
    summary: 'Create a webhook endpoint; its signing secret is in the response, once',
    permission: 'createWebhook',
    body: contract.CreateWebhookBody,
    responses: { 201: contract.WebhookWithSecretSchema, ...problemStatuses(400, 401, 403, 413, 415) },
  },
  {
    operationId: 'getWebhook',
    method: 'get',
    path: '/api/v1/webhooks/{id}',
    summary: 'Get a webhook endpoint',
    permission: 'getWebhook',
    responses: { 200: contract.WebhookSchema, ...problemStatuses(401, 403, 404) },
  },
  {
    operationId: 'updateWebhook',
    method: 'patch',
    path: '/api/v1/webhooks/{id}',
    summary: 'Edit a webhook endpoint (URL, description, events, enabled)',
    permission: 'updateWebhook',
    body: contract.UpdateWebhookBody,
    responses: { 200: contract.WebhookSchema, ...problemStatuses(400, 401, 403, 404, 413, 415) },
  },
  {
    operationId: 'deleteWebhook',
    method: 'delete',
    path: '/api/v1/webhooks/{id}',
    summary: 'Delete a webhook endpoint with its deliveries',
    permission: 'deleteWebhook',
    responses: { 204: null, ...problemStatuses(401, 403, 404) },
  },
  {
    operationId: 'rotateWebhookSecret',
    method: 'post',
    path: '/api/v1/webhooks/{id}/rotate-secret',
    summary: 'A new signing secret, in the response once; the old one also signs for 24 hours (no body needed)',
    permission: 'updateWebhook',
    responses: { 200: contract.WebhookWithSecretSchema, ...problemStatuses(400, 401, 403, 404, 413, 415) },
  },
  {
    operationId: 'sendWebhookTest',
    method: 'post',
    path: '/api/v1/webhooks/{id}/test',
    summary: 'Queue a webhook.test event for this endpoint (no body needed)',
    permission: 'updateWebhook',
    responses: { 202: contract.WebhookTestResultSchema, ...problemStatuses(400, 401, 403, 404, 409, 413, 415) },
  },
  {
    operationId: 'listWebhookDeliveries',
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries',
    summary: 'The endpoint’s deliveries, newest first, each with its attempts',
    permission: 'getWebhook',
    query: contract.DeliveriesQuery,
    responses: { 200: contract.WebhookDeliveryPageSchema, ...problemStatuses(400, 401, 403, 404) },
  },
];
