import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import type { CommentThread } from '../../comments/comments.service.js';
import { CommentsService } from '../../comments/comments.service.js';
import type { CommentDto } from '../../comments/dto/comment-response.dto.js';
import { format } from '../format.js';

/** One thing a comment may be about: a choice in the form, a group in the list. */
export interface CommentTopic {
  /** The form's value: `general`, `stand-aside:<seat>:<party>` or `commitment:<index>`. */
  readonly value: string;
  readonly label: string;
}

export interface ShownComment extends CommentDto {
  /** The capacity it was written in, in words ("Lewes Labour officer"). */
  readonly capacity: string;
}

/** What was typed into a refused comment form, given back with the service's messages. */
export interface CommentForm {
  readonly about: string;
  readonly text: string;
  readonly message?: string;
  readonly errors: { readonly about?: string; readonly text?: string };
}

/** The model of `partials/revision-comments.eta`. */
export interface CommentsModel {
  readonly thread: CommentThread;
  readonly topics: readonly CommentTopic[];
  readonly groups: ReadonlyArray<CommentTopic & { readonly comments: readonly ShownComment[] }>;
  /** Where a successful comment returns to: the pact page or the comments page. */
  readonly back: 'pact' | 'page';
  readonly form?: CommentForm;
}

/** The form value naming a comment's anchor. */
function topicValue(anchor: CommentDto['anchor']): string {
  switch (anchor.kind) {
    case 'stand-aside':
      return `stand-aside:${anchor.constituency ?? ''}:${anchor.party ?? ''}`;
    case 'commitment':
      return `commitment:${String(anchor.index ?? -1)}`;
    default:
      return 'general';
  }
}

/** The anchor a form value names, for the API's DTO to check (an unknown shape fails there). */
export function anchorFromTopic(value: string): Record<string, unknown> {
  const [kind = '', first, second] = value.split(':');
  if (kind === 'stand-aside') {
    return { kind, constituency: first, party: second };
  }
  if (kind === 'commitment') {
    return { kind, index: /^[0-9]{1,4}$/.test(first ?? '') ? Number(first) : first };
  }
  return { kind };
}

function capacityOf(c: CommentDto): string {
  const party = format.party(c.party);
  switch (c.authorRole) {
    case 'officer':
      return `${c.localPartyName ?? party} officer`;
    case 'national':
      return c.region ? `${party} HQ, ${format.region(c.region)}` : `${party} HQ`;
    case 'coordinator':
      return `${party} coordinator, ${format.region(c.region ?? '')}`;
    case 'member':
      return c.region ? `${party} member, ${format.region(c.region)}` : `${party} member`;
  }
}

/** The thread as the partial shows it: topics from the revision's terms, comments grouped. */
export function commentsModel(
  thread: CommentThread,
  back: 'pact' | 'page',
  form?: CommentForm,
): CommentsModel {
  const topics: CommentTopic[] = [
    { value: 'general', label: 'the terms as a whole' },
    ...thread.standAsides.map((s) => ({
      value: `stand-aside:${s.constituency}:${s.party}`,
      label: `${s.constituencyName}: ${format.party(s.party)} stand aside for ${format.party(s.beneficiary)}`,
    })),
    ...thread.commitments.map((c, i) => ({
      value: `commitment:${String(i)}`,
      label: `commitment ${String(i + 1)} (${format.party(c.party)}): ${c.text}`,
    })),
  ];
  const known = new Set(topics.map((t) => t.value));
  const byTopic = new Map<string, ShownComment[]>();
  for (const c of thread.comments) {
    const value = known.has(topicValue(c.anchor)) ? topicValue(c.anchor) : 'general';
    byTopic.set(value, [...(byTopic.get(value) ?? []), { ...c, capacity: capacityOf(c) }]);
  }
  const groups = topics
    .filter((t) => byTopic.has(t.value))
    .map((t) => ({ ...t, comments: byTopic.get(t.value) ?? [] }));
  return { thread, topics, groups, back, ...(form ? { form } : {}) };
}

/** The pact page's comments: none (and no section) for a viewer who may not read them. */
@Injectable()
export class PactCommentsView {
  constructor(private readonly comments: CommentsService) {}

  async forPactPage(viewer: Principal, id: string): Promise<CommentsModel | null> {
    try {
      return commentsModel(await this.comments.thread(viewer, id), 'pact');
    } catch (error) {
      // A member reading a ratified pact they were not consulted on: the page, without comments.
      if (error instanceof ApiError && error.status === 404) {
        return null;
      }
      throw error;
    }
  }
}
