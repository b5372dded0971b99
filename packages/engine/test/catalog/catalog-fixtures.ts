/** Realistic catalog-info.yaml files: several documents, other kinds beside the Components. */
export const paymentsCatalog = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: payments
spec:
  owner: group:default/team-payments
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  description: Takes card payments
  annotations:
    github.com/project-slug: acme/payments-api
    slipway.dev/risk-tier: regulated
    slipway.dev/lifecycle: dev, staging, pre-prod, prod
spec:
  type: service
  lifecycle: production
  owner: group:default/team-payments
  system: payments
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: money-utils
  namespace: finance
  annotations:
    backstage.io/source-location: url:https://gitlab.example.com/finance/money-utils/
spec:
  type: library
  lifecycle: experimental
  owner: team-finance
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-openapi
spec:
  type: openapi
  lifecycle: production
  owner: team-payments
  definition: "openapi: 3.0.0"
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-docs
spec:
  type: documentation
  lifecycle: production
  owner: team-payments
---
`;

export const webCatalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: storefront
  annotations:
    gitlab.com/project-slug: acme/storefront
spec:
  type: website
  lifecycle: production
  owner: team-web
`;

/** The second document misses spec.owner; the fourth has a risk tier we do not know. */
export const brokenCatalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: search
spec:
  type: service
  lifecycle: production
  owner: team-search
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: indexer
spec:
  type: service
  lifecycle: production
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-search
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ranker
  annotations:
    slipway.dev/risk-tier: extreme
spec:
  type: service
  lifecycle: production
  owner: team-search
`;
