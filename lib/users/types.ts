export type UserSummary = {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  /** Has a second factor (SPEC §10): the Users table shows it. */
  twoFactor: boolean;
  roles: { id: string; name: string }[];
  createdAt: Date;
};
