export type UserSummary = {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  roles: { id: string; name: string }[];
  createdAt: Date;
};
