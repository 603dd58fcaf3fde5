import type { Role } from './model.js';

/**
 * Pathway roles are people: managers say who fills each (settings `front-desk`, `coordinators`,
 * `nurses`, `providers`). A step's reminder goes to the people in its role; when nobody fills the
 * role it goes to the managers instead, and says why, so an empty role is noticed and filled.
 */
export interface Staffing {
  managers: readonly string[];
  frontDesk: readonly string[];
  coordinators: readonly string[];
  nurses: readonly string[];
  providers: readonly string[];
}

/** The roles a clinic fills with named people; `manager` is the managers, `all-staff` nobody in particular. */
export const STAFF_ROLES = ['front-desk', 'coordinator', 'nurse', 'provider'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The setting that holds each staff role's people. */
export const ROLE_SETTING: Record<StaffRole, 'front-desk' | 'coordinators' | 'nurses' | 'providers'> = {
  'front-desk': 'front-desk',
  coordinator: 'coordinators',
  nurse: 'nurses',
  provider: 'providers',
};

export function peopleIn(role: StaffRole, staffing: Staffing): readonly string[] {
  switch (role) {
    case 'front-desk':
      return staffing.frontDesk;
    case 'coordinator':
      return staffing.coordinators;
    case 'nurse':
      return staffing.nurses;
    case 'provider':
      return staffing.providers;
  }
}

/** Who a step owned by `role` is reminded to; `stoodIn`: the managers, because nobody fills the role. */
export function stepRecipients(role: Role, staffing: Staffing): { people: readonly string[]; stoodIn: boolean } {
  if (role === 'manager' || role === 'all-staff') return { people: staffing.managers, stoodIn: false };
  const people = peopleIn(role, staffing);
  return people.length ? { people, stoodIn: false } : { people: staffing.managers, stoodIn: true };
}
