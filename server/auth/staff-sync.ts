import type { StaffClaims, StaffMember } from '../../contract/index.js';
import type { Storage } from '../storage/storage.js';

/** The staff row a token describes: the portal is the source of identity. */
export function staffFromClaims(claims: StaffClaims): StaffMember {
  return {
    id: claims.sub,
    full_name: claims.name,
    avatar: claims.avatar ?? null,
    department: claims.department ?? null,
    role: claims.role ?? null,
  };
}

const MAX_REMEMBERED = 10_000;

/**
 * Told which department channels someone joined or left, so their members' lists can follow (and,
 * for the ones left, so their open subscriptions can be dropped).
 */
export type DepartmentChangeListener = (hotel: string, conversationIds: number[], change: { staffId: string; left: number[] }) => void;

/**
 * Keeps staff rows, and department channel membership, in step with token claims. Every authenticated
 * request passes through here, so an identity already written by this process costs no database write.
 */
export class StaffSync {
  private readonly written = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: Storage,
    private readonly onDepartmentChange: DepartmentChangeListener = () => undefined,
  ) {}

  /** Upserts the caller's row unless this process already wrote exactly these claims. */
  async sync(claims: StaffClaims): Promise<void> {
    const key = `${claims.hotel}\n${claims.sub}`;
    const staff = staffFromClaims(claims);
    const fingerprint = JSON.stringify(staff);
    if (this.written.get(key) === fingerprint) return;

    // Concurrent first requests of one person share one write.
    const running = this.inFlight.get(key);
    if (running) return running;
    const write = this.storage
      .upsertStaff(claims.hotel, staff)
      // The token's department decides the department channel: joined on first need, left when it changes.
      .then(() => this.storage.syncDepartment(claims.hotel, staff.id, staff.department))
      .then(({ joined, left }) => {
        const changed = joined === null ? left : [joined, ...left];
        if (changed.length > 0) this.onDepartmentChange(claims.hotel, changed, { staffId: staff.id, left });
        if (this.written.size >= MAX_REMEMBERED) this.written.clear();
        this.written.set(key, fingerprint);
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, write);
    return write;
  }
}
