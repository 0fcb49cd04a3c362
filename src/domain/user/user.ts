export const ROLES = ['admin', 'user', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly fullName: string | null;
  readonly role: Role;
  readonly isActive: boolean;
  readonly passwordHash: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
