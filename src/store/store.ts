import type { AuditRepository } from "./audit-repository.js";
import type { BroadcastRepository } from "./broadcast-repository.js";
import type { ChatMenuRepository } from "./chat-menu-repository.js";
import type {
  AttemptRepository,
  ClaimRepository,
  SequenceRepository,
} from "./coordination-repositories.js";
import type { DialogRepository } from "./dialog-repository.js";
import type { FileRepository } from "./file-repository.js";
import type { InviteRepository } from "./invite-repository.js";
import type { MemberRepository } from "./member-repository.js";
import type { OutboxRepository } from "./outbox-repository.js";
import type {
  CampaignRepository,
  CriteriaRepository,
  OrganisationRepository,
  ReportFieldsRepository,
  UnitRepository,
} from "./reference-repositories.js";
import type { ReportRepository } from "./report-repository.js";
import type { StoryRepository } from "./story-repository.js";
import type { SummaryRepository } from "./summary-repository.js";

/** Operations on the store as a whole. */
export interface StoreMaintenance {
  /** Writes a consistent snapshot of everything into one file (mode 0600). */
  backup(file: string): Promise<{ file: string; bytes: number }>;
  /** Resolves once every acknowledged write is on disk. */
  flush(): Promise<void>;
  /**
   * A cheap change signal for caches: per repository name, a number that grows with every
   * write to that repository. Equal numbers between two calls on the same opened store mean
   * nothing was written in between; numbers are not comparable across restarts.
   */
  versions(): Promise<Partial<Record<RepositoryName, number>>>;
  /** Resolves once the store answers: a round trip to the database, for `/readyz`. */
  ping(): Promise<void>;
}

/** The name of one of the Store's repositories. */
export type RepositoryName = Exclude<keyof Store, "maintenance">;

/**
 * The Store port: everything the product keeps, in domain terms. Every method is async and
 * every value is plain JSON data, so the same port is served by the lowdb adapter, by a
 * running bot to the CLI over its socket, and later by PostgreSQL.
 */
export interface Store {
  units: UnitRepository;
  organisations: OrganisationRepository;
  criteria: CriteriaRepository;
  campaigns: CampaignRepository;
  reportFields: ReportFieldsRepository;
  members: MemberRepository;
  invites: InviteRepository;
  claims: ClaimRepository;
  attempts: AttemptRepository;
  sequences: SequenceRepository;
  dialogs: DialogRepository;
  reports: ReportRepository;
  outbox: OutboxRepository;
  broadcasts: BroadcastRepository;
  summaries: SummaryRepository;
  stories: StoryRepository;
  chatMenus: ChatMenuRepository;
  files: FileRepository;
  /** What administrators did to people's data (`members export`, `members forget`). */
  audit: AuditRepository;
  maintenance: StoreMaintenance;
}

/** The names of the Store's repositories, for adapters that forward calls. */
export const REPOSITORY_NAMES = [
  "units",
  "organisations",
  "criteria",
  "campaigns",
  "reportFields",
  "members",
  "invites",
  "claims",
  "attempts",
  "sequences",
  "dialogs",
  "reports",
  "outbox",
  "broadcasts",
  "summaries",
  "stories",
  "chatMenus",
  "files",
  "audit",
  "maintenance",
] as const satisfies readonly (keyof Store)[];
