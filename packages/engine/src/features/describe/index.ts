export * from './create-describe-service.js';
export * from './describe-service.js';
