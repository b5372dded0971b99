/**
 * JSON Schemas (draft-07) of the evidence documents Slipway writes, for anyone who receives
 * them (the server, a verifier, the tests). in-toto, SLSA and Sigstore publish their formats as
 * prose and protobuf; these schemas transcribe the required parts of those specifications.
 */
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const timestamp = { type: 'string', format: 'date-time' } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

export const inTotoStatementSchema = {
  $id: 'https://slipway.dev/schemas/in-toto-statement-v1.json',
  type: 'object',
  required: ['_type', 'subject', 'predicateType', 'predicate'],
  additionalProperties: false,
  properties: {
    _type: { const: 'https://in-toto.io/Statement/v1' },
    subject: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'digest'],
        properties: {
          name: { type: 'string' },
          digest: {
            type: 'object',
            minProperties: 1,
            additionalProperties: { type: 'string', pattern: '^[0-9a-f]+$' },
          },
        },
      },
    },
    predicateType: { type: 'string', format: 'uri' },
    predicate: { type: 'object' },
  },
} as const;

export const slsaProvenanceSchema = {
  $id: 'https://slipway.dev/schemas/slsa-provenance-v1.json',
  type: 'object',
  required: ['buildDefinition', 'runDetails'],
  properties: {
    buildDefinition: {
      type: 'object',
      required: ['buildType', 'externalParameters'],
      properties: {
        buildType: { type: 'string', format: 'uri' },
        externalParameters: {
          type: 'object',
          required: ['repository', 'ref', 'inputs'],
          properties: {
            repository: { type: 'string' },
            ref: { type: 'string' },
            inputs: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'sha256'],
                properties: { path: { type: 'string' }, sha256 },
              },
            },
          },
        },
        internalParameters: { type: 'object' },
        resolvedDependencies: {
          type: 'array',
          items: {
            type: 'object',
            required: ['uri', 'digest'],
            properties: {
              uri: { type: 'string' },
              digest: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
      },
    },
    runDetails: {
      type: 'object',
      required: ['builder'],
      properties: {
        builder: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', format: 'uri' } },
        },
        metadata: {
          type: 'object',
          properties: {
            invocationId: { type: 'string' },
            startedOn: timestamp,
            finishedOn: timestamp,
          },
        },
      },
    },
  },
} as const;

export const testResultSchema = {
  $id: 'https://slipway.dev/schemas/test-result-v0.1.json',
  type: 'object',
  required: ['result', 'configuration', 'passedTests', 'warnedTests', 'failedTests'],
  properties: {
    result: { enum: ['PASSED', 'WARNED', 'FAILED'] },
    configuration: { type: 'array', items: { type: 'object', required: ['name', 'digest'] } },
    url: { type: 'string' },
    passedTests: strings,
    warnedTests: strings,
    failedTests: strings,
  },
} as const;

const counts = (keys: readonly string[]) =>
  ({
    type: 'object',
    required: keys,
    additionalProperties: false,
    properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer', minimum: 0 }])),
  }) as const;

export const sarifSummarySchema = {
  $id: 'https://slipway.dev/schemas/sarif-summary-v1.json',
  type: 'object',
  required: ['tools', 'byLevel', 'bySeverity', 'total', 'report'],
  additionalProperties: false,
  properties: {
    tools: { type: 'array', items: { type: 'object', required: ['name', 'version'] } },
    byLevel: counts(['error', 'warning', 'note', 'none']),
    bySeverity: counts(['critical', 'high', 'medium', 'low', 'none']),
    total: { type: 'integer', minimum: 0 },
    report: {
      type: 'object',
      required: ['name', 'sha256'],
      properties: { name: { type: 'string' }, sha256 },
    },
  },
} as const;

export const changeRecordSchema = {
  $id: 'https://slipway.dev/schemas/change-record-v1.json',
  type: 'object',
  required: [
    'service',
    'version',
    'previousVersion',
    'commits',
    'pullRequests',
    'issues',
    'authors',
    'reviewers',
  ],
  additionalProperties: false,
  properties: {
    service: { type: 'string' },
    version: { type: 'string' },
    previousVersion: { type: ['string', 'null'] },
    commits: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'sha',
          'header',
          'author',
          'time',
          'changes',
          'pullRequests',
          'issues',
          'reviewers',
        ],
        properties: { time: timestamp, pullRequests: strings, issues: strings, reviewers: strings },
      },
    },
    pullRequests: strings,
    issues: strings,
    authors: strings,
    reviewers: strings,
    // Present only when a forge was asked: its pull requests, reviewers and lookup notes.
    forge: { type: 'object', required: ['kind', 'status', 'notes', 'changeRequests'] },
  },
} as const;

export const deploymentRecordSchema = {
  $id: 'https://slipway.dev/schemas/deployment-record-v1.json',
  type: 'object',
  required: [
    'service',
    'version',
    'environment',
    'action',
    'actor',
    'startedAt',
    'status',
    'rollbackTarget',
  ],
  properties: {
    service: { type: 'string' },
    version: { type: 'string' },
    environment: { type: 'string' },
    actor: { type: 'string' },
    startedAt: timestamp,
    finishedAt: { anyOf: [timestamp, { type: 'null' }] },
    status: { type: 'string' },
    rollbackTarget: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['version', 'digests'],
          properties: { version: { type: 'string' }, digests: strings },
        },
      ],
    },
  },
} as const;

export const checkResultsSchema = {
  $id: 'https://slipway.dev/schemas/check-results-v1.json',
  type: 'object',
  required: ['service', 'version', 'results'],
  additionalProperties: false,
  properties: {
    service: { type: 'string' },
    version: { type: 'string' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'status', 'details', 'url', 'recordedAt', 'recordedBy'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          status: { enum: ['passed', 'failed', 'pending'] },
          details: { type: ['string', 'null'] },
          url: { type: ['string', 'null'] },
          recordedAt: timestamp,
          recordedBy: { type: 'string' },
        },
      },
    },
  },
} as const;

export const sigstoreBundleSchema = {
  $id: 'https://slipway.dev/schemas/sigstore-bundle-v0.3-dsse-key.json',
  type: 'object',
  required: ['mediaType', 'verificationMaterial', 'dsseEnvelope'],
  properties: {
    mediaType: { const: 'application/vnd.dev.sigstore.bundle.v0.3+json' },
    verificationMaterial: {
      type: 'object',
      required: ['publicKey'],
      properties: {
        publicKey: { type: 'object', required: ['hint'], properties: { hint: { type: 'string' } } },
      },
    },
    dsseEnvelope: {
      type: 'object',
      required: ['payload', 'payloadType', 'signatures'],
      properties: {
        payload: { type: 'string', contentEncoding: 'base64' },
        payloadType: { type: 'string' },
        signatures: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['sig'],
            properties: { sig: { type: 'string' }, keyid: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
