import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  canView,
  checkComment,
  commenterCapacity,
  type CommenterCapacity,
  type Pact,
  type Terms,
} from '@pactroom/negotiation';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import {
  DEFAULT_LIMIT,
  decodeNumberCursor,
  toPage,
  type PageQueryDto,
} from '../common/pagination.js';
import { CommandThrottle } from '../pacts/command-throttle.js';
import { actorOf } from '../pacts/pact-command-locks.js';
import { PactErrors } from '../pacts/pacts.errors.js';
import { loadPact, pactIsVisible, revisionRow } from '../pacts/store/index.js';
import {
  commentById,
  commentPage,
  electorConsultations,
  insertComment,
  type CommentRow,
  type ElectorConsultation,
  type NewComment,
} from './comment-store.js';
import { electionResults } from '../reference/election-files.js';
import { CommentErrors } from './comments.errors.js';
import { anchorOf, type PostCommentDto } from './dto/comment-request.dto.js';
import type { CommentDto, CommentPageDto } from './dto/comment-response.dto.js';

/** A revision's comments with what a page needs to show them and offer the form. */
export interface CommentThread {
  readonly pact: {
    readonly id: string;
    readonly title: string;
    readonly status: string;
    readonly currentRevision: number;
  };
  /** The revision shown. */
  readonly revision: number;
  /** The revision's terms, seats named (what a comment may be about). */
  readonly standAsides: ReadonlyArray<Terms['standAsides'][number] & { constituencyName: string }>;
  readonly commitments: Terms['commitments'];
  /** All of the revision's comments, oldest first. */
  readonly comments: readonly CommentDto[];
  /** Whether `post` would let the caller write one now (it still checks the comment). */
  readonly mayComment: boolean;
  /** Whether the caller may open the pact itself (a consulted member may not, before ratification). */
  readonly seesPact: boolean;
}

/** How many comments a thread reads per query. */
const THREAD_BATCH = 500;

/**
 * How the caller stands towards one revision's comments: a participant (officer, HQ or overseeing
 * coordinator) reads and writes; a member consulted on that revision reads, and writes while the
 * consultation is open; an admin reads.
 */
type Standing =
  | { readonly kind: 'participant'; readonly capacity: CommenterCapacity }
  | { readonly kind: 'member'; readonly consultations: readonly ElectorConsultation[] }
  | { readonly kind: 'admin' };

/**
 * Comments anchored to the terms of a revision (issue 15). They stay with the revision they were
 * written on; a later revision starts with none, and the earlier ones show `current: false`.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly throttle: CommandThrottle,
  ) {}

  /** A page of revision `n`'s comments, oldest first. */
  async list(
    principal: Principal,
    pactId: string,
    n: number,
    page: PageQueryDto,
  ): Promise<CommentPageDto> {
    const manager = this.dataSource.manager;
    const { pact } = await this.standing(manager, principal, pactId, n, new Date());
    await this.termsOf(manager, pactId, n);
    const limit = page.limit ?? DEFAULT_LIMIT;
    const rows = await commentPage(manager, pactId, n, decodeNumberCursor(page.cursor), limit + 1);
    return toPage(
      rows,
      limit,
      (r) => [r.seq],
      (r) => toComment(r, pact),
    );
  }

  /**
   * Revision `n`'s comments (the current revision when `n` is undefined) with its terms and whether
   * the caller may add one: what the comment pages show. Who may read is `list`'s rule.
   */
  async thread(principal: Principal, pactId: string, n?: number): Promise<CommentThread> {
    const manager = this.dataSource.manager;
    const shown = n ?? (await loadPact(manager, pactId, false))?.revision.number ?? 1;
    const { pact, standing, visible } = await this.standing(
      manager,
      principal,
      pactId,
      shown,
      new Date(),
    );
    const terms = await this.termsOf(manager, pactId, shown);
    const rows: CommentRow[] = [];
    for (let after = 0; ;) {
      const batch = await commentPage(manager, pactId, shown, after, THREAD_BATCH);
      rows.push(...batch);
      const last = batch.at(-1);
      if (batch.length < THREAD_BATCH || !last) {
        break;
      }
      after = Number(last.seq);
    }
    const results = await electionResults(pact.election);
    const seats = new Map((results?.constituencies ?? []).map((c) => [c.onsCode, c.name]));
    return {
      pact: {
        id: pact.id,
        title: pact.title,
        status: pact.status,
        currentRevision: pact.revision.number,
      },
      revision: shown,
      standAsides: terms.standAsides.map((s) => ({
        ...s,
        constituencyName: seats.get(s.constituency) ?? s.constituency,
      })),
      commitments: terms.commitments,
      comments: rows.map((r) => toComment(r, pact)),
      mayComment:
        standing.kind === 'participant' ||
        (standing.kind === 'member' && standing.consultations.some((c) => c.open)),
      seesPact: visible,
    };
  }

  /** A comment on one stand-aside or commitment of revision `n` (or on its terms as a whole). */
  async post(
    principal: Principal,
    pactId: string,
    n: number,
    dto: PostCommentDto,
  ): Promise<CommentDto> {
    const found = await this.standing(this.dataSource.manager, principal, pactId, n, new Date());
    if (found.standing.kind === 'admin') {
      throw CommentErrors.readOnly();
    }
    // Counted before the comment is checked, as pact commands are: refused ones count too.
    await this.throttle.consume(principal.userId);
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const author = await this.authorOf(manager, found.standing, pactId, n, principal, now);
      const checked = checkComment(
        await this.termsOf(manager, pactId, n),
        anchorOf(dto.anchor),
        dto.text,
      );
      if (!checked.ok) {
        throw CommentErrors.refused(checked);
      }
      const id = randomUUID();
      const comment: NewComment = {
        id,
        pactId,
        revision: n,
        anchor: checked.anchor,
        text: checked.text,
        authorId: principal.userId,
        ...author,
        createdAt: now,
      };
      await insertComment(manager, comment);
      const row = await commentById(manager, id);
      if (!row) {
        throw PactErrors.notFound();
      }
      return toComment(row, found.pact);
    });
  }

  /**
   * The pact and the caller's standing on revision `n`, or 404 PACT_NOT_FOUND — for a pact that
   * exists as for one that does not: both look-ups (visibility, consultations) always run, and
   * the pact is loaded only when one of them lets the caller in.
   */
  private async standing(
    manager: EntityManager,
    principal: Principal,
    pactId: string,
    n: number,
    now: Date,
  ): Promise<{ pact: Pact; standing: Standing; visible: boolean }> {
    // Both always run, one after the other (`manager` may be a transaction's single connection).
    const seesPact = await pactIsVisible(manager, principal.grants, pactId);
    const consultations = await electorConsultations(manager, pactId, n, principal.userId, now);
    const pact =
      seesPact || consultations.length > 0 ? await loadPact(manager, pactId, false) : undefined;
    if (pact) {
      const actor = actorOf(principal);
      const visible = seesPact && canView(pact, actor);
      const capacity = visible ? commenterCapacity(pact, actor) : undefined;
      if (capacity) {
        return { pact, standing: { kind: 'participant', capacity }, visible };
      }
      if (consultations.length > 0) {
        return { pact, standing: { kind: 'member', consultations }, visible };
      }
      if (visible && principal.grants.some((g) => g.role === 'admin')) {
        return { pact, standing: { kind: 'admin' }, visible };
      }
    }
    throw PactErrors.notFound();
  }

  /**
   * The capacity a comment is recorded in. A member needs an open consultation on the revision,
   * held (shared lock) until the comment is in, so it cannot land after the close.
   */
  private async authorOf(
    manager: EntityManager,
    standing: Standing,
    pactId: string,
    n: number,
    principal: Principal,
    now: Date,
  ): Promise<Pick<NewComment, 'authorRole' | 'localPartyId' | 'party' | 'region'>> {
    if (standing.kind === 'participant') {
      const c = standing.capacity;
      return c.role === 'officer'
        ? { authorRole: 'officer', localPartyId: c.localPartyId, party: c.party, region: null }
        : { authorRole: c.role, localPartyId: null, party: c.party, region: c.region };
    }
    const locked = await electorConsultations(
      manager,
      pactId,
      n,
      principal.userId,
      now,
      'FOR SHARE OF c',
    );
    const open = locked.find((c) => c.open);
    if (!open) {
      throw CommentErrors.consultationClosed();
    }
    return { authorRole: 'member', localPartyId: null, party: open.party, region: open.region };
  }

  /** The terms of revision `n`, or 404 REVISION_NOT_FOUND. */
  private async termsOf(manager: EntityManager, pactId: string, n: number): Promise<Terms> {
    const row = await revisionRow(manager, pactId, n);
    if (!row) {
      throw PactErrors.revisionNotFound();
    }
    return JSON.parse(row.canonical_terms) as Terms;
  }
}

function toComment(row: CommentRow, pact: Pact): CommentDto {
  return {
    id: row.id,
    revision: row.revision,
    anchor: row.anchor,
    text: row.text,
    authorName: row.authorName,
    authorRole: row.authorRole,
    ...(row.localPartyName === null ? {} : { localPartyName: row.localPartyName }),
    party: row.party,
    ...(row.authorRole === 'officer' ? {} : { region: row.region }),
    createdAt: row.createdAt.toISOString(),
    current: row.revision === pact.revision.number,
  };
}
