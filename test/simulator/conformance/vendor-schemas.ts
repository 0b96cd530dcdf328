/**
 * Pleo's Vendors API (External Vendors 34.17.0) is not among the OpenAPI fixtures. This is our
 * own transcription of the parts the simulator serves, as a small OpenAPI document, written from
 * Pleo's Vendors reference pages: which members a vendor always has (`id`, `companyId`, `name`,
 * `defaultCurrency`, `state`), which it may have (none of them nullable), the states, the cursor
 * envelope, and the documented answers (201 on create, 409 when the vendor already exists).
 * Replace it with Pleo's file if that is ever added to test/fixtures/pleo-openapi.
 */
const json = 'application/json;charset=UTF-8';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: unknown) => ({ content: { [json]: { schema } } });

export const VENDORS_CONTRACT = {
  openapi: '3.0.1',
  info: { title: 'Vendors API (transcribed for tests)', version: '34.17.0' },
  paths: {
    '/v1/vendors': {
      post: {
        requestBody: { required: true, ...jsonBody(ref('VendorCreateRequest')) },
        responses: {
          '201': { description: 'Created', ...jsonBody(ref('DataResponseVendorResponse')) },
          '409': { description: 'Vendor already exists' },
        },
      },
    },
    '/v1/vendors/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': { description: 'The vendor', ...jsonBody(ref('DataResponseVendorResponse')) } },
      },
    },
    '/v1/vendors:search': {
      post: {
        parameters: [
          { name: 'company_id', in: 'query', required: true, schema: { type: 'string', format: 'uuid' } },
          ...['before', 'after'].map((name) => ({ name, in: 'query', schema: { type: 'string', pattern: '^[A-Z2-7=~]+$' } })),
          { name: 'offset', in: 'query', schema: { type: 'integer', format: 'int64' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', format: 'int32' } },
          { name: 'sorting_keys', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'sorting_order', in: 'query', schema: { type: 'array', items: ref('PageOrder') } },
        ],
        requestBody: jsonBody(ref('VendorSearchRequestV1')),
        responses: { '200': { description: 'Matching vendors', ...jsonBody(ref('CursorPaginatedResponseVendorResponse')) } },
      },
    },
  },
  components: {
    schemas: {
      ExceptionInfo: { type: 'object', required: ['type'], properties: { type: { type: 'string' }, message: { type: 'string' } } },
      PageOrder: { type: 'string', enum: ['ASC', 'ASC_NULLS_FIRST', 'ASC_NULLS_LAST', 'DESC', 'DESC_NULLS_FIRST', 'DESC_NULLS_LAST'] },
      VendorState: { type: 'string', enum: ['DRAFT', 'ACTIVE', 'ARCHIVED'] },
      CountryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
      VendorResponse: {
        type: 'object',
        required: ['companyId', 'defaultCurrency', 'id', 'name', 'state'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          companyId: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          defaultCurrency: { type: 'string', minLength: 3, maxLength: 3 },
          state: ref('VendorState'),
          accountingSystem: { type: 'string' },
          code: { type: 'string' },
          country: ref('CountryCode'),
          externalId: { type: 'string' },
          registrationNumber: { type: 'string' },
          taxRegistrationNumber: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      VendorCreateRequest: {
        type: 'object',
        required: ['companyId', 'defaultCurrency', 'name'],
        properties: {
          companyId: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          defaultCurrency: { type: 'string' },
          code: { type: 'string' },
          country: ref('CountryCode'),
          externalId: { type: 'string' },
          registrationNumber: { type: 'string' },
          taxRegistrationNumber: { type: 'string' },
        },
      },
      VendorSearchRequestV1: {
        type: 'object',
        properties: {
          ids: { type: 'array', maxItems: 100, items: { type: 'string', format: 'uuid' } },
          codes: { type: 'array', maxItems: 100, items: { type: 'string' } },
          externalIds: { type: 'array', maxItems: 100, items: { type: 'string' } },
          name: { type: 'string' },
          countries: { type: 'array', maxItems: 100, items: ref('CountryCode') },
          states: { type: 'array', maxItems: 4, items: ref('VendorState') },
          taxRegistrationNumbers: { type: 'array', maxItems: 100, items: { type: 'string' } },
          accountingSystems: { type: 'array', maxItems: 100, items: { type: 'string' } },
        },
      },
      DataResponseVendorResponse: { type: 'object', required: ['data'], properties: { data: ref('VendorResponse') } },
      CursorPageCurrentRequestInfo: {
        type: 'object',
        required: ['parameters'],
        properties: {
          after: { type: 'string' },
          before: { type: 'string' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
          parameters: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          sortingKeys: { type: 'array', items: { type: 'string' } },
          sortingOrder: { type: 'array', items: ref('PageOrder') },
        },
      },
      CursorPageInfo: {
        type: 'object',
        required: ['currentRequestPagination', 'hasNextPage', 'hasPreviousPage'],
        properties: {
          currentRequestPagination: ref('CursorPageCurrentRequestInfo'),
          endCursor: { type: 'string' },
          startCursor: { type: 'string' },
          hasNextPage: { type: 'boolean' },
          hasPreviousPage: { type: 'boolean' },
          total: { type: 'integer' },
        },
      },
      CursorPaginatedResponseVendorResponse: {
        type: 'object',
        required: ['data', 'pagination'],
        properties: { data: { type: 'array', items: ref('VendorResponse') }, pagination: ref('CursorPageInfo') },
      },
    },
  },
};
