export * from './api-access';
export * from './api-access-usage';
export * from './audit-logs';
export * from './roles';
export * from './sign-in-failures';
export * from './user-roles';
export * from './users';
export * from './expiry-notices';
