import type { RecordSource } from "./unit.js";

/** A body named in the plan: a mass organisation (whose members receive broadcasts) or an office. */
export interface Organisation {
  id: string;
  name: string;
  short?: string;
  /** True for mass organisations (MTTQ, Hội Nông dân, …) whose members receive broadcasts. */
  massOrg: boolean;
  /** True for the Fatherland Front: it may speak to everyone in an area, not only members. */
  addressesEveryone?: boolean;
  source: RecordSource;
  active: boolean;
}
