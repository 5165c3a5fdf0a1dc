import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi');

type Json = Record<string, unknown>;

/** Checks a response of a test against the OpenAPI document: the status is documented and the body matches its schema. */
export async function expectContract(method: string, pathTemplate: string, response: Response): Promise<unknown> {
  const operation = (document.paths as Record<string, Record<string, Json>>)[pathTemplate]?.[method.toLowerCase()];
  expect(operation, `${method} ${pathTemplate} is documented`).toBeDefined();
  const documented = (operation!.responses as Record<string, Json>)[String(response.status)];
  expect(documented, `${method} ${pathTemplate} documents status ${response.status}`).toBeDefined();
  const content = documented!.content as Record<string, { schema: Json }> | undefined;
  if (!content) {
    expect(await response.text()).toBe('');
    return null;
  }
  const [mediaType, { schema }] = Object.entries(content)[0]!;
  expect(response.headers.get('content-type') ?? '').toContain(mediaType);
  const body = await response.json();
  const ref = (schema.$ref as string | undefined)?.replace('#/', 'openapi#/');
  const validate = ref ? ajv.getSchema(ref)! : ajv.compile(schema);
  const valid = validate(body);
  expect(valid ? [] : validate.errors, `${method} ${pathTemplate} ${response.status} body matches its schema`).toEqual([]);
  return body;
}
