/** The development defaults: published with the code, so production refuses each of them. */
export const DEFAULT_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me';
export const DEFAULT_S3_KEYS = { access: 'minioadmin', secret: 'minioadmin' } as const;
export const DEFAULT_ADMIN = { username: 'admin', password: 'admin123' } as const;
