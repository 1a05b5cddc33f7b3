import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/api-error.js';
import { uuidPipe } from '../../common/uuid.pipe.js';
import { CommentsService, type CommentThread } from '../../comments/comments.service.js';
import { PostCommentDto } from '../../comments/dto/comment-request.dto.js';
import { fieldText, validated } from '../page-input.js';
import { renderPage } from '../render.js';
import { Page, Viewer } from '../web-sessions.js';
import { anchorFromTopic, commentsModel, type CommentForm } from './pact-comments-view.js';

const PACT_ID = uuidPipe('PACT_NOT_FOUND');

type Form = Record<string, unknown>;

/** A revision number from a query string or form, or undefined when absent or not a number. */
function revisionParam(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : undefined;
}

/** The DTO's shape checks in words (its own messages would show a pattern). */
const SHAPE_WORDS = {
  about: 'What it is about: choose one of the stand-asides, commitments or the terms as a whole.',
  text: 'Your comment: write at most 2,000 characters.',
};

/** Which form field an error detail is about (`anchor.*` is the select, `text` the textarea). */
function fieldOf(detail: unknown): 'about' | 'text' | undefined {
  const field = (detail as { field?: unknown } | null)?.field;
  if (typeof field !== 'string') {
    return undefined;
  }
  return field.startsWith('anchor') ? 'about' : field === 'text' ? 'text' : undefined;
}

/** A refused comment as the form shows it: the service's words next to its field. */
function refusedForm(error: ApiError, about: string, text: string): CommentForm {
  const details = Array.isArray(error.details) ? (error.details as unknown[]) : [];
  const errors: { about?: string; text?: string } = {};
  for (const detail of details) {
    const field = fieldOf(detail);
    if (field) {
      errors[field] = error.code === 'VALIDATION_FAILED' ? SHAPE_WORDS[field] : error.message;
    }
  }
  const message =
    error.code === 'VALIDATION_FAILED'
      ? 'The comment was not added: correct what is marked below.'
      : error.message;
  return { about, text, message, errors };
}

/**
 * The comments on a pact's revisions as pages: reading them (any revision) and adding one. Who
 * may read and write, and what a comment may say, are `CommentsService`'s rules.
 */
@ApiExcludeController()
@Controller('pact/:id/comments')
export class PactCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Page()
  @Get()
  async page(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Query('revision') revision: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const thread = await this.comments.thread(viewer, id, revisionParam(revision));
    return this.render(request, reply, thread);
  }

  @Page()
  @Post()
  async add(
    @Viewer() viewer: Principal,
    @Param('id', PACT_ID) id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const about = fieldText(form, 'about');
    const text = fieldText(form, 'text');
    const back = fieldText(form, 'back') === 'pact' ? 'pact' : 'page';
    // Read first: someone who may not see the comments gets the 404 page, whatever they sent.
    const thread = await this.comments.thread(
      viewer,
      id,
      revisionParam(fieldText(form, 'revision')),
    );
    try {
      const dto = await validated({ anchor: anchorFromTopic(about), text }, PostCommentDto);
      await this.comments.post(viewer, id, thread.revision, dto);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 404) {
        throw error;
      }
      return this.render(request, reply, thread, refusedForm(error, about, text), error.status);
    }
    return reply.redirect(
      back === 'pact'
        ? `/pact/${id}#comments`
        : `/pact/${id}/comments?revision=${String(thread.revision)}#comments`,
      303,
    );
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    thread: CommentThread,
    form?: CommentForm,
    status = 200,
  ) {
    const revisions = Array.from({ length: thread.pact.currentRevision }, (_, i) => i + 1);
    return renderPage(
      request,
      reply,
      'pact-comments',
      {
        title: `${form ? 'Error: ' : ''}Comments on revision ${String(thread.revision)}: ${thread.pact.title}`,
        comments: commentsModel(thread, 'page', form),
        revisions,
      },
      status,
    );
  }
}
